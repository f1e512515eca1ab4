/** Small building blocks shared by the rule modules. */
import type { ActionOf, ActionType } from "../actions";
import type { ErrorCode } from "../errors";
import type { GameEvent, State } from "../state";

export interface Refusal { refused: ErrorCode }
export type Step = State | Refusal;
/** A rule: takes the state (already stamped with the action's time) and returns the next one or a refusal. */
export type Handler<T extends ActionType> = (s: State, a: ActionOf<T>, events: GameEvent[]) => Step;

export const refuse = (code: ErrorCode): Refusal => ({ refused: code });
export const isRefusal = (x: Step): x is Refusal => (x as Refusal).refused !== undefined;

/** Key of the relation between two delegations, the same either way round. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Allocates the next id with a prefix ("p7", "b3"). */
export function newId(s: State, prefix: string): [string, State] {
  return [`${prefix}${s.nextId}`, { ...s, nextId: s.nextId + 1 }];
}

/** The delegation of a seat, or a refusal if the seat is unknown or unplaced. */
export function seatedDelegation(s: State, seat: string): string | Refusal {
  const d = s.seats[seat]?.delegation;
  return d ?? refuse("NOT_SEATED");
}

/** The delegation whose signatory `seat` is, or a refusal. */
export function signatoryDelegation(s: State, seat: string): string | Refusal {
  const d = seatedDelegation(s, seat);
  if (typeof d !== "string") return d;
  return s.delegations[d]?.signatory === seat ? d : refuse("NOT_SIGNATORY");
}

/** Refuses unless the summit runs and is in one of `phases`. */
export function requirePhase(s: State, ...phases: string[]): Refusal | null {
  if (s.status === "lobby" || s.status === "paused") return refuse("NOT_RUNNING");
  if (s.status === "ended") return refuse("SUMMIT_ENDED");
  return s.phase !== null && phases.includes(s.phase) ? null : refuse("WRONG_PHASE");
}

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Alliance cohesion in [0, 1]: the mean of all pairwise relations, rescaled. */
export function cohesionOf(s: State): number {
  const values = Object.values(s.relations);
  if (values.length === 0) return 1;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.round(((mean + 1) / 2) * 1e4) / 1e4;
}

/** Appends the current cohesion to its history. */
export function recordCohesion(s: State): State {
  return { ...s, cohesion: [...s.cohesion, { seq: s.seq, at: s.now, value: cohesionOf(s) }] };
}

/** Shifts the relation between two delegations, keeping it within [-1, 1]. */
export function shiftRelation(rel: Record<string, number>, a: string, b: string, delta: number): void {
  const k = pairKey(a, b);
  rel[k] = Math.round(clamp((rel[k] ?? 0) + delta, -1, 1) * 1e4) / 1e4;
}

/** Delegation ids in scenario order. */
export const delegationIds = (s: State): string[] => s.scenario.delegations.map((d) => d.id);
