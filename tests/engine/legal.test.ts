import { describe, expect, it } from "vitest";
import { apply } from "../../shared/apply";
import fc from "fast-check";
import { type LegalAction, legalActions, sameLegalInputs } from "../../shared/legalActions";
import { isTemplate } from "../../shared/legalPreparation";
import { nextInt, seedState } from "../../shared/prng";
import { ENGINE_VERSION, replay } from "../../shared/replay";
import { scenarios } from "../../shared/scenarios";
import type { State } from "../../shared/state";
import { historicalYerevan, Table, votes } from "../builders";
import { opArb, RandomSummit, seatingArb } from "./randomPlay";

/** Templates (free text, commitment offers, prepared offers) and the host's empty broadcast are not concrete actions. */
const concrete = (a: LegalAction): boolean => !isTemplate(a);

const everyone = (s: State): string[] => ["host", ...Object.keys(s.seats)];

/** Applies every concrete legal action of every seat and the host to `s`; returns the refused ones. */
function refusedLegal(s: State, seen: Set<string>): string[] {
  const bad: string[] = [];
  for (const by of everyone(s)) {
    for (const a of legalActions(s, by).filter(concrete)) {
      seen.add(a.type);
      const r = apply(s, { ...a, by, at: s.now + 1000 });
      if (!r.ok) bad.push(`${s.status}/${s.phase} ${by} ${JSON.stringify(a)} -> ${r.error}`);
    }
  }
  return bad;
}

/** A Table whose every accepted action is followed by the legality check. */
class CheckedTable extends Table {
  readonly seen = new Set<string>();
  readonly failures: string[] = [];
  override try(by: string, input: Record<string, unknown>, at?: number) {
    const r = super.try(by, input, at);
    if (r.ok) this.failures.push(...refusedLegal(this.state, this.seen));
    return r;
  }
}

const CONCRETE_TYPES = [
  "seat.pick", "host.start", "host.pause", "host.resume", "host.extend", "host.advance", "host.inject", "host.end",
  "propose", "amend", "amendment.accept", "amendment.reject", "cosponsor", "withdraw", "vote",
  "commit.accept", "commit.decline", "commit.withdraw",
  "team.portfolio", "prepare", "prepared.approve", "prepared.discard",
];

