/**
 * Who may hold a place at a table, counted before Colyseus reserves a seat. Connections are grouped: each seat, the
 * host, the spectators. A group's count is its open connections, its seat reservations not yet used (a client that
 * asked to join but has not opened its socket) and its dropped connections still in their reconnection grace. A group
 * at its cap first gives up its oldest dropped connection (the person is back, on a new socket), and only then is the
 * join refused. Since every place is counted in some group, no group can fill the room and lock the others out.
 */
export type Group = string;

export const HOST_GROUP = "host";
export const SPECTATOR_GROUP = "spectators";
/** Reservations for seats not yet created (a new player's join); their cap is the table's room for new seats. */
export const NEW_SEAT_GROUP = "new";

export class Admission {
  /** Reservations made by the join check and not yet used, by session id. */
  private pending = new Map<string, { group: Group; until: number }>();
  /** Dropped connections whose reconnection is allowed, oldest first, by session id. */
  private graces = new Map<string, { group: Group; cancel: () => void }>();

  /** Reservations and graces of `group` (open connections are counted by the caller). */
  held(group: Group, now = Date.now()): number {
    let n = 0;
    for (const [id, p] of this.pending) {
      if (p.until <= now) this.pending.delete(id);
      else if (p.group === group) n++;
    }
    for (const g of this.graces.values()) if (g.group === group) n++;
    return n;
  }

  /**
   * Whether `group` may take one more place, given its `open` connections and its `cap`: frees the group's oldest
   * dropped connections, oldest first, until there is room.
   */
  roomFor(group: Group, open: number, cap: number, now = Date.now()): boolean {
    for (const [id, g] of this.graces) {
      if (open + this.held(group, now) < cap) return true;
      if (g.group !== group) continue;
      this.graces.delete(id);
      g.cancel();
    }
    return open + this.held(group, now) < cap;
  }

  /** A seat reservation the check just allowed, lapsing with Colyseus's own after `seconds` (plus a margin). */
  reserve(sessionId: string, group: Group, seconds: number, now = Date.now()): void {
    this.pending.set(sessionId, { group, until: now + seconds * 1000 + 1000 });
  }

  /** The reservation was used (the client joined) or refused: it no longer holds a place. */
  used(sessionId: string): void {
    this.pending.delete(sessionId);
  }

  /** A dropped connection may come back; `cancel` ends its grace early. */
  inGrace(sessionId: string, group: Group, cancel: () => void): void {
    this.graces.set(sessionId, { group, cancel });
  }

  /** The grace ended (the client came back, or the time ran out). */
  graceOver(sessionId: string): void {
    this.graces.delete(sessionId);
  }
}
