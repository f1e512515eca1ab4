/** What the table shows, read from a TableModel: no drawing here, and no rules — only what the view says. */
import type { Ballot, Proposal } from "../../../shared/state";
import { type TableModel, PHASE_LABEL, outcomeLabel } from "../model";
import { t } from "../i18n";

export type SeatPresence = "here" | "away" | "bot" | "empty";
export type Token = "pending" | "yes" | "no" | "abstain" | "absent";

export interface SeatInfo {
  id: string;
  name: string;
  leader: string;
  /** Seats (players and bots) at this delegation. */
  team: number;
  presence: SeatPresence;
  own: boolean;
  floor: boolean;
  /** This delegation's token on the open ballot, or null when no ballot is open or it has no signatory. */
  token: Token | null;
  /** Share of its own priorities met (0–1), once the summit has ended. */
  score: number | null;
  winner: boolean;
}

export interface DraftInfo {
  id: string;
  item: string;
  itemTitle: string;
  optionTitle: string;
  sponsor: string;
  cosponsors: string[];
  pendingAmendments: number;
}

export interface BallotInfo {
  id: string;
  itemTitle: string;
  optionTitle: string;
  rule: string;
  cast: number;
  voters: number;
}

export type ItemState = "adopted" | "rejected" | "postponed" | "voting" | "drafts" | "open";
export interface AgendaRow { id: string; title: string; state: ItemState; detail: string }

export interface TableInfo {
  status: TableModel["update"]["view"]["status"];
  phase: string;
  /** The chair has paused the summit: drawn as a banner nobody can miss. */
  paused: boolean;
  round: string;
  seats: SeatInfo[];
  ballot: BallotInfo | null;
  /** Drafts on the table (tabled, not yet voted), newest first. */
  drafts: DraftInfo[];
  agenda: AgendaRow[];
  cohesion: number | null;
  /** The summit ended having adopted too little: nobody won. */
  failed: boolean;
  place: string;
  date: string;
}

const RULES = ["consensus", "unanimity", "majority", "qualified"];
const ruleLabel = (rule: string): string => (RULES.includes(rule) ? t(`scenes:rule.${rule}`) : rule);

/** Item and option titles of a draft or ballot ("postpone" is the motion to postpone the item). */
export function optionTitles(m: TableModel, item: string, option: string): { itemTitle: string; optionTitle: string } {
  const it = m.welcome.scenario.items.find((i) => i.id === item);
  const optionTitle = option === "postpone"
    ? t("scenes:postpone")
    : it?.options.find((o) => o.id === option)?.title ?? option;
  return { itemTitle: it?.title ?? item, optionTitle };
}

function presenceOf(m: TableModel, delegation: string): { team: number; presence: SeatPresence } {
  const { seats } = m.update.view;
  const mine = Object.keys(seats).filter((k) => seats[k]?.delegation === delegation);
  const p = mine.map((k) => m.update.presence[k] ?? (seats[k]?.bot ? "bot" : "away"));
  const presence: SeatPresence = p.includes("here") ? "here" : p.includes("away") ? "away" : p.includes("bot") ? "bot" : "empty";
  return { team: mine.length, presence };
}

function draftInfo(m: TableModel, p: Proposal): DraftInfo {
  return {
    id: p.id, item: p.item, ...optionTitles(m, p.item, p.option), sponsor: p.sponsor, cosponsors: p.cosponsors,
    pendingAmendments: p.amendments.filter((a) => a.status === "pending").length,
  };
}

function ballotInfo(m: TableModel, b: Ballot, voters: number): BallotInfo {
  return {
    id: b.id, ...optionTitles(m, b.item, b.option), rule: ruleLabel(b.rule),
    cast: Object.values(b.votes).filter((v) => v !== "absent").length, voters,
  };
}

function agendaOf(m: TableModel, open: Ballot | undefined): AgendaRow[] {
  const v = m.update.view;
  const outcomes = v.result?.outcomes ?? v.outcomes;
  return m.welcome.scenario.items.map((it) => {
    const outcome = outcomes[it.id];
    const drafts = v.proposals.filter((p) => p.item === it.id && p.status === "tabled").length;
    let state: ItemState = "open";
    if (outcome === "rejected" || outcome === "postponed") state = outcome;
    else if (outcome) state = "adopted";
    else if (open?.item === it.id) state = "voting";
    else if (drafts > 0) state = "drafts";
    const detail = outcome ? outcomeLabel(m, it.id, outcome)
      : state === "voting" ? t("scenes:agenda.voting")
      : state === "drafts" ? t("scenes:agenda.drafts", { count: drafts }) : t("outcome.open");
    return { id: it.id, title: it.title, state, detail };
  });
}

/** Everything the table scenes draw, derived from the model. */
export function describeTable(m: TableModel): TableInfo {
  const v = m.update.view;
  const scenario = m.welcome.scenario;
  const open = v.ballots.find((b) => b.result === "open");
  const own = m.update.you.delegation;
  const voters = scenario.delegations.filter((d) => v.delegations[d.id]?.signatory != null).length;
  const seats = scenario.delegations.map((d): SeatInfo => {
    const vote = open?.votes[d.id];
    const hasSignatory = v.delegations[d.id]?.signatory != null;
    return {
      id: d.id, name: d.name, leader: d.leader, ...presenceOf(m, d.id),
      own: d.id === own, floor: v.floor === d.id,
      token: !open ? null : vote ?? (hasSignatory ? "pending" : null),
      score: v.result?.scores[d.id]?.total ?? null,
      winner: v.result?.winners.includes(d.id) ?? false,
    };
  });
  // Once the summit has ended, drafts never voted on are history, not business on the table.
  const drafts = v.status === "ended" ? [] : v.proposals.filter((p) => p.status === "tabled").reverse().map((p) => draftInfo(m, p));
  // A pause is not a word in the phase line: the scenes draw it as a banner (TableInfo.paused).
  const phase = v.status === "lobby" ? t("scenes:phaseLobby")
    : v.status === "ended" ? t("scenes:phaseEnded")
    : PHASE_LABEL[v.phase ?? ""] ?? v.phase ?? "";
  return {
    status: v.status,
    phase,
    paused: v.status === "paused",
    round: v.round > 0 && v.status !== "ended" ? t("roundOf", { round: v.round, rounds: scenario.rounds }) : "",
    seats,
    ballot: open ? ballotInfo(m, open, voters) : null,
    drafts,
    agenda: agendaOf(m, open),
    cohesion: v.result?.cohesion ?? v.cohesion.at(-1)?.value ?? null,
    failed: v.result?.failed ?? false,
    place: scenario.place,
    date: scenario.date,
  };
}