describe("every concrete legal action is accepted", () => {
  it("along a scripted summit with advisors, a guest, pauses, drafts, amendments and commitments", () => {
    const t = new CheckedTable("yerevan-2016", "45");
    t.do("system", { type: "seat.join", seat: "guest", name: "Guest" });
    t.seatAll();
    t.do("system", { type: "seat.join", seat: "am-advisor", name: "Advisor" });
    t.do("am-advisor", { type: "seat.pick", delegation: "AM" });
    t.do("system", { type: "seat.join", seat: "bot-1", name: "Bot", bot: true });
    t.start();
    t.as("AM", { type: "say", channel: "public", text: "We expect solidarity." });
    t.do("host", { type: "host.pause" });
    t.do("host", { type: "host.resume" });
    t.advance();
    t.as("KZ", { type: "commit.offer", to: "KG", give: { item: "strategy-2025", target: "expanded", vote: "yes" }, want: null });
    t.as("RU", { type: "commit.offer", to: "AM", give: { item: "secretary-general", target: "postpone", vote: "yes" }, want: { item: "secretary-general", target: "postpone", vote: "yes" } });
    t.as("KG", { type: "commit.accept", commitment: t.state.commitments[0]!.id });
    t.advance();
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
    t.as("KZ", { type: "amend", proposal: t.proposal("karabakh-statement", "firm"), option: "balanced" });
    t.as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
    t.as("AM", { type: "propose", item: "secretary-general", option: "ohanyan" });
    t.as("TJ", { type: "propose", item: "strategy-2025", option: "core" });
    t.as("KG", { type: "amend", proposal: t.proposal("strategy-2025", "core"), option: "expanded" });
    t.as("TJ", { type: "amendment.accept", amendment: t.state.proposals.at(-1)!.amendments[0]!.id });
    t.as("BY", { type: "cosponsor", proposal: t.proposal("strategy-2025", "expanded") });
    t.as("AM", { type: "team.portfolio", seat: "am-advisor", items: ["missile-defence", "strategy-2025"] });
    t.do("am-advisor", { type: "prepare", move: { type: "propose", item: "missile-defence", option: "concern" } });
    t.do("am-advisor", { type: "prepare", move: { type: "commit.offer", to: "RU", give: { item: "missile-defence", target: "concern", vote: "yes" }, want: null } });
    t.as("AM", { type: "prepared.approve", prepared: t.state.prepared![0]!.id });
    t.advance();
    t.voteAll(votes("yes", { AM: "no" }));
    t.as("AM", { type: "vote", ballot: t.ballot, choice: "yes" });
    t.do("host", { type: "host.pause" });
    t.do("host", { type: "host.resume" });
    t.do("host", { type: "host.inject", event: "arms-deal" });
    t.advance();
    while (t.state.phase !== "voting") t.advance();
    t.do("host", { type: "host.end" });
    expect(t.failures).toEqual([]);
    expect([...t.seen].sort()).toEqual([...CONCRETE_TYPES].sort());
  });

  it("at every state of the historical Yerevan replay", () => {
    const scenario = scenarios["yerevan-2016"]!;
    const header = { scenarioId: scenario.id, scenarioVersion: scenario.version, engineVersion: ENGINE_VERSION, seed: 1, timing: "manual" as const };
    const failures: string[] = [];
    const seen = new Set<string>();
    const r = replay(scenario, header, historicalYerevan().log, (s) => failures.push(...refusedLegal(s, seen)));
    expect(r.ok).toBe(true);
    expect(failures).toEqual([]);
    expect(seen.has("vote") && seen.has("propose") && seen.has("commit.accept")).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("along a seeded random walk through legal actions (seed %i)", (seed) => {
    const t = new Table(seed % 2 ? "yerevan-2016" : "tutorial", seed > 2 ? "45" : "manual", seed).seatAll();
    for (const s of ["extra-1", "extra-2"]) t.do("system", { type: "seat.join", seat: s, name: s });
    let rng = seedState(seed);
    const draw = (n: number): number => {
      const [i, next] = nextInt(rng, n);
      rng = next;
      return i;
    };
    const failures: string[] = [];
    const seen = new Set<string>();
    const item = t.state.scenario.items[0]!;
    for (let step = 0; step < 400 && t.state.status !== "ended"; step++) {
      failures.push(...refusedLegal(t.state, seen));
      // The chair acts one time in twelve; delegations fill commitment templates with a simple pledge.
      const seats = Object.keys(t.state.seats).filter((k) => legalActions(t.state, k).some((a) => a.type !== "say"));
      const by = seats.length === 0 || draw(12) === 0 ? "host" : seats[draw(seats.length)]!;
      const options = legalActions(t.state, by)
        .map((a) => (a.type === "commit.offer" ? { ...a, give: { item: item.id, target: item.options[0]!.id, vote: "yes" }, want: null }
          : a.type === "prepare" && isTemplate(a) ? { ...a, move: { ...a.move, give: { item: item.id, target: item.options[0]!.id, vote: "yes" as const }, want: null } } : a))
        .filter((a) => a.type === "commit.offer" || (concrete(a) && a.type !== "host.end"));
      // Choose a kind of action first, so that a long list of amendments does not drown the rest.
      const types = [...new Set(options.map((a) => a.type))];
      const type = types[draw(types.length)];
      const ofType = options.filter((a) => a.type === type);
      const chosen = ofType[draw(ofType.length)];
      expect(t.try(by, chosen as Record<string, unknown>), JSON.stringify(chosen)).toMatchObject({ ok: true });
    }
    expect(failures).toEqual([]);
    expect(seen.size).toBeGreaterThan(9);
  });
});

describe("what legalActions offers", () => {
  it("offers an advisor talk and prepared moves only, a finished summit nothing, and the host no start once running", () => {
    const t = new Table().seatAll();
    t.do("system", { type: "seat.join", seat: "am-advisor", name: "Advisor" });
    t.do("am-advisor", { type: "seat.pick", delegation: "AM" });
    expect(legalActions(t.state, "am-advisor")).toEqual([{ type: "say", channel: "team:AM" }]);
    t.start().advance().advance();
    expect(legalActions(t.state, "am-advisor").every((a) => a.type === "say" || a.type === "prepare")).toBe(true);
    expect(legalActions(t.state, "seat-am").some((a) => a.type === "propose")).toBe(true);
    expect(legalActions(t.state, "host").map((a) => a.type)).not.toContain("host.start");
    expect(legalActions(t.state, "nobody")).toEqual([]);
    t.do("host", { type: "host.end" });
    expect(legalActions(t.state, "host")).toEqual([]);
    expect(legalActions(t.state, "seat-am")).toEqual([]);
  });
});

describe("legal moves kept across actions that change none of their inputs", () => {
  it("are exactly what legalActions gives for the new state, for every seat and the host (random summits)", () => {
    let kept = 0, changed = 0;
    fc.assert(
      fc.property(fc.integer(), seatingArb, fc.array(opArb, { minLength: 20, maxLength: 150 }), (seed, seating, ops) => {
        const game = new RandomSummit(scenarios["yerevan-2016"]!, "45", seed);
        const step = (input: unknown) => {
          const prev = game.state;
          const r = apply(prev, input);
          if (!r.ok) return;
          game.commit(r);
          if (!sameLegalInputs(prev, r.state)) { changed++; return; }
          kept++;
          for (const who of ["host", ...Object.keys(r.state.seats)]) {
            expect(legalActions(r.state, who), `${who} after ${String((input as { type?: string }).type)}`).toEqual(legalActions(prev, who));
          }
        };
        for (const input of game.seatingInputs(seating)) step(input);
        for (const op of ops) step(game.plan(op).input);
      }),
      { seed: 20161014, numRuns: 150 },
    );
    // Both kinds must have happened often for the property to mean anything.
    expect(kept).toBeGreaterThan(500);
    expect(changed).toBeGreaterThan(1000);
  }, 120_000);
});
