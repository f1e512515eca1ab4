/**
 * One server's summit rooms. A table's room is up while the table is unfinished or someone is at it; a finished
 * table's room goes once its last client has left (after a grace) and comes back from its log when someone asks
 * for it: a join by id (through the matchmaking hook below), a host action, or the server's own HTTP routes.
 */
import { CloseCode, matchMaker } from "@colyseus/core";
import { SUMMIT_ROOM } from "../shared/protocol";
import type { SummitRoom } from "./rooms/SummitRoom";
import { log } from "./log";
import type { Store } from "./store";

/** `POST /matchmake/joinById/<room id>`: how every client joins a table (the room id is the table id). */
const JOIN_BY_ID = /^\/matchmake\/joinById\/([A-Za-z0-9_-]{1,64})$/;

/**
 * A room type name free in this process. Colyseus keeps room types per process, not per server: each server
 * defines its own (the first one plain "summit") so that its rooms are created with its own store and settings.
 */
export function freeRoomName(): string {
  const taken = matchMaker.getAllHandlers();
  for (let i = 1; ; i++) {
    const name = i === 1 ? SUMMIT_ROOM : `${SUMMIT_ROOM}-${i}`;
    if (!taken[name]) return name;
  }
}

export class TableRooms {
  /** Creations under way, so that two clients asking for the same table at once share one. */
  private opening = new Map<string, Promise<void>>();

  constructor(private store: Store, readonly roomName: string) {}

  /** This server's live room for a table, if it is up. */
  live(table: string): SummitRoom | null {
    const room = matchMaker.getLocalRoomById(table);
    return room?.roomName === this.roomName ? (room as SummitRoom) : null;
  }

  /**
   * Makes sure a table's room is up: a live one is kept up a while longer (so that a join about to reserve a seat
   * finds it), a missing one is rebuilt from its log. False for a table this server does not know.
   */
  async open(table: string): Promise<boolean> {
    const live = this.live(table);
    if (live) {
      live.keepAlive();
      return true;
    }
    if (!this.store.table(table)) return false;
    let creating = this.opening.get(table);
    if (!creating) {
      // The room id is the table id, and Colyseus refuses a second room with a live id: even a creation racing
      // this one from elsewhere ends with one room.
      creating = matchMaker.createRoom(this.roomName, { table }).then(() => undefined).finally(() => this.opening.delete(table));
      this.opening.set(table, creating);
    }
    await creating;
    return true;
  }

  /** A host action from the HTTP control route, at a table whose room is brought up if needed. */
  async hostAction(table: string, action: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> {
    if (!(await this.open(table))) return { ok: false, error: "NO_SUCH_TABLE" };
    const room = this.live(table);
    return room ? room.hostAction(action) : { ok: false, error: "INTERNAL" };
  }

  /**
   * The matchmaking hook (the router's onRequest): a join by id to a table whose room is down brings it up first,
   * so that clients keep calling `joinById(table)` whether or not the room is up.
   */
  async beforeMatchmake(request: Request): Promise<void> {
    if (request.method !== "POST") return;
    const m = JOIN_BY_ID.exec(new URL(request.url).pathname);
    if (!m) return;
    try {
      await this.open(m[1]!);
    } catch (e) {
      // The join then fails as for an unknown room; the log says why.
      log.error({ table: m[1], err: e }, `could not open table ${m[1]}`);
    }
  }

  /** Closes this server's rooms (when the server stops while others in the process carry on). */
  async closeAll(): Promise<void> {
    const listings = await matchMaker.query({ name: this.roomName });
    await Promise.all(listings.map((l) => matchMaker.getLocalRoomById(l.roomId)?.disconnect(CloseCode.SERVER_SHUTDOWN)));
  }
}
