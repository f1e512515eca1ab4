/** Final outcomes, scores against each delegation's own priorities, reputation and cohesion. */
import type { FinalResult, Score, State } from "../state";
import { cohesionOf } from "./context";

/** Outcome of every item: decided by a ballot, else "rejected" if an adoption vote failed, else "postponed". */
export function finalOutcomes(s: State): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of s.scenario.items) {
    const decided = s.outcomes[item.id];
    const failed = s.ballots.some((b) => b.item === item.id && b.option !== "postpone" && b.result === "failed");
    out[item.id] = decided ?? (failed ? "rejected" : "postponed");
  }
  return out;
}

/** Every outcome key an item can end with. */
export function outcomeKeys(s: State, itemId: string): string[] {
  const item = s.scenario.items.find((i) => i.id === itemId);
  return [...(item?.options.map((o) => `adopted:${o.id}`) ?? []), "rejected", "postponed"];
}

/** Share of a delegation's tested pledges that it kept; 1 when none was tested. */
export function reputation(s: State, delegation: string): number {
  let kept = 0, tested = 0;
  for (const c of s.commitments) {
    const v = c.status === "accepted" ? c.judged[delegation] : undefined;
    if (v === "kept" || v === "broken") tested++;
    if (v === "kept") kept++;
  }
  return tested === 0 ? 1 : Math.round((kept / tested) * 1e4) / 1e4;
}

/**
 * Scores each delegation against its own (current) priorities, normalised to [0, 1] between the worst and
 * the best set of outcomes it could have had, so that every delegation can win. Highest score wins;
 * reputation breaks ties.
 */
export function scoreSummit(s: State): FinalResult {
  const outcomes = finalOutcomes(s);
  const scores: Record<string, Score> = {};
  for (const d of s.scenario.delegations) {
    const pr = s.delegations[d.id]?.priorities ?? {};
    let raw = 0, lo = 0, hi = 0;
    const perItem: Record<string, number> = {};
    for (const item of s.scenario.items) {
      const weights = pr[item.id] ?? {};
      const values = outcomeKeys(s, item.id).map((k) => weights[k] ?? 0);
      const got = weights[outcomes[item.id] ?? ""] ?? 0;
      perItem[item.id] = got;
      raw += got;
      lo += Math.min(...values);
      hi += Math.max(...values);
    }
    const priority = hi > lo ? Math.round(((raw - lo) / (hi - lo)) * 1e4) / 1e4 : 1;
    scores[d.id] = { raw, priority, reputation: reputation(s, d.id), perItem };
  }
  const best = Math.max(...Object.values(scores).map((x) => x.priority));
  let winners = Object.keys(scores).filter((k) => scores[k]?.priority === best);
  const bestRep = Math.max(...winners.map((k) => scores[k]?.reputation ?? 0));
  winners = winners.filter((k) => scores[k]?.reputation === bestRep);
  return { outcomes, scores, winners, cohesion: cohesionOf(s) };
}
