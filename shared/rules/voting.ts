/** Casting a vote; the ballot closes once every seated delegation has voted. */
import type { GameEvent, State } from "../state";
import { type Handler, refuse, requirePhase, signatoryDelegation } from "./context";
import { allVoted, closeBallot, isObjection, objectionsUsed, openBallot, openNextBallot } from "./ballots";
import { advance } from "./phases";

export const vote: Handler<"vote"> = (s, a, events) => {
  const phase = requirePhase(s, "voting");
  if (phase) return phase;
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const b = s.ballots.find((x) => x.id === a.ballot);
  if (!b) return refuse("NO_SUCH_BALLOT");
  if (b.result !== "open") return refuse("BALLOT_CLOSED");
  if (b.votes[d] !== undefined) return refuse("ALREADY_VOTED");
  if (isObjection(b.rule, a.choice) && objectionsUsed(s, d) >= s.scenario.objections) return refuse("NO_OBJECTIONS_LEFT");
  const cast = { ...b, votes: { ...b.votes, [d]: a.choice } };
  events.push({ type: "vote.cast", ballot: b.id, delegation: d, choice: a.choice });
  return settleBallot({ ...s, floor: d, ballots: s.ballots.map((x) => (x.id === b.id ? cast : x)) }, events);
};

/** Closes the open ballot once every seated delegation has voted, then opens the next or moves on to results. */
export function settleBallot(s: State, events: GameEvent[]): State {
  const b = s.status === "running" && s.phase === "voting" ? openBallot(s) : undefined;
  if (!b || !allVoted(s, b)) return s;
  return moveOn(s, events);
}

/** The open ballot's own time ran out: it closes with the missing votes counted as abstentions, and the queue moves on. */
export function lapseBallot(s: State, events: GameEvent[]): State {
  return moveOn(s, events);
}

function moveOn(s: State, events: GameEvent[]): State {
  const next = openNextBallot(closeBallot(s, events), events);
  return openBallot(next) ? next : advance(next, events);
}
