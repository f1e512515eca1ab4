/**
 * A whole class session played engine-only on the real clock: several students per delegation, the signatory's
 * moves chosen by the bot policy, the others chatting in the caucus, in private lines and on the floor, the host
 * broadcasting and injecting events, and phases ending on clock ticks. Used for the corpus, tests and benchmarks.
 */
import type { Action, ActionInput } from "../shared/actions";
import { apply } from "../shared/apply";
import { botAct } from "../shared/bots/botAct";
import { createSummit } from "../shared/createSummit";
import { nextFloat, nextInt, seedState } from "../shared/prng";
import { ENGINE_VERSION, type SessionHeader } from "../shared/replay";
import { dmChannel, PUBLIC, teamChannel } from "../shared/rules/channels";
import type { Scenario } from "../shared/scenario";
import type { State, TimingPreset } from "../shared/state";
import { viewFor } from "../shared/viewFor";

export interface ClassOptions {
  seed: number;
  timing: Exclude<TimingPreset, "manual">;
  /** Students per delegation (the first one signs). */
  perDelegation: number;
  /** Chat messages each student sends per minute, on average. */
  chatPerMinute: number;
  /** Chance the host injects each unscripted event at the start of a round's consultations. */
  hostEvents?: number;
  /** Wall-clock time of the first action (ms since 1970). */
  start?: number;
  ruleOverrides?: SessionHeader["ruleOverrides"];
}

export interface ClassSession { header: SessionHeader; actions: Action[]; state: State; createdAt: number }

const SEAT_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** Plays a session to its end. Deterministic: the same scenario and options give the same log. */
export function playClassSession(scenario: Scenario, o: ClassOptions): ClassSession {
  const header: SessionHeader = { scenarioId: scenario.id, scenarioVersion: scenario.version, engineVersion: ENGINE_VERSION, seed: o.seed, timing: o.timing, ruleOverrides: o.ruleOverrides ?? {} };
  let state = createSummit(scenario, header);
  let rng = seedState(o.seed ^ 0x2545f491);
  const rand = (): number => { const [f, n] = nextFloat(rng); rng = n; return f; };
  const int = (n: number): number => { const [k, next] = nextInt(rng, n); rng = next; return k; };
  const createdAt = o.start ?? Date.UTC(2016, 9, 14, 7, 0);
  let now = createdAt;
  const actions: Action[] = [];
  const step = (by: string, input: ActionInput, at = now): boolean => {
    now = Math.max(now, at);
    const r = apply(state, { ...input, by, at: now });
    if (r.ok) { state = r.state; actions.push(r.action); }
    return r.ok;
  };
  const words = vocabulary(scenario);
  const sentence = (): string => {
    const n = 5 + int(20);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(words[int(words.length)]!);
    const text = out.join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1) + (rand() < 0.2 ? "?" : ".");
  };

  // Students arrive over the first minutes and pick their delegation.
  const ids = scenario.delegations.map((d) => d.id);
  const students: { seat: string; delegation: string; signs: boolean; next: number; rng: number }[] = [];
  for (let k = 0; k < o.perDelegation; k++) {
    for (const [j, d] of ids.entries()) {
      let seat = "";
      for (let i = 0; i < 10; i++) seat += SEAT_ALPHABET[int(SEAT_ALPHABET.length)];
      now += 2000 + int(15_000);
      step("system", { type: "seat.join", seat, name: `Student ${students.length + 1}` });
      step(seat, { type: "seat.pick", delegation: d });
      students.push({ seat, delegation: d, signs: k === 0, next: 0, rng: seedState(o.seed * 31 + j * 7 + k) });
    }
  }
  now += 60_000;
  step("host", { type: "host.start" });
  const gap = (perMinute: number): number => Math.round((-Math.log(1 - rand()) / perMinute) * 60_000);
  for (const s of students) s.next = now + (s.signs ? 5000 + int(20_000) : gap(o.chatPerMinute));
  let phaseKey = "";
  while (state.status !== "ended") {
    const key = `${state.round}/${state.phase}`;
    if (key !== phaseKey) {
      phaseKey = key;
      if (state.phase === "consultations") {
        for (const e of state.pendingEvents) if (e.at === undefined && rand() < (o.hostEvents ?? 0.3)) step("host", { type: "host.inject", event: e.id }, now + 30_000);
      }
      if (rand() < 0.3) step("host", { type: "host.broadcast", text: `The chair reminds delegations that the ${state.phase} phase is under way.` }, now + 10_000);
    }
    const deadline = state.clock.endsAt ?? Infinity;
    const who = students.reduce((a, b) => (b.next < a.next ? b : a));
    if (deadline <= who.next) {
      step("system", { type: "clock.tick" }, deadline + 5);
      continue;
    }
    now = Math.max(now, who.next);
    if (who.signs) {
      const move = botAct(viewFor(state, { kind: "delegation", delegation: who.delegation, seat: who.seat }), who.seat, "strong", who.rng);
      who.rng = move.rng;
      if (move.action) step(who.seat, move.action);
      who.next = now + (move.action ? 8000 + int(20_000) : 20_000 + int(20_000));
    } else {
      const r = rand();
      const others = ids.filter((d) => d !== who.delegation);
      const channel = r < 0.5 ? teamChannel(who.delegation) : r < 0.85 ? dmChannel(who.delegation, others[int(others.length)]!) : PUBLIC;
      step(who.seat, { type: "say", channel, text: sentence() });
      who.next = now + gap(o.chatPerMinute);
    }
  }
  return { header, actions, state, createdAt };
}

