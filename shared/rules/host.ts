/** The host's controls and the clock tick. */
import type { GameEvent, State } from "../state";
import { type Handler, refuse, type Step } from "./context";
import { advance, endSummit, enterPhase } from "./phases";
import { fireEvent } from "./events";
import { holdBallotClock, nextDeadline } from "./ballots";
import { lapseBallot } from "./voting";

const notEnded = (s: State): Step | null => (s.status === "ended" ? refuse("SUMMIT_ENDED") : null);

export const start: Handler<"host.start"> = (s, _a, events) => {
  if (s.status !== "lobby") return refuse("NOT_IN_LOBBY");
  events.push({ type: "summit.started" });
  return enterPhase({ ...s, status: "running" }, 1, "opening", events);
};

export const pause: Handler<"host.pause"> = (s, _a, events) => {
  if (s.status !== "running") return refuse("NOT_RUNNING");
  const remaining = s.clock.endsAt === null ? null : Math.max(0, s.clock.endsAt - s.now);
  events.push({ type: "summit.paused", remaining });
  return holdBallotClock({ ...s, status: "paused", clock: { endsAt: null, remaining } }, true);
};

export const resume: Handler<"host.resume"> = (s, _a, events) => {
  if (s.status !== "paused") return refuse("NOT_PAUSED");
  const endsAt = s.clock.remaining === null ? null : s.now + s.clock.remaining;
  events.push({ type: "summit.resumed", endsAt });
  return holdBallotClock({ ...s, status: "running", clock: { endsAt, remaining: null } }, false);
};

export const extend: Handler<"host.extend"> = (s, a, events) => {
  if (s.status !== "running" && s.status !== "paused") return refuse(s.status === "ended" ? "SUMMIT_ENDED" : "NOT_RUNNING");
  const ms = a.seconds * 1000;
  const { endsAt, remaining } = s.clock;
  if (endsAt === null && remaining === null) return refuse("NO_DEADLINE");
  const clock = { endsAt: endsAt === null ? null : endsAt + ms, remaining: remaining === null ? null : remaining + ms };
  events.push({ type: "clock.extended", seconds: a.seconds, endsAt: clock.endsAt });
  return { ...s, clock };
};

export const advanceByHost: Handler<"host.advance"> = (s, _a, events) => {
  if (s.status !== "running") return refuse(s.status === "ended" ? "SUMMIT_ENDED" : "NOT_RUNNING");
  return advance(s, events);
};

/** The clock acts: an open ballot whose time is up closes (the queue moves on); else a phase that is over ends. */
export const tick: Handler<"clock.tick"> = (s, _a, events) => {
  if (s.status !== "running") return refuse(s.status === "ended" ? "SUMMIT_ENDED" : "NOT_RUNNING");
  const due = nextDeadline(s);
  if (due === null) return refuse("NO_DEADLINE");
  if (s.now < due) return refuse("TOO_EARLY");
  // The phase's end wins when both are due: leaving voting closes the open ballot anyway.
  const phaseOver = s.clock.endsAt !== null && s.now >= s.clock.endsAt;
  return phaseOver ? advance(s, events) : lapseBallot(s, events);
};

export const inject: Handler<"host.inject"> = (s, a, events) => {
  const ended = notEnded(s);
  if (ended) return ended;
  if (s.status === "lobby") return refuse("NOT_RUNNING");
  if (a.event !== undefined) {
    const e = s.pendingEvents.find((p) => p.id === a.event);
    if (e) return fireEvent(s, e, events);
    return refuse(eventExisted(s, a.event) ? "EVENT_FIRED" : "NO_SUCH_EVENT");
  }
  if (!a.title) return refuse("BAD_ACTION");
  return fireEvent(s, { id: `host-${s.seq}`, title: a.title, text: a.text ?? "", effects: [] }, events);
};

function eventExisted(s: State, id: string): boolean {
  return s.notices.some((n) => n.event === id);
}

export const broadcast: Handler<"host.broadcast"> = (s, a, events: GameEvent[]) => {
  const ended = notEnded(s);
  if (ended) return ended;
  const notice = { seq: s.seq, at: s.now, kind: "broadcast" as const, title: "Notice from the chair", text: a.text };
  events.push({ type: "notice", notice });
  return { ...s, notices: [...s.notices, notice] };
};

export const end: Handler<"host.end"> = (s, _a, events) => {
  const ended = notEnded(s);
  if (ended) return ended;
  return endSummit({ ...s, status: s.status === "lobby" ? "running" : s.status }, events);
};
