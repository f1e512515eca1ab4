/** A fresh summit in the lobby, from a scenario and the host's choices. */
import { seedState } from "./prng";
import type { Scenario, VotingRule } from "./scenario";
import type { DelegationState, State, TimingPreset } from "./state";
import { cohesionOf, pairKey } from "./rules/context";

export interface SummitOptions {
  seed: number;
  timing: TimingPreset;
  /** Voting rule per item id, replacing the scenario's. */
  ruleOverrides?: Record<string, VotingRule>;
}

/** Builds the initial state. Throws only on a programmer error (a scenario that did not pass `parseScenario`). */
export function createSummit(scenario: Scenario, options: SummitOptions): State {
  // Translations stay out of the state: they are no rule, and the state's hash must not depend on them.
  const { events, delegations: full, translations: _tr, ...rest } = scenario;
  const delegations: Record<string, DelegationState> = {};
  for (const d of full) delegations[d.id] = { signatory: null, spoke: false, speeches: 0, priorities: structuredClone(d.priorities) };
  const relations: Record<string, number> = {};
  for (let i = 0; i < full.length; i++) {
    for (let j = i + 1; j < full.length; j++) relations[pairKey(full[i]!.id, full[j]!.id)] = 0;
  }
  for (const r of scenario.relations) relations[pairKey(r.between[0], r.between[1])] = r.value;
  const rules: State["rules"] = {};
  for (const item of scenario.items) {
    rules[item.id] = { rule: options.ruleOverrides?.[item.id] ?? item.rule, postponeRule: item.postponeRule };
  }
  const state: State = {
    format: 1,
    scenario: structuredClone({ ...rest, delegations: full.map(({ priorities: _p, ...pub }) => pub) }),
    pendingEvents: structuredClone(events),
    seed: options.seed,
    rng: seedState(options.seed),
    timing: options.timing,
    rules,
    status: "lobby",
    round: 0,
    phase: null,
    clock: { endsAt: null, remaining: null },
    now: 0,
    seq: 0,
    nextId: 1,
    seats: {},
    delegations,
    relations,
    speakingOrder: full.map((d) => d.id),
    floor: null,
    messages: [],
    notices: [],
    proposals: [],
    ballots: [],
    outcomes: {},
    commitments: [],
    cohesion: [],
    result: null,
    // `portfolios` and `prepared` stay absent until an adviser's first use: recorded sessions keep their hashes.
  };
  return { ...state, cohesion: [{ seq: 0, at: 0, value: cohesionOf(state) }] };
}
