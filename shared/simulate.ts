/** The balance simulator: many seeded bot-only summits, summed up as outcome frequencies, win rates and cohesion. */
import { type GameRecord, playGame, type StrengthMix } from "./playGame";
import type { Scenario } from "./scenario";
import { inventedReason } from "./invented";
import { isAdopted, outcomesOf } from "./outcomes";

export type { StrengthMix } from "./playGame";

/** How many games to play, from which seed, with which bots and host. */
export interface SimulationOptions {
  games: number;
  seed: number;
  strength: StrengthMix;
  /** Chance the simulated host injects each unscripted event per round (0 = scripted events only). */
  hostEvents: number;
}

/** The sums over all games (shares are fractions of games, rounded to 4 decimals). */
export interface SimulationReport {
  scenario: string;
  games: number;
  seed: number;
  strength: StrengthMix;
  hostEvents: number;
  /** Share of games ending with each outcome, per agenda item (every possible outcome listed). */
  outcomes: Record<string, Record<string, number>>;
  /** Combined outcomes of the items the scenario's "historical" names, most frequent first (top 8). */
  combined: { items: string[]; top: { outcomes: Record<string, string>; share: number; historical: boolean }[]; historicalShare: number; historicalRank: number | null };
  /** Share of games each delegation is among the winners (a tie counts for everyone tied). */
  winRate: Record<string, number>;
  /** Mean normalised score of each delegation against its own priorities. */
  meanScore: Record<string, number>;
  meanCohesion: number;
  /** Mean degree centralization of the negotiation network (1 = a star), and how often each delegation was its hub. */
  meanCentralization: number;
  hubShare: Record<string, number>;
  /** Share of games in which the alliance adopted too little and nobody won. */
  failedShare: number;
  commitments: { offeredPerGame: number; acceptedPerGame: number; kept: number; broken: number; keptShare: number | null };
  meanActions: number;
  /** Bot actions the engine refused, in all games: a bot bug if not 0. */
  refused: number;
  /** Phases the host cut short because bots kept acting. */
  capped: number;
}

/**
 * An outcome as the historical record counts it: for an invented item that history never adopted, "rejected"
 * and "postponed" are the same record ("not adopted"), since it was never on the real agenda.
 */
export function recordOutcome(scenario: Scenario, item: string, outcome: string): string {
  const it = scenario.items.find((i) => i.id === item);
  const invented = it !== undefined && inventedReason(it) !== null;
  const past = scenario.historical[item];
  return invented && past !== undefined && !isAdopted(past) && !isAdopted(outcome) ? "not adopted" : outcome;
}

/** The seed of game `i` of a run seeded `seed`: game i is the same whatever the number of games. */
export const gameSeed = (seed: number, i: number): number => (Math.imul(seed, 1_000_003) + i) >>> 0;

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Plays `options.games` summits and sums them up; pure: the same options give the same report. */
export function simulate(scenario: Scenario, options: SimulationOptions): SimulationReport {
  const records: GameRecord[] = [];
  for (let i = 0; i < options.games; i++) {
    records.push(playGame(scenario, { seed: gameSeed(options.seed, i), strength: options.strength, hostEvents: options.hostEvents }).record);
  }
  return summarise(scenario, options, records);
}

/** Sums up game records into a report. */
export function summarise(scenario: Scenario, options: SimulationOptions, records: readonly GameRecord[]): SimulationReport {
  const n = Math.max(1, records.length);
  const outcomes: Record<string, Record<string, number>> = {};
  for (const item of scenario.items) {
    const row: Record<string, number> = {};
    for (const k of outcomesOf(item)) row[k] = 0;
    for (const r of records) row[r.outcomes[item.id]!] = (row[r.outcomes[item.id]!] ?? 0) + 1;
    for (const k of Object.keys(row)) row[k] = round4(row[k]! / n);
    outcomes[item.id] = row;
  }
  const hist = scenario.historical;
  const items = Object.keys(hist).length > 0 ? Object.keys(hist) : scenario.items.map((i) => i.id);
  const combos = new Map<string, number>();
  const recordOf = (outcomes: Record<string, string | undefined>): string => items.map((i) => recordOutcome(scenario, i, outcomes[i] ?? "")).join("|");
  for (const r of records) {
    const key = recordOf(r.outcomes);
    combos.set(key, (combos.get(key) ?? 0) + 1);
  }
  const histKey = recordOf(hist);
  const ranked = [...combos.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const rank = ranked.findIndex(([k]) => k === histKey);
  const winRate: Record<string, number> = {};
  for (const d of scenario.delegations) winRate[d.id] = round4(records.filter((r) => r.winners.includes(d.id)).length / n);
  const meanScore: Record<string, number> = {};
  for (const d of scenario.delegations) meanScore[d.id] = round4(records.reduce((a, r) => a + (r.scores[d.id] ?? 0), 0) / n);
  const sum = (f: (r: GameRecord) => number): number => records.reduce((a, r) => a + f(r), 0);
  const kept = sum((r) => r.commitments.kept), broken = sum((r) => r.commitments.broken);
  return {
    scenario: scenario.id,
    games: records.length,
    seed: options.seed,
    strength: options.strength,
    hostEvents: options.hostEvents,
    outcomes,
    combined: {
      items,
      top: ranked.slice(0, 8).map(([k, count]) => {
        const parts = k.split("|");
        return { outcomes: Object.fromEntries(items.map((i, j) => [i, parts[j]!])), share: round4(count / n), historical: k === histKey };
      }),
      historicalShare: round4((combos.get(histKey) ?? 0) / n),
      historicalRank: Object.keys(hist).length > 0 && rank >= 0 ? rank + 1 : null,
    },
    winRate,
    meanScore,
    meanCohesion: round4(sum((r) => r.cohesion) / n),
    meanCentralization: round4(sum((r) => r.centralization) / n),
    hubShare: Object.fromEntries(scenario.delegations.map((d) => [d.id, round4(records.filter((r) => r.hub === d.id).length / n)])),
    failedShare: round4(records.filter((r) => r.failed).length / n),
    commitments: {
      offeredPerGame: round4(sum((r) => r.commitments.offered) / n),
      acceptedPerGame: round4(sum((r) => r.commitments.accepted) / n),
      kept,
      broken,
      keptShare: kept + broken > 0 ? round4(kept / (kept + broken)) : null,
    },
    meanActions: round4(sum((r) => r.actions) / n),
    refused: sum((r) => r.refused),
    capped: sum((r) => r.capped),
  };
}
