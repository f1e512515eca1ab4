/** The shape of a summit's state: plain JSON, nothing else. */
import type { Choice, Pledge, PreparedMoveInput } from "./actions";
import type { Phase, Priorities, Scenario, ScenarioEvent, VotingRule } from "./scenario";
import type { TimingPreset } from "./timing";
import type { Outcome } from "./outcomes";

export type { Outcome, TimingPreset };
export type Status = "lobby" | "running" | "paused" | "ended";

/** The scenario without its secrets (priorities and the unfired events). */
export type PublicScenario = Omit<Scenario, "delegations" | "events"> & {
  delegations: Omit<Scenario["delegations"][number], "priorities">[];
};

export interface Seat { name: string; delegation: string | null; bot: boolean; joinedAt: number }

export interface DelegationState {
  signatory: string | null;
  spoke: boolean;
  /** Opening statements made so far (one per round at most). */
  speeches: number;
  /** Secret until the reveal; events may shift it. */
  priorities: Priorities;
}

export interface Message {
  seq: number; at: number; channel: string; from: string; seat: string; text: string;
  /** Set on the team-caucus line the engine writes when a prepared move is made, approved or discarded. */
  prepared?: { id: string; step: "prepared" | "approved" | "discarded"; author: string };
}
export interface Notice { seq: number; at: number; kind: "broadcast" | "event"; title: string; text: string; event?: string }

export interface Amendment { id: string; by: string; option: string; note: string; status: "pending" | "accepted" | "rejected" }
export interface Proposal {
  id: string;
  item: string;
  /** An option id of the item, or "postpone" for a motion to postpone it. */
  option: string;
  sponsor: string;
  cosponsors: string[];
  note: string;
  amendments: Amendment[];
  status: "tabled" | "withdrawn" | "balloting" | "adopted" | "failed" | "superseded";
  round: number;
}

export interface Ballot {
  id: string;
  proposal: string;
  item: string;
  option: string;
  rule: VotingRule;
  round: number;
  openedAt: number;
  closedAt: number | null;
  votes: Record<string, Choice | "absent">;
  result: "open" | "passed" | "failed";
  /** When the ballot closes by itself (null while the summit is paused: see `remaining`). */
  closesAt: number | null;
  remaining: number | null;
  /** Signatories who had not voted when the ballot closed: counted as abstaining. */
  lapsed: string[];
}

export interface Commitment {
  id: string;
  from: string;
  to: string;
  give: Pledge;
  want: Pledge | null;
  note: string;
  status: "offered" | "accepted" | "declined" | "withdrawn";
  at: number;
  /** How each party has honoured its pledge so far. */
  judged: Record<string, "untested" | "kept" | "broken">;
}

/** A move an adviser prepared for the signatory: secret to its delegation until the end. */
export interface PreparedMove {
  id: string;
  delegation: string;
  /** The adviser's seat, and its name then (the seat may leave). */
  author: string;
  authorName: string;
  move: PreparedMoveInput;
  /** The adviser's word to the signatory (the move's own note goes on the table). */
  note: string;
  status: "pending" | "approved" | "discarded";
  at: number;
  /** Who approved or discarded it, when, and the proposal, amendment or commitment an approval made. */
  settled: { by: string; at: number; result: string | null } | null;
}

/** How a delegation did: its outcomes against its own priorities and its historical bar, and its conduct. */
export interface Score {
  raw: number;
  /** Share of its own priorities met, in [0, 1] between its worst and best possible results. */
  priority: number;
  reputation: number;
  perItem: Record<string, number>;
  /** The same share for the historical result (the status quo where history has none): the bar to beat. */
  baseline: number;
  /** How far the result moved from the bar towards the best (up to 1) or the worst (down to -1). */
  gain: number;
  /** Mean relation with the other delegations, from -1 to 1. */
  standing: number;
  kept: number;
  broken: number;
  objections: number;
  /** Ballots that closed before the delegation's signatory voted. */
  lapsed: number;
  /** Rounds in which the delegation made no opening statement. */
  silent: number;
  /** The summit score: gain plus conduct. The highest total wins. */
  total: number;
}
export interface FinalResult {
  outcomes: Record<string, Outcome>;
  scores: Record<string, Score>;
  winners: string[];
  cohesion: number;
  /** The alliance adopted fewer items than the scenario's minimum: nobody wins. */
  failed: boolean;
}

export interface State {
  format: 1;
  scenario: PublicScenario;
  /** Events not yet fired: secret until they happen. */
  pendingEvents: ScenarioEvent[];
  seed: number;
  rng: number;
  timing: TimingPreset;
  rules: Record<string, { rule: VotingRule; postponeRule: VotingRule }>;
  status: Status;
  round: number;
  phase: Phase | null;
  clock: { endsAt: number | null; remaining: number | null };
  now: number;
  seq: number;
  nextId: number;
  seats: Record<string, Seat>;
  delegations: Record<string, DelegationState>;
  /** Keyed "A|B" with A < B; from -1 (hostile) to 1 (close). */
  relations: Record<string, number>;
  speakingOrder: string[];
  floor: string | null;
  messages: Message[];
  notices: Notice[];
  proposals: Proposal[];
  ballots: Ballot[];
  outcomes: Record<string, Outcome>;
  commitments: Commitment[];
  cohesion: { seq: number; at: number; value: number }[];
  result: FinalResult | null;
  /**
   * Agenda items each adviser works on, by delegation then seat; an adviser with none may work on any item.
   * This and `prepared` are absent until first used, so sessions recorded before them keep their hashes.
   */
  portfolios?: Record<string, Record<string, string[]>>;
  /** Moves advisers prepared for their signatory, oldest first. */
  prepared?: PreparedMove[];
}

/** Something that happened, for clients to animate: the union of every event is in events.ts. */
export type { GameEvent } from "./events";
