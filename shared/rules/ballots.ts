/** Ballots: which draft is voted next, and what a closed ballot decides. */
import type { Ballot, GameEvent, Proposal, State } from "../state";
import { newId, recordCohesion, shiftRelation } from "./context";
import { passes } from "./count";
import { judgeBallot } from "./commitments";
import { outcomeIfPassed } from "../outcomes";

/** The open ballot, if any. */
export const openBallot = (s: State): Ballot | undefined => s.ballots.find((b) => b.result === "open");

/** Drafts waiting for a vote, in the order the chair takes them: agenda order, motions to postpone first, then tabling order. */
export function ballotQueue(s: State): Proposal[] {
  const order = new Map(s.scenario.items.map((it, i) => [it.id, i]));
  return s.proposals
    .filter((p) => p.status === "tabled" && s.outcomes[p.item] === undefined)
    .sort((a, b) =>
      (order.get(a.item) ?? 0) - (order.get(b.item) ?? 0) ||
      Number(b.option === "postpone") - Number(a.option === "postpone") ||
      Number(a.id.slice(1)) - Number(b.id.slice(1)));
}

/** Opens a ballot on the next draft in the queue; leaves the state unchanged when the queue is empty. */
export function openNextBallot(s: State, events: GameEvent[]): State {
  const p = ballotQueue(s)[0];
  if (!p) return s;
  const rules = s.rules[p.item];
  const rule = p.option === "postpone" ? rules?.postponeRule ?? "majority" : rules?.rule ?? "consensus";
  const [id, s1] = newId(s, "b");
  const closesAt = s.now + s.scenario.ballotSeconds * 1000;
  const ballot: Ballot = {
    id, proposal: p.id, item: p.item, option: p.option, rule, round: s.round,
    openedAt: s.now, closedAt: null, votes: {}, result: "open", closesAt, remaining: null, lapsed: [],
  };
  events.push({ type: "ballot.opened", ballot: id, proposal: p.id, item: p.item, option: p.option, rule, closesAt });
  return {
    ...s1,
    ballots: [...s1.ballots, ballot],
    proposals: s1.proposals.map((q) => (q.id === p.id ? { ...q, status: "balloting" } : q)),
  };
}

/** True when every delegation that has a signatory has voted on the ballot. */
export function allVoted(s: State, b: Ballot): boolean {
  return s.scenario.delegations.every((d) => s.delegations[d.id]?.signatory == null || b.votes[d.id] !== undefined);
}

/**
 * Closes the open ballot: a signatory who has not voted is counted as abstaining (and listed as lapsed), a
 * delegation nobody sits at as absent; a pass decides the item.
 */
export function closeBallot(s: State, events: GameEvent[]): State {
  const b = openBallot(s);
  if (!b) return s;
  const votes = { ...b.votes };
  const lapsed: string[] = [];
  for (const d of s.scenario.delegations) {
    if (votes[d.id] !== undefined) continue;
    if (s.delegations[d.id]?.signatory != null) {
      votes[d.id] = "abstain";
      lapsed.push(d.id);
    } else votes[d.id] = "absent";
  }
  const passed = passes(b.rule, votes, s.scenario.delegations.length);
  const result = passed ? "passed" : "failed";
  const closed: Ballot = { ...b, votes, lapsed, closedAt: s.now, closesAt: null, remaining: null, result };
  const outcome = passed ? outcomeIfPassed(b.option) : null;
  const proposals = s.proposals.map((p): Proposal => {
    if (p.id === b.proposal) return { ...p, status: passed ? "adopted" : "failed" };
    if (passed && p.item === b.item && p.status === "tabled") return { ...p, status: "superseded" };
    return p;
  });
  // Voting together draws delegations closer; voting against each other pushes them apart.
  const relations = { ...s.relations };
  const ids = s.scenario.delegations.map((d) => d.id);
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = votes[ids[i] as string], c = votes[ids[j] as string];
      if ((a === "yes" || a === "no") && (c === "yes" || c === "no")) {
        shiftRelation(relations, ids[i] as string, ids[j] as string, a === c ? 0.02 : -0.04);
      }
    }
  }
  events.push({ type: "ballot.closed", ballot: b.id, item: b.item, option: b.option, result, votes, lapsed });
  if (outcome) events.push({ type: "item.decided", item: b.item, outcome });
  const next: State = {
    ...s,
    ballots: s.ballots.map((x) => (x.id === b.id ? closed : x)),
    proposals,
    relations,
    outcomes: outcome ? { ...s.outcomes, [b.item]: outcome } : s.outcomes,
  };
  return recordCohesion(judgeBallot(next, closed, events));
}

/** Whether a vote is an objection: a "no" where one "no" can block (consensus or unanimity). */
export const isObjection = (rule: Ballot["rule"], choice: string): boolean =>
  choice === "no" && (rule === "consensus" || rule === "unanimity");

/** Objections a delegation has raised so far in the summit. */
export function objectionsUsed(s: Pick<State, "ballots">, delegation: string): number {
  let n = 0;
  for (const b of s.ballots) if (isObjection(b.rule, b.votes[delegation] ?? "")) n++;
  return n;
}

/** Freezes the open ballot's own clock (the summit pauses) or restarts it (the summit resumes). */
export function holdBallotClock(s: State, hold: boolean): State {
  const b = openBallot(s);
  if (!b) return s;
  const next: Ballot = hold
    ? { ...b, closesAt: null, remaining: b.closesAt === null ? b.remaining : Math.max(0, b.closesAt - s.now) }
    : { ...b, closesAt: b.remaining === null ? b.closesAt : s.now + b.remaining, remaining: null };
  return { ...s, ballots: s.ballots.map((x) => (x.id === b.id ? next : x)) };
}

/** The next moment the clock must act on its own: a ballot closing or a phase ending, whichever is first. */
export function nextDeadline(s: State): number | null {
  if (s.status !== "running") return null;
  const b = s.phase === "voting" ? openBallot(s) : undefined;
  const times = [s.clock.endsAt, b?.closesAt ?? null].filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : null;
}
