/** Who is at a table: each connection's identity, how many connections each seat has open, and since when a seat is away. */
import type { Presence } from "../../shared/protocol";
import type { State } from "../../shared/state";

/** What a connection is: a seat's (possibly one of several), the host's, or a spectator's. */
export interface Who { seat: string | null; host: boolean; spectator: boolean }

export class Attendance {
  private who = new Map<string, Who>();
  private open = new Map<string, number>();
  private awaySince = new Map<string, number>();
  /** Seats nobody has connected to since the room came up count as away from then. */
  private readonly since = Date.now();

  /** A connection joined (or came back) as `who`. */
  arrive(connection: string, who: Who): void {
    this.who.set(connection, who);
    if (!who.seat) return;
    this.open.set(who.seat, (this.open.get(who.seat) ?? 0) + 1);
    this.awaySince.delete(who.seat);
  }

  /** A connection went; returns who it was (a seat whose last connection went is away from now). */
  depart(connection: string): Who | undefined {
    const who = this.who.get(connection);
    this.who.delete(connection);
    if (!who?.seat) return who;
    const n = (this.open.get(who.seat) ?? 1) - 1;
    if (n > 0) this.open.set(who.seat, n);
    else {
      this.open.delete(who.seat);
      this.awaySince.set(who.seat, Date.now());
    }
    return who;
  }

  whoIs(connection: string): Who | undefined { return this.who.get(connection); }

  /** Connections open on a seat. */
  connections(seat: string): number { return this.open.get(seat) ?? 0; }

  connected(seat: string): boolean { return this.open.has(seat); }

  /** Milliseconds since the seat last had a connection (0 while it has one). */
  awayFor(seat: string, now = Date.now()): number {
    return this.open.has(seat) ? 0 : now - (this.awaySince.get(seat) ?? this.since);
  }

  /** Each seat as the table shows it: a bot (a bot seat, or a signatory on autopilot), here, or away. */
  presence(s: State, driven: readonly string[]): Record<string, Presence> {
    const out: Record<string, Presence> = {};
    const autopilot = new Set(driven);
    for (const [id, seat] of Object.entries(s.seats)) out[id] = seat.bot || autopilot.has(id) ? "bot" : this.open.has(id) ? "here" : "away";
    return out;
  }
}
