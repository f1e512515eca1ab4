/**
 * Every event the engine emits, by type: what an accepted action did, for clients to animate and announce.
 * State is read from views, never rebuilt from events. Public events reach everyone; addressed ones carry
 * `to`, the delegations that may see them before the end (everyone after it).
 */
import type { Choice } from "./actions";
import type { Phase, VotingRule } from "./scenario";
import type { Amendment, Ballot, Commitment, FinalResult, Message, Notice, Outcome, PreparedMove, Proposal } from "./state";

type None = Record<never, never>;

/** Events everyone at the table sees: type → fields. */
export interface PublicEvents {
  // the summit and its clock
  "summit.started": None;
  /** `remaining`: ms left in the phase, null when hand-paced. */
  "summit.paused": { remaining: number | null };
  "summit.resumed": { endsAt: number | null };
  "summit.ended": { result: FinalResult };
  "phase.changed": { round: number; phase: Phase; endsAt: number | null };
  "clock.extended": { seconds: number; endsAt: number | null };
  // seats
  "seat.joined": { seat: string; name: string; bot: boolean };
  "seat.left": { seat: string };
  /** `delegation` is null when the host unseats someone. */
  "seat.placed": { seat: string; delegation: string | null };
  // the news ticker: a host broadcast or a crisis event
  notice: { notice: Notice };
  // drafting
  "proposal.tabled": { proposal: Proposal };
  "proposal.cosponsored": { proposal: string; delegation: string };
  "proposal.withdrawn": { proposal: string };
  "amendment.offered": { proposal: string; amendment: Amendment };
  "amendment.accepted": { proposal: string; amendment: string; option: string };
  "amendment.rejected": { proposal: string; amendment: string; option: string };
  // voting
  "ballot.opened": { ballot: string; proposal: string; item: string; option: string; rule: VotingRule; closesAt: number };
  "vote.cast": { ballot: string; delegation: string; choice: Choice };
  "ballot.closed": { ballot: string; item: string; option: string; result: "passed" | "failed"; votes: Ballot["votes"]; lapsed: string[] };
  "item.decided": { item: string; outcome: Outcome };
}

/** Events only the delegations in `to` see before the end: type → fields. */
export interface AddressedEvents {
  // commitments: `to` is the two parties
  "commitment.offered": { commitment: Commitment };
  "commitment.accepted": { commitment: string };
  "commitment.declined": { commitment: string };
  "commitment.withdrawn": { commitment: string };
  "commitment.judged": { commitment: string; party: string; verdict: "kept" | "broken" };
  // advisers: `to` is the own delegation
  "portfolio.set": { seat: string; items: string[] };
  "prepared.added": { prepared: PreparedMove };
  /** `result`: the id of the proposal, amendment or commitment the move made. */
  "prepared.approved": { prepared: string; author: string; result: string | null };
  "prepared.discarded": { prepared: string; author: string; by: string };
}

type Public = { [T in keyof PublicEvents]: { type: T; to?: never } & PublicEvents[T] }[keyof PublicEvents];
type Addressed = { [T in keyof AddressedEvents]: { type: T; to: string[] } & AddressedEvents[T] }[keyof AddressedEvents];
/** A line of talk: public on the floor, addressed to the channel's members otherwise. */
type Said = { type: "message"; message: Message; to?: string[] };

/** Something that happened, for clients to animate; `to` limits who may see it. */
export type GameEvent = Public | Addressed | Said;
export type EventType = GameEvent["type"];
export type EventOf<T extends EventType> = Extract<GameEvent, { type: T }>;
