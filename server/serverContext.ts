/** What one server's rooms and HTTP routes share: made by startServer and passed in, never kept in module state. */
import type { Config } from "./config";
import type { CodeGate, RateLimiter } from "./rateLimit";
import type { Storage } from "./storage/types";
import type { TableLeases } from "./leases";
import type { TableRooms } from "./tableRooms";

export interface ServerContext {
  store: Storage;
  config: Config;
  /** Wrong codes and host keys, code look-ups that miss, and requests that create things, per address. */
  attempts: RateLimiter;
  /** Join codes per (address, code): a guesser is stopped, its classmates behind the same address are not. */
  codes: CodeGate;
  /** Requests per address to the host routes. */
  hostRequests: RateLimiter;
  /** This server's summit rooms, opened on demand from their logs. */
  tables: TableRooms;
  /** In a cluster: the leases under which this process runs its tables (null when it runs alone). */
  leases: TableLeases | null;
}
