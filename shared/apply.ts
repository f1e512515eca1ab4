/** The engine's one entry point: the next state and its events, or a coded refusal. Never throws on input. */
import { type Action, type ActionType, actionSchema } from "./actions";
import type { ErrorCode } from "./errors";
import type { GameEvent, State } from "./state";
import { type Handler, isRefusal } from "./rules/context";
import * as seats from "./rules/seats";
import * as host from "./rules/host";
import { say } from "./rules/talk";
import * as drafting from "./rules/drafting";
import { vote } from "./rules/voting";
import * as commitments from "./rules/commitments";
import * as preparation from "./rules/preparation";

export type ApplyResult =
  | { ok: true; state: State; events: GameEvent[]; action: Action }
  | { ok: false; error: ErrorCode; detail?: string };

const handlers: { [T in ActionType]: Handler<T> } = {
  "seat.join": seats.join,
  "seat.leave": seats.leave,
  "seat.pick": seats.pick,
  "seat.assign": seats.assign,
  "host.start": host.start,
  "host.pause": host.pause,
  "host.resume": host.resume,
  "host.extend": host.extend,
  "host.advance": host.advanceByHost,
  "host.inject": host.inject,
  "host.broadcast": host.broadcast,
  "host.end": host.end,
  "clock.tick": host.tick,
  say,
  propose: drafting.propose,
  amend: drafting.amend,
  "amendment.accept": drafting.acceptAmendment,
  "amendment.reject": drafting.rejectAmendment,
  cosponsor: drafting.cosponsor,
  withdraw: drafting.withdraw,
  vote,
  "commit.offer": commitments.offer,
  "commit.accept": commitments.accept,
  "commit.decline": commitments.decline,
  "commit.withdraw": commitments.withdrawOffer,
  "team.portfolio": preparation.setPortfolio,
  prepare: preparation.prepare,
  "prepared.approve": preparation.approve,
  "prepared.discard": preparation.discard,
};

const HOST_ONLY = new Set<string>(["host.start", "host.pause", "host.resume", "host.extend", "host.advance", "host.inject", "host.broadcast", "host.end"]);
const SYSTEM_ONLY = new Set<string>(["seat.join", "seat.leave", "clock.tick"]);

/** Who may send an action type: the host, the server ("system") or a seat. */
function authorise(a: Action): ErrorCode | null {
  if (HOST_ONLY.has(a.type)) return a.by === "host" ? null : "NOT_HOST";
  if (SYSTEM_ONLY.has(a.type)) return a.by === "system" ? null : "NOT_SYSTEM";
  if (a.type === "seat.assign") return a.by === "host" || a.by === "system" ? null : "NOT_HOST";
  return a.by === "host" || a.by === "system" ? "NOT_SEATED" : null;
}

/** Applies one action (any value: it is checked first) to a state. */
export function apply(state: State, input: unknown): ApplyResult {
  const parsed = actionSchema.safeParse(input);
  if (!parsed.success) {
    const type = (input as { type?: unknown } | null)?.type;
    const known = typeof type === "string" && Object.hasOwn(handlers, type);
    return { ok: false, error: known ? "BAD_ACTION" : "UNKNOWN_ACTION", detail: parsed.error.issues[0]?.path.join(".") };
  }
  const action = parsed.data;
  const denied = authorise(action);
  if (denied) return { ok: false, error: denied };
  if (action.at < state.now) return { ok: false, error: "TIME_WENT_BACKWARDS" };
  if (state.status === "ended") return { ok: false, error: "SUMMIT_ENDED" };
  const events: GameEvent[] = [];
  const handler = handlers[action.type] as Handler<ActionType>;
  const next = handler({ ...state, now: action.at, seq: state.seq + 1 }, action as never, events);
  if (isRefusal(next)) return { ok: false, error: next.refused };
  return { ok: true, state: next, events, action };
}