/** Words of the scenario's own texts: chat that reads (and compresses) like talk about this summit. */
function vocabulary(s: Scenario): string[] {
  const texts = [s.summary, ...s.delegations.flatMap((d) => [d.publicStance, d.briefing]), ...s.items.flatMap((i) => [i.description, ...i.options.map((o) => o.text)])];
  return [...new Set(texts.join(" ").toLowerCase().replace(/[^a-z' -]/g, " ").split(/\s+/).filter((w) => w.length > 1))];
}

/**
 * Plays a (forked) session on to its end with one bot per empty delegation: the bots take their seats, the host
 * resumes, and each bot acts every 15–35 s of summit time; phases end on clock ticks (or the host advances).
 */
export function continueWithBots(from: State, seed: number): { actions: Action[]; state: State } {
  let state = from;
  let rng = seedState(seed);
  const actions: Action[] = [];
  let now = state.now;
  const step = (by: string, input: ActionInput): boolean => {
    const r = apply(state, { ...input, by, at: now });
    if (r.ok) { state = r.state; actions.push(r.action); }
    return r.ok;
  };
  const bots: { seat: string; delegation: string; next: number; rng: number }[] = [];
  for (const [k, d] of state.scenario.delegations.entries()) {
    if (state.delegations[d.id]?.signatory) continue;
    const seat = `bot-${d.id.toLowerCase()}-${seed}`;
    now += 1000;
    step("system", { type: "seat.join", seat, name: `${d.name} (bot)`, bot: true });
    step("system", { type: "seat.assign", seat, delegation: d.id, signatory: true });
    bots.push({ seat, delegation: d.id, next: now + 5000 * (k + 1), rng: seedState(seed * 17 + k) });
  }
  now += 5000;
  if (state.status === "paused") step("host", { type: "host.resume" });
  if (state.status === "lobby") step("host", { type: "host.start" });
  let idle = 0;
  while (state.status !== "ended") {
    const who = bots.reduce((a, b) => (b.next < a.next ? b : a));
    const deadline = state.clock.endsAt ?? Infinity;
    if (deadline <= who.next || idle > 3 * bots.length) {
      now = Math.max(now, Math.min(deadline + 5, who.next));
      step("system", { type: "clock.tick" }) || step("host", { type: "host.advance" });
      idle = 0;
      continue;
    }
    now = who.next;
    const move = botAct(viewFor(state, { kind: "delegation", delegation: who.delegation, seat: who.seat }), who.seat, "plain", who.rng);
    who.rng = move.rng;
    const acted = move.action !== null && step(who.seat, move.action);
    idle = acted ? 0 : idle + 1;
    const [k, n] = nextInt(rng, 20_000);
    rng = n;
    who.next = now + 15_000 + k;
  }
  return { actions, state };
}
