/**
 * The summit's lasting record as the feed shows it: news (scenario events), the chair's notices, every closed ballot
 * with who voted how, and a recap at each Results phase. Read from the view alone (notices and ballots are public),
 * so a reload, a late joiner and a 2D canvas that missed an animation all see the same list.
 */
import type { Ballot } from "../../../shared/state";
import { type TableModel, delegationName, outcomeLabel } from "../model";
import { t } from "../i18n";
import { optionTitles } from "./describeTable";

export type VoteChoice = "yes" | "no" | "abstain" | "absent";

export interface NoticeEntry { kind: "news" | "notice"; key: string; at: number; title: string; text: string }
export interface BallotEntry {
  kind: "ballot"; key: string; at: number; round: number; itemTitle: string; optionTitle: string; passed: boolean;
  /** Delegations by how they voted, in seating order. */
  votes: Record<VoteChoice, { id: string; name: string }[]>;
}
export interface RecapEntry {
  kind: "recap"; key: string; at: number; round: number; final: boolean;
  ballots: { itemTitle: string; optionTitle: string; passed: boolean; tally: string }[];
  /** Items settled so far, with their outcome in words. */
  decided: { title: string; outcome: string }[];
}
export type FeedEntry = NoticeEntry | BallotEntry | RecapEntry;

const CHOICES: VoteChoice[] = ["yes", "no", "abstain", "absent"];

/** "4 yes · 1 no · 1 abstention" for a closed ballot. */
export function tallyOf(b: Ballot): string {
  const n = (c: VoteChoice) => Object.values(b.votes).filter((v) => v === c).length;
  return CHOICES.filter((c) => n(c) > 0).map((c) => t(`feed:tally.${c}`, { count: n(c) })).join(" · ");
}

function ballotEntry(m: TableModel, b: Ballot): BallotEntry {
  const votes: BallotEntry["votes"] = { yes: [], no: [], abstain: [], absent: [] };
  for (const d of m.welcome.scenario.delegations) {
    const v = b.votes[d.id];
    if (v) votes[v].push({ id: d.id, name: delegationName(m, d.id) });
  }
  return { kind: "ballot", key: `b:${b.id}`, at: b.closedAt ?? b.openedAt, round: b.round, ...optionTitles(m, b.item, b.option), passed: b.result === "passed", votes };
}

/** Whether the summit has reached (or passed) the Results phase of `round`. */
function resultsReached(m: TableModel, round: number): boolean {
  const v = m.update.view;
  return v.status === "ended" || v.round > round || (v.round === round && v.phase === "results");
}

function recapEntry(m: TableModel, round: number, closed: Ballot[]): RecapEntry {
  const v = m.update.view;
  const mine = closed.filter((b) => b.round === round);
  const final = v.status === "ended" && round === v.round;
  const outcomes = v.result?.outcomes ?? v.outcomes;
  // An item counts as settled in this round when its deciding ballot closed in it (or, at the end, whatever stands).
  const decided = m.welcome.scenario.items.flatMap((it) => {
    const o = outcomes[it.id];
    if (!o) return [];
    const last = closed.filter((b) => b.item === it.id && b.result === "passed").at(-1);
    if (!final && last?.round !== round) return [];
    return [{ title: it.title, outcome: outcomeLabel(m, it.id, o) }];
  });
  const at = Math.max(0, ...closed.filter((b) => b.round <= round).map((b) => b.closedAt ?? 0)) + 0.5;
  return {
    kind: "recap", key: `r:${round}`, at, round, final, decided,
    ballots: mine.map((b) => ({ ...optionTitles(m, b.item, b.option), passed: b.result === "passed", tally: tallyOf(b) })),
  };
}

/** Every entry of the feed, oldest first (new entries are appended; none is ever dropped). */
export function describeFeed(m: TableModel): FeedEntry[] {
  const v = m.update.view;
  const out: FeedEntry[] = v.notices.map((n): NoticeEntry => ({
    kind: n.kind === "event" ? "news" : "notice", key: `n:${n.seq}`, at: n.at, title: n.title, text: n.text,
  }));
  const closed = v.ballots.filter((b) => b.result !== "open");
  out.push(...closed.map((b) => ballotEntry(m, b)));
  for (let r = 1; r <= v.round; r++) if (resultsReached(m, r)) out.push(recapEntry(m, r, closed));
  // Stable by time; at equal times notices before ballots before recaps (the order they are produced in).
  const rank = { news: 0, notice: 0, ballot: 1, recap: 2 } as const;
  return out.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || rank[a.e.kind] - rank[b.e.kind] || a.i - b.i).map((x) => x.e);
}
