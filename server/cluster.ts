/**
 * Several server processes on Colyseus's own scale-out path: rooms are listed in Redis (the matchmaking driver) and
 * reached through Redis pub/sub (the presence), so a client that asks any process reaches its table's process. Each
 * process names its own public address; a seat reservation sends the client's WebSocket there.
 */
import { matchMaker, type ServerOptions } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import type { Cluster } from "./config";

/** The Server options of a process in a cluster. */
export function clusterServerOptions(c: Cluster): Pick<ServerOptions, "presence" | "driver" | "publicAddress" | "selectProcessIdToCreateRoom"> {
  return { presence: new RedisPresence(c.redisUrl), driver: new RedisDriver(c.redisUrl), publicAddress: c.publicAddress, selectProcessIdToCreateRoom: spreadRooms() };
}

/** How long this process counts the rooms it just sent to another process (their own count reaches Redis within 1 s). */
const RECENT_MS = 3000;

/**
 * Where a new room goes: the process with the fewest rooms. Colyseus publishes each process's count at most once a
 * second, so a seminar's tables made in one go would all land on the same process: the rooms this process sent
 * somewhere in the last few seconds are added to that process's published count.
 */
export function spreadRooms(): NonNullable<ServerOptions["selectProcessIdToCreateRoom"]> {
  const sent = new Map<string, { n: number; at: number }>();
  return async () => {
    const now = Date.now();
    let best: { id: string; load: number } | null = null;
    for (const s of await matchMaker.stats.fetchAll()) {
      const recent = s.processId === matchMaker.processId ? undefined : sent.get(s.processId);
      const load = s.roomCount + (recent && now - recent.at < RECENT_MS ? recent.n : 0);
      if (!best || load < best.load) best = { id: s.processId, load };
    }
    const id = best?.id ?? matchMaker.processId;
    const r = sent.get(id);
    sent.set(id, { n: r && now - r.at < RECENT_MS ? r.n + 1 : 1, at: now });
    return id;
  };
}
