/**
 * Colyseus 0.18 has one matchmaker per process: its rooms, room types, driver, presence and state are module state
 * in @colyseus/core, and every `new Server()` re-initialises them. Servers in one process (tests run two) share it:
 * - a later server reuses the live driver and presence (fresh ones would lose the earlier server's room listings);
 * - each server defines its own room type name (see freeRoomName), so its rooms get its own store and settings;
 * - only the last server to close shuts the matchmaker down (that disposes every room in the process and refuses
 *   all matchmaking); an earlier one disposes its own rooms and closes its own transport.
 * The count below is bookkeeping about that process-wide object, not configuration.
 */
import { matchMaker, type Server, type ServerOptions } from "@colyseus/core";

let live = 0;

/**
 * Counts a new server in; returns the Server options that make it share a live matchmaker, and whether it is the
 * first. `own`: the first server's presence and driver (a cluster's Redis ones); a later server shares the live ones.
 */
export function joinProcess(own: Pick<ServerOptions, "driver" | "presence" | "publicAddress"> = {}): { options: Pick<ServerOptions, "driver" | "presence" | "publicAddress">; first: boolean } {
  const first = live === 0;
  live++;
  return { options: first ? own : { driver: matchMaker.driver, presence: matchMaker.presence }, first };
}

/** Listens; a server joining a running matchmaker leaves its process-wide health checks to the first one. */
export async function listenShared(gameServer: Server, port: number, host: string, first: boolean): Promise<void> {
  if (!first) matchMaker.setHealthChecksEnabled(false);
  try {
    await gameServer.listen(port, host);
  } finally {
    if (!first) matchMaker.setHealthChecksEnabled(true);
  }
}

/** Stops one server: only its own rooms and transport while others carry on in this process, the whole matchmaker when it is the last. */
export async function leaveProcess(gameServer: Server, roomName: string, closeOwnRooms: () => Promise<void>): Promise<void> {
  live--;
  if (live > 0) {
    await closeOwnRooms();
    gameServer.transport.shutdown();
  } else {
    await gameServer.gracefullyShutdown(false);
  }
  matchMaker.removeRoomType(roomName);
}
