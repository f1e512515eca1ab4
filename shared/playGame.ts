/** One whole summit played engine-only by bots, the simulated host advancing when no bot has anything left to do. */
import type { Action, ActionInput } from "./actions";
import { apply, type ApplyResult } from "./apply";
import type { Strength } from "./bots/botAct";
import { type Policy, policyAct } from "./bots/policies";
import { legalActions } from "./legalActions";
import { openBallot } from "./rules/ballots";
import { negotiationNetwork } from "./debrief";
import { createSummit } from "./createSummit";
import { nextFloat, seedState, shuffle } from "./prng";
import type { Scenario } from "./scenario";
import type { State } from "./state";
import { viewFor } from "./viewFor";

/** A strength for every bot, or "mixed": each delegation's bot plain or strong by a coin toss per game. */
export type StrengthMix = Strength | "mixed";

/** How to play one simulated summit. */
export interface GameOptions {
  seed: number;
  strength: StrengthMix;
  /** Chance that the simulated host injects each unscripted event at the start of each round's consultations. */
  hostEvents: number;
  /** Keep the action log (for replays and tests). */
  keepLog?: boolean;
  /** Seats played by a fixed policy (or a set strength) instead of the strength mix, by delegation. */
  policies?: Record<string, Policy>;
}

/** What one simulated summit produced, for the simulator's sums. */
export interface GameRecord {
  outcomes: Record<string, string>;
  winners: string[];
  /** Each delegation's summit score (outcome gain over the historical bar plus conduct). */
  scores: Record<string, number>;
  /** Each delegation's share of its own priorities met, in [0, 1]. */
  priority: Record<string, number>;
  /** The alliance adopted too little: nobody won. */
  failed: boolean;
  /** How star-shaped the negotiation was (degree centralization, 1 = a star) and its busiest delegation. */
  centralization: number;
  hub: string | null;
  cohesion: number;
  /** Events that fired, scripted or injected, in order. */
  events: string[];
  strengths: Record<string, Strength>;
  commitments: { offered: number; accepted: number; kept: number; broken: number };
  /** Bot actions applied; bot actions the engine refused (a bot bug: should stay 0); phases cut short. */
  actions: number;
  refused: number;
  capped: number;
}

/** Most bot actions in one phase before the host moves on regardless. */
const PHASE_CAP = 250;
/** The seat id of a delegation's bot. */
export const botSeat = (delegation: string): string => `bot-${delegation.toLowerCase()}`;

/** Plays one summit to its end and returns its final state, a record of it and (if asked) its action log. */
export function playGame(scenario: Scenario, options: GameOptions): { state: State; record: GameRecord; log: Action[] } {
  let state = createSummit(scenario, { seed: options.seed, timing: "manual" });
  let sim = seedState(options.seed ^ 0x5bd1e995);
  let now = 1000;
  const log: Action[] = [];
  const step = (by: string, input: ActionInput): ApplyResult => {
    now += 1000;
    const r = apply(state, { ...input, by, at: now });
    if (r.ok) {
      state = r.state;
      if (options.keepLog) log.push(r.action);
    }
    return r;
  };
  const ids = scenario.delegations.map((d) => d.id);
  const strengths: Record<string, Strength> = {};
  const rngs: Record<string, number> = {};
  for (const [k, d] of scenario.delegations.entries()) {
    let strength: Strength;
    if (options.strength === "mixed") {
      const [f, n] = nextFloat(sim);
      sim = n;
      strength = f < 0.5 ? "plain" : "strong";
    } else strength = options.strength;
    strengths[d.id] = strength;
    rngs[d.id] = seedState(options.seed + 7919 * (k + 1));
    step("system", { type: "seat.join", seat: botSeat(d.id), name: `${d.name} (bot)`, bot: true });
    step("system", { type: "seat.assign", seat: botSeat(d.id), delegation: d.id, signatory: true });
  }
  step("host", { type: "host.start" });

  let actions = 0, refused = 0, capped = 0, inPhase = 0;
  let stuck = new Set<string>();
  let phaseKey = `${state.round}/${state.phase}`;
  const onPhaseChange = (): void => {
    const key = `${state.round}/${state.phase}`;
    if (key === phaseKey) return;
    phaseKey = key;
    inPhase = 0;
    stuck = new Set();
    if (state.phase === "consultations") injectHostEvents();
  };
  const injectHostEvents = (): void => {
    for (const e of [...state.pendingEvents]) {
      if (e.at !== undefined) continue;
      const [f, n] = nextFloat(sim);
      sim = n;
      if (f < options.hostEvents) step("host", { type: "host.inject", event: e.id });
    }
  };

  const ended = (): boolean => state.status === "ended";
  while (!ended()) {
    let acted = false;
    const [order, n] = shuffle(sim, ids);
    sim = n;
    for (const d of order) {
      if (stuck.has(d) || ended()) continue;
      const seat = botSeat(d);
      const policy: Policy = options.policies?.[d] ?? strengths[d]!;
      const legal = policy === "random" || policy === "yes" || policy === "no" || policy === "abstain" || policy === "breaker" ? legalActions(state, seat) : [];
      const move = policyAct(policy, viewFor(state, { kind: "delegation", delegation: d, seat }), seat, rngs[d]!, legal);
      rngs[d] = move.rng;
      if (!move.action) continue;
      const r = step(seat, move.action);
      if (!r.ok) {
        refused++;
        stuck.add(d);
        continue;
      }
      acted = true;
      actions++;
      inPhase++;
      onPhaseChange();
    }
    if (ended()) break;
    if (!acted || inPhase > PHASE_CAP) {
      if (acted) capped++;
      const b = openBallot(state);
      if (b && b.closesAt !== null && !acted) {
        // Nobody acts while a ballot waits: its own clock runs out, as it would at a live table.
        now = Math.max(now, b.closesAt - 1000);
        step("system", { type: "clock.tick" });
      } else step("host", { type: "host.advance" });
      onPhaseChange();
    }
  }

  const result = state.result!;
  const network = negotiationNetwork(state);
  let kept = 0, broken = 0;
  for (const c of state.commitments) {
    if (c.status !== "accepted") continue;
    for (const v of Object.values(c.judged)) {
      if (v === "kept") kept++;
      if (v === "broken") broken++;
    }
  }
  const record: GameRecord = {
    outcomes: result.outcomes,
    winners: result.winners,
    scores: Object.fromEntries(Object.entries(result.scores).map(([d, x]) => [d, x.total])),
    priority: Object.fromEntries(Object.entries(result.scores).map(([d, x]) => [d, x.priority])),
    failed: result.failed,
    centralization: network.centralization,
    hub: network.hub,
    cohesion: result.cohesion,
    events: state.notices.flatMap((n) => (n.event ? [n.event] : [])),
    strengths,
    commitments: { offered: state.commitments.length, accepted: state.commitments.filter((c) => c.status === "accepted").length, kept, broken },
    actions,
    refused,
    capped,
  };
  return { state, record, log };
}
