/**
 * Fair use at one table. A seat's lines come out of one budget whichever of its connections sends them (a student
 * with a laptop and a phone gets no more than one with a laptop), a seat has a few connections at most, and a
 * connection that keeps running into the limit is cut off.
 */
import type { GameEvent, Message } from "../shared/state";
import type { Limits } from "./config";

/** Actions that post a line in the seat's name once accepted: statements and private lines, and the team-caucus lines of prepared moves. */
const LINE_ACTIONS = new Set(["say", "prepare", "prepared.approve", "prepared.discard"]);

/** The times of recent happenings per key, forgotten once older than the window. */
class RecentTimes {
  private times = new Map<string, number[]>();
  constructor(private windowMs: number) {}

  count(key: string, now: number): number {
    const t = this.times.get(key);
    if (!t) return 0;
    while (t.length > 0 && now - t[0]! >= this.windowMs) t.shift();
    if (t.length === 0) this.times.delete(key);
    return t.length;
  }

  add(key: string, now: number, n = 1): void {
    const t = this.times.get(key) ?? [];
    for (let i = 0; i < n; i++) t.push(now);
    this.times.set(key, t);
  }

  forget(key: string): void { this.times.delete(key); }
}

/** Requests a connection may make for views and pages, per second: a client needs one now and then, not a stream. */
export const RESYNCS_PER_SECOND = 1;
export const HISTORY_PAGES_PER_SECOND = 4;

export class FairUse {
  private lines = new RecentTimes(10_000);
  private refusals = new RecentTimes(60_000);
  private requests = new RecentTimes(1_000);

  constructor(private limits: Limits) {}

  /** Whether a seat that already has `open` connections may open one more. */
  roomForConnection(open: number): boolean {
    return open < this.limits.connectionsPerSeat;
  }

  /** Whether `seat` may send `action` now; a line over the seat's budget is refused before the engine sees it. */
  allows(seat: string, action: { type?: unknown }, now = Date.now()): boolean {
    return !LINE_ACTIONS.has(String(action.type)) || this.lines.count(seat, now) < this.limits.linesPer10s;
  }

  /** Counts the lines an accepted action posted in the seat's name. */
  spend(seat: string, events: GameEvent[], now = Date.now()): void {
    const n = events.filter((e) => e.type === "message" && (e.message as Message | undefined)?.seat === seat).length;
    if (n > 0) this.lines.add(seat, now, n);
  }

  /** Counts a refusal against a connection; true once it has collected too many this minute and must go. */
  refused(connection: string, now = Date.now()): boolean {
    this.refusals.add(connection, now);
    return this.refusals.count(connection, now) >= this.limits.refusalsPerMinute;
  }

  /** Whether a connection may have another whole view ("resync") or page of history now; counts it if so. */
  allowsRequest(connection: string, kind: "resync" | "history", now = Date.now()): boolean {
    const key = `${kind}:${connection}`;
    if (this.requests.count(key, now) >= (kind === "resync" ? RESYNCS_PER_SECOND : HISTORY_PAGES_PER_SECOND)) return false;
    this.requests.add(key, now);
    return true;
  }

  /** Forgets a connection that left. */
  forget(connection: string): void {
    this.refusals.forget(connection);
    this.requests.forget(`resync:${connection}`);
    this.requests.forget(`history:${connection}`);
  }
}
