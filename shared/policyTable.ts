/** The policy table: for each seat, how often each way of playing it wins against the same seeds and opponents. */
import { type GameRecord, playGame, type StrengthMix } from "./playGame";
import { FIXED_POLICIES, type Policy, POLICIES } from "./bots/policies";
import type { Scenario } from "./scenario";
import { gameSeed } from "./simulate";

/** Win rates and mean scores per seat and policy, and the cells where a fixed policy beats the strong bot. */
export interface PolicyTable {
  scenario: string;
  games: number;
  seed: number;
  strength: StrengthMix;
  seats: string[];
  policies: Policy[];
  winRate: Record<string, Record<string, number>>;
  meanScore: Record<string, Record<string, number>>;
  beaten: { seat: string; policy: Policy; winRate: number; strong: number }[];
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Sums up records keyed "SEAT=POLICY" into the table. */
export function policyTable(
  scenario: Scenario, o: { games: number; seed: number; strength: StrengthMix; seats: string[]; policies?: readonly Policy[] },
  byKey: Map<string, GameRecord[]>,
): PolicyTable {
  const policies = [...(o.policies ?? POLICIES)];
  const winRate: PolicyTable["winRate"] = {}, meanScore: PolicyTable["meanScore"] = {};
  const beaten: PolicyTable["beaten"] = [];
  for (const seat of o.seats) {
    winRate[seat] = {};
    meanScore[seat] = {};
    for (const p of policies) {
      const rs = byKey.get(`${seat}=${p}`) ?? [];
      const n = Math.max(1, rs.length);
      winRate[seat][p] = round4(rs.filter((r) => r.winners.includes(seat)).length / n);
      meanScore[seat][p] = round4(rs.reduce((a, r) => a + (r.scores[seat] ?? 0), 0) / n);
    }
    const strong = winRate[seat]["strong"] ?? 0;
    for (const p of policies) {
      if (FIXED_POLICIES.includes(p) && (winRate[seat][p] ?? 0) > strong) beaten.push({ seat, policy: p, winRate: winRate[seat][p]!, strong });
    }
  }
  return { scenario: scenario.id, games: o.games, seed: o.seed, strength: o.strength, seats: o.seats, policies, winRate, meanScore, beaten };
}

/** Plays the table in this thread (for tests; the CLI spreads it over workers). */
export function playPolicyTable(
  scenario: Scenario, o: { games: number; seed: number; strength: StrengthMix; hostEvents: number; seats: string[]; policies?: readonly Policy[] },
): PolicyTable {
  const byKey = new Map<string, GameRecord[]>();
  for (const seat of o.seats) {
    for (const p of o.policies ?? POLICIES) {
      const rs: GameRecord[] = [];
      for (let i = 0; i < o.games; i++) {
        rs.push(playGame(scenario, { seed: gameSeed(o.seed, i), strength: o.strength, hostEvents: o.hostEvents, policies: { [seat]: p } }).record);
      }
      byKey.set(`${seat}=${p}`, rs);
    }
  }
  return policyTable(scenario, o, byKey);
}
