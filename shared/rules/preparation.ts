/** Advisers' jobs: the signatory gives each adviser a portfolio of items; advisers prepare moves the signatory approves or discards. */
import type { PreparedMoveInput } from "../actions";
import { canonicalJson } from "../hash";
import type { GameEvent, Message, PreparedMove, State } from "../state";
import { teamChannel } from "./channels";
import { checkPledge, offer } from "./commitments";
import { type Handler, isRefusal, newId, type Refusal, refuse, requirePhase, seatedDelegation, signatoryDelegation, type Step } from "./context";
import { amend, propose, validOption } from "./drafting";
import { describeMove, itemsOf } from "./preparedText";

/** Phases in which each kind of move may be prepared: those from which the move can still be made this round. */
export const PREPARE_PHASES: Record<PreparedMoveInput["type"], readonly string[]> = {
  propose: ["opening", "consultations", "drafting"],
  amend: ["drafting"],
  // the phases in which commitments may be offered (see commitments.ts)
  "commit.offer": ["opening", "consultations", "drafting", "voting"],
};
/** Pending prepared moves a delegation may hold at once: plenty for real work, too few to bury a signatory. */
export const MAX_PENDING = 12;

/** The items an adviser works on for its delegation; empty means any item. */
export const portfolioOf = (s: State, delegation: string, seat: string): string[] => s.portfolios?.[delegation]?.[seat] ?? [];

/** Whether a move touching `items` lies in the adviser's portfolio (an offer needs one of its two items there). */
export function inPortfolio(s: State, delegation: string, seat: string, items: readonly string[]): boolean {
  const mine = portfolioOf(s, delegation, seat);
  return mine.length === 0 || items.some((i) => mine.includes(i));
}

/** A delegation's pending prepared moves. */
export const pendingOf = (s: State, delegation: string): PreparedMove[] =>
  (s.prepared ?? []).filter((m) => m.delegation === delegation && m.status === "pending");

/** The same checks the move's own handler makes on its references, minus phase and signatory. */
function checkMove(s: State, d: string, move: PreparedMoveInput): Refusal | null {
  switch (move.type) {
    case "propose": return validOption(s, move.item, move.option, true);
    case "amend": {
      const p = s.proposals.find((x) => x.id === move.proposal && x.status === "tabled");
      if (!p) return refuse("NO_SUCH_PROPOSAL");
      if (p.option === "postpone" || p.option === move.option) return refuse("NO_SUCH_OPTION");
      return validOption(s, p.item, move.option, false);
    }
    case "commit.offer":
      if (!s.delegations[move.to] || move.to === d) return refuse("NO_SUCH_DELEGATION");
      return checkPledge(s, move.give) && (!move.want || checkPledge(s, move.want)) ? null : refuse("NO_SUCH_OPTION");
  }
}

/** Appends the engine's line in the team caucus that names who prepared, approved or discarded what. */
function teamLine(s: State, d: string, seat: string, text: string, prepared: NonNullable<Message["prepared"]>, events: GameEvent[]): State {
  const message: Message = { seq: s.seq, at: s.now, channel: teamChannel(d), from: d, seat, text, prepared };
  events.push({ type: "message", to: [d], message });
  return { ...s, messages: [...s.messages, message] };
}

const settle = (s: State, m: PreparedMove): State => ({ ...s, prepared: (s.prepared ?? []).map((x) => (x.id === m.id ? m : x)) });
const withoutNote = ({ note: _n, ...rest }: PreparedMoveInput): unknown => rest;
const nameOf = (s: State, seat: string): string => s.seats[seat]?.name ?? seat;

/** One of the delegation's prepared moves, still pending, or a refusal. */
function findPending(s: State, d: string, id: string): PreparedMove | Refusal {
  const m = (s.prepared ?? []).find((x) => x.id === id && x.delegation === d);
  if (!m) return refuse("NO_SUCH_PREPARED");
  return m.status === "pending" ? m : refuse("PREPARED_SETTLED");
}

/** The signatory sets the items one of its advisers works on. */
export const setPortfolio: Handler<"team.portfolio"> = (s, a, events) => {
  if (s.status === "paused") return refuse("NOT_RUNNING");
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const seat = s.seats[a.seat];
  if (!seat) return refuse("NO_SUCH_SEAT");
  if (seat.delegation !== d || a.seat === a.by) return refuse("NOT_ADVISER");
  if (a.items.some((i) => !s.scenario.items.some((x) => x.id === i))) return refuse("NO_SUCH_ITEM");
  // Kept in agenda order without repeats, so the same choice always gives the same state.
  const items = s.scenario.items.map((i) => i.id).filter((i) => a.items.includes(i));
  const team = { ...(s.portfolios?.[d] ?? {}) };
  if (items.length > 0) team[a.seat] = items;
  else delete team[a.seat];
  events.push({ type: "portfolio.set", to: [d], seat: a.seat, items });
  return { ...s, portfolios: { ...(s.portfolios ?? {}), [d]: team } };
};

