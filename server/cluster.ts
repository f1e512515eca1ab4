/**
 * Several server processes on Colyseus's own scale-out path: rooms are listed in Redis (the matchmaking driver) and
 * reached through Redis pub/sub (the presence), so a client that asks any process reaches its table's process. Each
 * process names its own public address; a seat reservation sends the client's WebSocket there.
 */
import type { ServerOptions } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import type { Cluster } from "./config";

/** The Server options of a process in a cluster. */
export function clusterServerOptions(c: Cluster): Pick<ServerOptions, "presence" | "driver" | "publicAddress"> {
  return { presence: new RedisPresence(c.redisUrl), driver: new RedisDriver(c.redisUrl), publicAddress: c.publicAddress };
}
