/**
 * Final outcomes and scores. Each delegation is judged against its own secret priorities *and* against what its
 * country really got in 2016 (the bar to beat), plus its conduct: pledges kept and broken, objections raised,
 * ballots it let lapse, rounds it stayed silent, and its standing with the others. An alliance that adopts
 * nothing has no winners.
 */
import type { FinalResult, Outcome, Score, State } from "../state";
import { isAdopted, outcomesOf } from "../outcomes";
import { cohesionOf, delegationIds, pairKey } from "./context";
import { objectionsUsed } from "./ballots";

/** Points of the summit score for each kind of conduct (the outcome part spans -1 to 1). */
export const CONDUCT = {
  /** Per pledge kept, for at most `keptCap` pledges: deals that hold are worth making. */
  kept: 0.03,
  keptCap: 4,
  /** Per pledge broken: more than a broken pledge usually gains. */
  broken: 0.12,
  /** Per objection raised under consensus: a veto must be explained to the others and costs goodwill. */
  objection: 0.03,
  /** Per ballot that closed before the signatory voted: an empty chair. */
  lapsed: 0.03,
  /** Per round without an opening statement. */
  silent: 0.05,
  /** Times the mean relation with the others (from -1 to 1). */
  standing: 0.15,
} as const;

/** Outcome of every item: decided by a ballot, else "rejected" if an adoption vote failed, else "postponed". */
export function finalOutcomes(s: State): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  for (const item of s.scenario.items) {
    const decided = s.outcomes[item.id];
    const failed = s.ballots.some((b) => b.item === item.id && b.option !== "postpone" && b.result === "failed");
    out[item.id] = decided ?? (failed ? "rejected" : "postponed");
  }
  return out;
}

/** Every outcome key an item can end with. */
export function outcomeKeys(s: Pick<State, "scenario">, itemId: string): Outcome[] {
  return outcomesOf(s.scenario.items.find((i) => i.id === itemId) ?? { options: [] });
}

/** The bar each delegation must beat: history's outcome of each item, "postponed" (nothing decided) elsewhere. */
export function baselineOutcomes(s: Pick<State, "scenario">): Record<string, string> {
  return Object.fromEntries(s.scenario.items.map((it) => [it.id, s.scenario.historical[it.id] ?? "postponed"]));
}

/** Share of a delegation's tested pledges that it kept; 1 when none was tested. */
export function reputation(s: State, delegation: string): number {
  const { kept, broken } = pledgeRecord(s, delegation);
  return kept + broken === 0 ? 1 : Math.round((kept / (kept + broken)) * 1e4) / 1e4;
}

/** Pledges a delegation has kept and broken in accepted commitments. */
export function pledgeRecord(s: State, delegation: string): { kept: number; broken: number } {
  let kept = 0, broken = 0;
  for (const c of s.commitments) {
    const v = c.status === "accepted" ? c.judged[delegation] : undefined;
    if (v === "kept") kept++;
    if (v === "broken") broken++;
  }
  return { kept, broken };
}

/** Raw priority points, the normalised share, and the per-item points of a set of outcomes for one delegation. */
export function priorityShare(priorities: Record<string, Record<string, number>>, s: Pick<State, "scenario">, outcomes: Record<string, string>): { raw: number; share: number; perItem: Record<string, number> } {
  let raw = 0, lo = 0, hi = 0;
  const perItem: Record<string, number> = {};
  for (const item of s.scenario.items) {
    const weights = priorities[item.id] ?? {};
    const values = outcomeKeys(s, item.id).map((k) => weights[k] ?? 0);
    const got = weights[outcomes[item.id] ?? ""] ?? 0;
    perItem[item.id] = got;
    raw += got;
    lo += Math.min(...values);
    hi += Math.max(...values);
  }
  return { raw, share: hi > lo ? (raw - lo) / (hi - lo) : 1, perItem };
}

/** How far `share` moved from `bar` towards 1 (positive) or towards 0 (negative), in [-1, 1]. */
export function gainOver(share: number, bar: number): number {
  if (share >= bar) return bar >= 1 ? 0 : (share - bar) / (1 - bar);
  return bar <= 0 ? 0 : (share - bar) / bar;
}

/** Conduct points of a delegation, from its record. */
export function conductPoints(x: Pick<Score, "kept" | "broken" | "objections" | "lapsed" | "silent" | "standing">): number {
  return CONDUCT.kept * Math.min(x.kept, CONDUCT.keptCap) - CONDUCT.broken * x.broken - CONDUCT.objection * x.objections -
    CONDUCT.lapsed * x.lapsed - CONDUCT.silent * x.silent + CONDUCT.standing * x.standing;
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Mean relation of a delegation with all the others. */
export function standingOf(s: State, d: string): number {
  const others = delegationIds(s).filter((x) => x !== d);
  if (others.length === 0) return 0;
  return others.reduce((a, o) => a + (s.relations[pairKey(d, o)] ?? 0), 0) / others.length;
}

/** Scores every delegation, picks the winners (highest total, reputation breaking ties) unless the summit failed. */
export function scoreSummit(s: State): FinalResult {
  const outcomes = finalOutcomes(s);
  const bar = baselineOutcomes(s);
  const scores: Record<string, Score> = {};
  for (const d of s.scenario.delegations) {
    const pr = s.delegations[d.id]?.priorities ?? {};
    const got = priorityShare(pr, s, outcomes);
    const baseline = priorityShare(pr, s, bar).share;
    const { kept, broken } = pledgeRecord(s, d.id);
    const record = {
      kept, broken,
      objections: objectionsUsed(s, d.id),
      lapsed: s.ballots.filter((b) => b.lapsed.includes(d.id)).length,
      silent: Math.max(0, s.round - (s.delegations[d.id]?.speeches ?? 0)),
      standing: r4(standingOf(s, d.id)),
    };
    const gain = gainOver(got.share, baseline);
    scores[d.id] = {
      raw: got.raw, priority: r4(got.share), reputation: reputation(s, d.id), perItem: got.perItem,
      baseline: r4(baseline), gain: r4(gain), ...record, total: r4(gain + conductPoints(record)),
    };
  }
  const adopted = Object.values(outcomes).filter(isAdopted).length;
  const failed = adopted < s.scenario.minAdopted;
  let winners: string[] = [];
  if (!failed) {
    const best = Math.max(...Object.values(scores).map((x) => x.total));
    winners = Object.keys(scores).filter((k) => scores[k]?.total === best);
    const bestRep = Math.max(...winners.map((k) => scores[k]?.reputation ?? 0));
    winners = winners.filter((k) => scores[k]?.reputation === bestRep);
  }
  return { outcomes, scores, winners, cohesion: cohesionOf(s), failed };
}