/** An adviser prepares a draft, amendment or offer for the signatory; it waits, pending, in the team. */
export const prepare: Handler<"prepare"> = (s, a, events) => {
  const phase = requirePhase(s, ...PREPARE_PHASES[a.move.type]);
  if (phase) return phase;
  const d = seatedDelegation(s, a.by);
  if (typeof d !== "string") return d;
  // The signatory makes its moves itself.
  if (s.delegations[d]?.signatory === a.by) return refuse("NOT_ADVISER");
  const bad = checkMove(s, d, a.move);
  if (bad) return bad;
  if (!inPortfolio(s, d, a.by, itemsOf(s, a.move))) return refuse("NOT_IN_PORTFOLIO");
  const pending = pendingOf(s, d);
  // A draft or amendment already waiting is not prepared twice; offers, like offers themselves, may repeat.
  const key = canonicalJson(withoutNote(a.move));
  if (a.move.type !== "commit.offer" && pending.some((m) => canonicalJson(withoutNote(m.move)) === key)) return refuse("ALREADY_PREPARED");
  if (pending.length >= MAX_PENDING) return refuse("TOO_MANY_PREPARED");
  const [id, s1] = newId(s, "m");
  const entry: PreparedMove = {
    id, delegation: d, author: a.by, authorName: nameOf(s, a.by), move: a.move, note: a.note ?? "", status: "pending", at: s.now, settled: null,
  };
  events.push({ type: "prepared.added", to: [d], prepared: entry });
  const next = { ...s1, prepared: [...(s1.prepared ?? []), entry] };
  return teamLine(next, d, a.by, `${entry.authorName} prepared ${describeMove(s, a.move)}.`, { id, step: "prepared", author: a.by }, events);
};

/** Makes the move as the signatory, through its own handler: the same checks, the same events. */
function makeMove(s: State, move: PreparedMoveInput, by: string, at: number, events: GameEvent[]): Step {
  switch (move.type) {
    case "propose": return propose(s, { ...move, by, at }, events);
    case "amend": return amend(s, { ...move, by, at }, events);
    case "commit.offer": return offer(s, { ...move, by, at }, events);
  }
}

/** The id of what an accepted move created. */
function resultOf(next: State, move: PreparedMoveInput): string | null {
  switch (move.type) {
    case "propose": return next.proposals.at(-1)?.id ?? null;
    case "amend": return next.proposals.find((p) => p.id === move.proposal)?.amendments.at(-1)?.id ?? null;
    case "commit.offer": return next.commitments.at(-1)?.id ?? null;
  }
}

/** The signatory makes a prepared move as its own; a refused move leaves the entry pending. */
export const approve: Handler<"prepared.approve"> = (s, a, events) => {
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const m = findPending(s, d, a.prepared);
  if ("refused" in m) return m;
  // The move's events count only if it is accepted; a refusal leaves the entry pending.
  const made: GameEvent[] = [];
  const next = makeMove(s, m.move, a.by, a.at, made);
  if (isRefusal(next)) return next;
  const result = resultOf(next, m.move);
  events.push(...made, { type: "prepared.approved", to: [d], prepared: m.id, author: m.author, result });
  const settled = settle(next, { ...m, status: "approved", settled: { by: a.by, at: s.now, result } });
  return teamLine(settled, d, a.by, `${nameOf(s, a.by)} approved ${describeMove(s, m.move)}, prepared by ${m.authorName}.`, { id: m.id, step: "approved", author: m.author }, events);
};

/** The signatory or the move's author sets a prepared move aside. */
export const discard: Handler<"prepared.discard"> = (s, a, events) => {
  if (s.status !== "running") return refuse("NOT_RUNNING");
  const d = seatedDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const m = findPending(s, d, a.prepared);
  if ("refused" in m) return m;
  if (s.delegations[d]?.signatory !== a.by && m.author !== a.by) return refuse("NOT_SIGNATORY");
  events.push({ type: "prepared.discarded", to: [d], prepared: m.id, author: m.author, by: a.by });
  const settled = settle(s, { ...m, status: "discarded", settled: { by: a.by, at: s.now, result: null } });
  return teamLine(settled, d, a.by, `${nameOf(s, a.by)} discarded ${describeMove(s, m.move)}, prepared by ${m.authorName}.`, { id: m.id, step: "discarded", author: m.author }, events);
};
