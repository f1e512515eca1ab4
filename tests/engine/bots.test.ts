import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apply } from "../../shared/apply";
import { botAct, type Strength } from "../../shared/bots/botAct";
import { createSummit } from "../../shared/createSummit";
import { hash } from "../../shared/hash";
import { adopted } from "../../shared/outcomes";
import { botSeat, playGame } from "../../shared/playGame";
import { seedState } from "../../shared/prng";
import { replay, ENGINE_VERSION } from "../../shared/replay";
import { parseScenario, type Scenario } from "../../shared/scenario";
import { scenarios } from "../../shared/scenarios";
import { simulate } from "../../shared/simulate";
import type { State } from "../../shared/state";
import { viewFor } from "../../shared/viewFor";

const yerevan = scenarios["yerevan-2016"]!;
const STRENGTHS: Strength[] = ["plain", "strong"];

/** A one-item scenario where each delegation ranks three options best, middling and worst. */
function rankingScenario(rule: "consensus" | "majority" = "consensus"): Scenario {
  const weights = (best: string, worst: string) => ({
    pick: { [adopted(best)]: 5, [adopted(worst)]: -5, "adopted:c": 0, rejected: 0, postponed: 0 },
  });
  const delegation = (id: string, name: string, best: string, worst: string) => ({
    id, name, leader: `${name} leader`, colors: ["#123456"], publicStance: "Open.", briefing: "Brief.",
    priorities: weights(best, worst),
  });
  const r = parseScenario({
    format: 1, id: "ranking", version: 1, title: "Ranking", summary: "One item, three options.", place: "Minsk",
    date: "2016-01-01", rounds: 1,
    timings: { "45": { opening: 60, consultations: 60, drafting: 60, voting: 60, results: 60 }, "90": { opening: 60, consultations: 60, drafting: 60, voting: 60, results: 60 } },
    delegations: [delegation("AA", "Alpha", "a", "b"), delegation("BB", "Beta", "b", "a"), delegation("CC", "Gamma", "a", "b")],
    items: [{
      id: "pick", title: "Pick one", kind: "strategy", description: "Choose.", rule,
      options: [{ id: "a", title: "A", text: "Option A." }, { id: "b", title: "B", text: "Option B." }, { id: "c", title: "C", text: "Option C." }],
    }],
  });
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

/** A running summit of `scenario` with one bot seat per delegation, moved on to `phase` by the host. */
function seated(scenario: Scenario, phase: string, seed = 1): State {
  let s = createSummit(scenario, { seed, timing: "manual" });
  let at = 1000;
  const step = (by: string, input: Record<string, unknown>) => {
    const r = apply(s, { ...input, by, at: (at += 1000) });
    if (!r.ok) throw new Error(`${String(input.type)} refused: ${r.error}`);
    s = r.state;
  };
  for (const d of scenario.delegations) {
    step("system", { type: "seat.join", seat: botSeat(d.id), name: d.name, bot: true });
    step("system", { type: "seat.assign", seat: botSeat(d.id), delegation: d.id, signatory: true });
  }
  step("host", { type: "host.start" });
  while (s.phase !== phase) step("host", { type: "host.advance" });
  return s;
}

/** Applies a delegation's action to a state as its signatory would. */
function act(s: State, delegation: string, input: Record<string, unknown>): State {
  const r = apply(s, { ...input, by: botSeat(delegation), at: s.now + 1000 });
  if (!r.ok) throw new Error(`${String(input.type)} by ${delegation} refused: ${r.error}`);
  return r.state;
}

const ask = (s: State, d: string, strength: Strength, rng: number) =>
  botAct(viewFor(s, { kind: "delegation", delegation: d, seat: botSeat(d) }), botSeat(d), strength, rng);

describe("bots", () => {
  it("only send actions the engine accepts, in whole summits of every strength", () => {
    for (const strength of ["plain", "strong", "mixed"] as const) {
      for (let seed = 1; seed <= 4; seed++) {
        const { record, state } = playGame(yerevan, { seed, strength, hostEvents: 0.5 });
        expect(record.refused).toBe(0);
        expect(record.capped).toBe(0);
        expect(state.status).toBe("ended");
        expect(record.actions).toBeGreaterThan(30);
      }
    }
    const tutorial = playGame(scenarios.tutorial!, { seed: 3, strength: "strong", hostEvents: 1 });
    expect(tutorial.record.refused).toBe(0);
    expect(tutorial.state.status).toBe("ended");
  });

  it("use every kind of move over a few summits: statements, drafts, amendments, co-sponsors, commitments, votes", () => {
    const types = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      for (const a of playGame(yerevan, { seed, strength: "mixed", hostEvents: 0.25, keepLog: true }).log) types.add(a.type);
    }
    for (const t of ["say", "propose", "amend", "cosponsor", "commit.offer", "commit.accept", "commit.decline", "vote"]) expect(types).toContain(t);
  });

  it("decide the same whatever the other delegations' secret priorities are: they see a view, not the state", () => {
    const { log } = playGame(yerevan, { seed: 11, strength: "mixed", hostEvents: 0.25, keepLog: true });
    let checked = 0;
    const header = { scenarioId: yerevan.id, scenarioVersion: yerevan.version, engineVersion: ENGINE_VERSION, seed: 11, timing: "manual" as const };
    const r = replay(yerevan, header, log, (state, _events, i) => {
      if (i % 7 !== 0 || state.status !== "running") return;
      for (const d of yerevan.delegations.map((x) => x.id)) {
        // Scramble everyone else's priorities in the raw state: the bot's own view must not change, nor its move.
        const scrambled: State = structuredClone(state);
        for (const [other, del] of Object.entries(scrambled.delegations)) {
          if (other === d) continue;
          for (const item of Object.values(del.priorities)) for (const k of Object.keys(item)) item[k] = -item[k]! * 3 + 1;
        }
        const plainView = viewFor(state, { kind: "delegation", delegation: d, seat: botSeat(d) });
        expect(viewFor(scrambled, { kind: "delegation", delegation: d, seat: botSeat(d) })).toEqual(plainView);
        for (const strength of STRENGTHS) {
          const rng = seedState(i * 31 + checked);
          expect(ask(scrambled, d, strength, rng)).toEqual(ask(state, d, strength, rng));
        }
        checked++;
      }
    });
    expect(r.ok).toBe(true);
    expect(checked).toBeGreaterThan(30);
  });

  it("are written without Math.random, Date, Node or the raw State as input", () => {
    const dir = join(__dirname, "../../shared/bots");
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), "utf8");
      expect(src, f).not.toMatch(/Math\.random|\bDate\b|from "node:|from "colyseus|from "phaser|\bState\b/);
    }
  });

  it("are deterministic: the same seed gives the same summit, another seed another one", () => {
    const a = playGame(yerevan, { seed: 5, strength: "mixed", hostEvents: 0.25, keepLog: true });
    const b = playGame(yerevan, { seed: 5, strength: "mixed", hostEvents: 0.25, keepLog: true });
    const c = playGame(yerevan, { seed: 6, strength: "mixed", hostEvents: 0.25, keepLog: true });
    expect(b.log).toEqual(a.log);
    expect(hash(b.state)).toBe(hash(a.state));
    expect(hash(c.state)).not.toBe(hash(a.state));
    // The bot's own PRNG state is its only memory: the same view and state give the same move.
    const s = seated(yerevan, "opening");
    expect(ask(s, "AM", "plain", 42)).toEqual(ask(s, "AM", "plain", 42));
  });

  it("give the same simulation report for the same seed", () => {
    const opts = { games: 6, seed: 3, strength: "mixed" as const, hostEvents: 0.25 };
    expect(simulate(yerevan, opts)).toEqual(simulate(yerevan, opts));
  });

  it("open with a public statement in the opening phase, different for each delegation", () => {
    const s = seated(yerevan, "opening");
    const texts = yerevan.delegations.map((d) => {
      const move = ask(s, d.id, "plain", seedState(7));
      expect(move.action).toMatchObject({ type: "say", channel: "public" });
      return (move.action as { text: string }).text;
    });
    expect(new Set(texts).size).toBe(texts.length);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(600);
  });

  it("under consensus, a plain bot votes yes on its best option and no on its worst", () => {
    const scenario = rankingScenario();
    for (const [option, expected] of [["a", "yes"], ["b", "no"]] as const) {
      let s = seated(scenario, "drafting");
      s = act(s, "BB", { type: "propose", item: "pick", option });
      const r = apply(s, { type: "host.advance", by: "host", at: s.now + 1000 });
      if (!r.ok) throw new Error(r.error);
      s = r.state;
      expect(s.phase).toBe("voting");
      const ballot = s.ballots.find((b) => b.result === "open")!;
      for (let k = 0; k < 25; k++) {
        const move = ask(s, "AA", "plain", seedState(k));
        expect(move.action).toEqual({ type: "vote", ballot: ballot.id, choice: expected });
      }
    }
  });

  it("a bot that signs for no delegation waits", () => {
    const s = seated(yerevan, "drafting");
    const view = viewFor(s, { kind: "delegation", delegation: "RU", seat: botSeat("RU") });
    expect(botAct(view, "someone-else", "strong", 1)).toEqual({ action: null, rng: 1 });
    expect(botAct(viewFor(s, { kind: "spectator" }), botSeat("RU"), "strong", 1).action).toBeNull();
  });
});
