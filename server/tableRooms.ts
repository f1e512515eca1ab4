/**
 * One server's summit rooms. A table's room is up while the table is unfinished or someone is at it; a finished
 * table's room goes once its last client has left (after a grace) and comes back from its log when someone asks
 * for it: a join by id (through the matchmaking hook below), a host action, or the server's own HTTP routes.
 * In a cluster a table's room may be up in another process: it is found through the matchmaking driver (Redis) and
 * reached by remote calls; a room is made only by a process that holds the table's lease (see leases.ts).
 */
import { CloseCode, matchMaker } from "@colyseus/core";
import { SUMMIT_ROOM, type HostTableLive } from "../shared/protocol";
import type { SummitRoom } from "./rooms/SummitRoom";
import { log } from "./log";
import type { TableLeases } from "./leases";
import type { Storage } from "./storage/types";

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
  /** Set once the server knows whether it runs in a cluster. */
  leases: TableLeases | null = null;

  constructor(private store: Storage, readonly roomName: string) {}

  /** This server's live room for a table, if it is up here. */
  live(table: string): SummitRoom | null {
    const room = matchMaker.getLocalRoomById(table);
    return room?.roomName === this.roomName ? (room as SummitRoom) : null;
  }

  /** Tables whose rooms are up in this process (SummitRoom reports them). */
  private up = new Set<string>();
  roomUp(table: string): void { this.up.add(table); }
  roomDown(table: string): void { this.up.delete(table); }
  running(): string[] { return [...this.up]; }

  /**
   * Makes sure a table's room is up: a live one is kept up a while longer (so that a join about to reserve a seat
   * finds it), a missing one is rebuilt from its log. False for a table this server does not know. In a cluster, a
   * room up in a live process is left where it is; a listing left by a dead process is dropped and the table is
   * brought up here.
   */
  async open(table: string): Promise<boolean> {
    const live = this.live(table);
    if (live) {
      live.keepAlive();
      return true;
    }
    if (!(await this.store.table(table))) return false;
    let creating = this.opening.get(table);
    if (!creating) {
      creating = this.create(table).finally(() => this.opening.delete(table));
      this.opening.set(table, creating);
    }
    await creating;
    return true;
  }

  private async create(table: string): Promise<void> {
    if (this.leases) {
      const listed = await matchMaker.driver.findOne({ roomId: table });
      if (listed) {
        // Up elsewhere, under a lease its process renews: nothing to do.
        if (!(await this.leases.claim(table))) return;
        // The lease had lapsed: its process is gone, and its listing with it.
        if (listed.processId !== matchMaker.processId) await matchMaker.driver.remove(table);
      }
    }
    // The room id is the table id, and Colyseus refuses a second room with a live id: even a creation racing
    // this one from elsewhere ends with one room. In a cluster the lease decides: a process that lost the race
    // leaves the table to the winner.
    try {
      await matchMaker.createRoom(this.roomName, { table });
    } catch (e) {
      if (!(this.leases && String((e as Error).message).includes("TABLE_ELSEWHERE"))) throw e;
    }
  }

  /** A host action from the HTTP control route, at a table whose room is brought up if needed (here or elsewhere). */
  async hostAction(table: string, action: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> {
    if (!(await this.open(table))) return { ok: false, error: "NO_SUCH_TABLE" };
    const room = this.live(table);
    if (room) return room.hostAction(action);
    if (!this.leases) return { ok: false, error: "INTERNAL" };
    return matchMaker.remoteRoomCall<SummitRoom, "hostAction">(table, "hostAction", [action], 10_000)
      .catch((e: unknown) => {
        log.warn({ table, err: e }, `table ${table}: host action elsewhere failed`);
        return { ok: false, error: "INTERNAL" };
      });
  }

  /** The host page's live detail of a table whose room is up (here, or in another process of the cluster). */
  async hostView(table: string): Promise<HostTableLive | undefined> {
    const room = this.live(table);
    if (room) return room.hostView();
    if (!this.leases) return undefined;
    const listed = await matchMaker.driver.findOne({ roomId: table });
    if (!listed) return undefined;
    return matchMaker.remoteRoomCall<SummitRoom, "hostView">(table, "hostView", []).catch(() => undefined);
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
    await Promise.all(this.running().map((table) => this.live(table)?.disconnect(CloseCode.SERVER_SHUTDOWN)));
  }
}
