/**
 * The turning points of a finished summit, read from its final state: ballots one delegation decided, pledges
 * broken, the biggest swing in the alliance's cohesion, and what each piece of news did. The debrief opens with them.
 */
import type { Choice } from "./actions";
import { passes } from "./rules/count";
import type { Effect, ScenarioEvent, VotingRule } from "./scenario";
import type { Ballot, State } from "./state";

type Vote = Choice | "absent";

/** A ballot one delegation could have turned by voting otherwise (a failed consensus: one objection blocked it). */
export interface DecisiveVote {
  kind: "decisive-vote"; at: number; ballot: string; item: string; option: string; rule: VotingRule;
  result: "passed" | "failed"; margin: "one-objection" | "one-vote";
  /** Delegations whose different vote alone would have turned the result, in scenario order. */
  pivotal: string[];
  tally: { yes: number; no: number; abstain: number; absent: number };
}
/** An accepted pledge its maker broke, at the ballot that tested it. */
export interface BrokenPledge {
  kind: "broken-pledge"; at: number; commitment: string; by: string; to: string;
  item: string; target: string; promised: Choice; cast: Vote | null; ballot: string | null;
}
/** The largest change of cohesion in one step, and what caused it (a piece of news, a ballot's judged pledges). */
export interface CohesionSwing {
  kind: "cohesion-swing"; at: number; seq: number; from: number; to: number; delta: number;
  cause: { event: string; title: string } | { ballot: string; item: string } | null;
}
/** A piece of news (scripted or injected) and its effects: on relations, on priorities, on cohesion. */
export interface EventMoment {
  kind: "event"; at: number; seq: number; event: string | null; title: string; cohesionDelta: number;
  relations: { between: [string, string]; delta: number }[];
  priorities: { delegation: string; item: string; outcome: string; delta: number }[];
}
export type KeyMoment = DecisiveVote | BrokenPledge | CohesionSwing | EventMoment;

const ALTERNATIVES: Choice[] = ["yes", "no", "abstain"];
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The delegations whose different vote alone would have turned a closed ballot. */
export function pivotalVoters(b: Ballot, delegations: readonly string[]): string[] {
  const passed = b.result === "passed";
  return delegations.filter((d) => {
    const mine: Vote = b.votes[d] ?? "absent";
    return ALTERNATIVES.some((alt) => alt !== mine && passes(b.rule, { ...b.votes, [d]: alt }, delegations.length) !== passed);
  });
}

function tallyOf(b: Ballot, delegations: readonly string[]): DecisiveVote["tally"] {
  const t = { yes: 0, no: 0, abstain: 0, absent: 0 };
  for (const d of delegations) t[b.votes[d] ?? "absent"]++;
  return t;
}

/**
 * A closed ballot is decisive when one delegation decided it: under majority or qualified rules, when any single
 * vote cast otherwise would have turned it; under consensus or unanimity (where every yes could have blocked), when
 * it failed and exactly one delegation stood in its way.
 */
export function decisiveVotes(s: State): DecisiveVote[] {
  const ds = s.scenario.delegations.map((d) => d.id);
  const out: DecisiveVote[] = [];
  for (const b of s.ballots) {
    if (b.result === "open" || b.closedAt === null) continue;
    const pivotal = pivotalVoters(b, ds);
    const unanimous = b.rule === "consensus" || b.rule === "unanimity";
    if (pivotal.length === 0 || (unanimous && (b.result === "passed" || pivotal.length !== 1))) continue;
    const margin = b.result === "failed" && pivotal.length === 1 && b.votes[pivotal[0]!] === "no" ? "one-objection" : "one-vote";
    out.push({ kind: "decisive-vote", at: b.closedAt, ballot: b.id, item: b.item, option: b.option, rule: b.rule, result: b.result, margin, pivotal, tally: tallyOf(b, ds) });
  }
  return out;
}

/** Each accepted pledge judged broken, with the first closed ballot on its item and target where its maker voted otherwise. */
export function brokenPledges(s: State): BrokenPledge[] {
  const out: BrokenPledge[] = [];
  for (const c of s.commitments) {
    if (c.status !== "accepted") continue;
    for (const [by, to, pledge] of [[c.from, c.to, c.give], [c.to, c.from, c.want]] as const) {
      if (!pledge || c.judged[by] !== "broken") continue;
      const b = s.ballots.find((x) => x.result !== "open" && x.item === pledge.item && x.option === pledge.target && x.votes[by] !== pledge.vote);
      out.push({
        kind: "broken-pledge", at: b?.closedAt ?? c.at, commitment: c.id, by, to, item: pledge.item, target: pledge.target,
        promised: pledge.vote, cast: b ? b.votes[by] ?? "absent" : null, ballot: b?.id ?? null,
      });
    }
  }
  return out;
}

/** The step with the largest change in cohesion (the earliest of equals), or null if it never moved. */
export function biggestCohesionSwing(s: State): CohesionSwing | null {
  let best: CohesionSwing | null = null;
  for (let i = 1; i < s.cohesion.length; i++) {
    const a = s.cohesion[i - 1]!, b = s.cohesion[i]!;
    const delta = round3(b.value - a.value);
    if (delta === 0 || (best && Math.abs(delta) <= Math.abs(best.delta))) continue;
    const notice = s.notices.find((n) => n.kind === "event" && n.seq === b.seq);
    const ballot = s.ballots.find((x) => x.closedAt === b.at && x.result !== "open");
    const cause = notice ? { event: notice.event ?? "", title: notice.title } : ballot ? { ballot: ballot.id, item: ballot.item } : null;
    best = { kind: "cohesion-swing", at: b.at, seq: b.seq, from: a.value, to: b.value, delta, cause };
  }
  return best;
}

/** Every piece of news that broke, with its effects (from the scenario's full event list) and its cohesion change. */
export function eventMoments(s: State, events: readonly ScenarioEvent[] = []): EventMoment[] {
  return s.notices.filter((n) => n.kind === "event").map((n): EventMoment => {
    const e = events.find((x) => x.id === n.event);
    const effects: Effect[] = e?.effects ?? [];
    const i = s.cohesion.findIndex((c) => c.seq === n.seq);
    const before = i > 0 ? s.cohesion[i - 1]!.value : null;
    const after = i >= 0 ? s.cohesion[i]!.value : null;
    return {
      kind: "event", at: n.at, seq: n.seq, event: n.event ?? null, title: n.title,
      cohesionDelta: before === null || after === null ? 0 : round3(after - before),
      relations: effects.flatMap((f) => (f.kind === "relation" ? [{ between: f.between, delta: f.delta }] : [])),
      priorities: effects.flatMap((f) => (f.kind === "priority" ? [{ delegation: f.delegation, item: f.item, outcome: f.outcome, delta: f.delta }] : [])),
    };
  });
}

/** All the key moments of a summit, in the order they happened. */
export function keyMomentsOf(s: State, events?: readonly ScenarioEvent[]): KeyMoment[] {
  const swing = biggestCohesionSwing(s);
  const all: KeyMoment[] = [...decisiveVotes(s), ...brokenPledges(s), ...(swing ? [swing] : []), ...eventMoments(s, events)];
  // Stable: at equal times, the order above (a ballot, the pledges it broke, the swing it caused).
  return all.map((m, i) => ({ m, i })).sort((a, b) => a.m.at - b.m.at || a.i - b.i).map((x) => x.m);
}
