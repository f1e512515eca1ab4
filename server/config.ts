/** A server's settings, read once from the environment at boot and passed to whatever needs them. */
import { resolve } from "node:path";

/** Fair-use limits (docs/PROTOCOL.md §11). */
export interface Limits {
  /** Wrong codes or host keys per address per minute, and requests per address per minute on the routes that create things. */
  joinAttemptsPerMinute: number;
  /** Lines (public or private) one seat may post in any 10 seconds, however many connections it has. */
  linesPer10s: number;
  /** Connections one seat may have open at once (a laptop, a phone, a projector). */
  connectionsPerSeat: number;
  /** Refusals for fair use one connection may collect in a minute before it is disconnected. */
  refusalsPerMinute: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Seconds a dropped player keeps the seat before it counts as gone. */
  graceSeconds: number;
  /** Seconds a finished table's room stays up after its last client leaves; it comes back from its log when asked for. */
  endedGraceSeconds: number;
  /** Messages per second a client may send before it is disconnected. */
  maxMessagesPerSecond: number;
  /** Milliseconds between two moves of one bot at a live table (a human-like pace). */
  botPaceMs: number;
  /** Whether WebSocket messages are compressed (permessage-deflate); WS_DEFLATE=0 turns it off. */
  compress: boolean;
  limits: Limits;
  /** PUBLIC_URL: the origin students reach this server at, used in every join link and QR code; null = the address asked for. */
  publicUrl: string | null;
  /** Network hardening (docs/SECURITY.md). */
  guard: Guard;
  /** DATABASE_URL: PostgreSQL instead of the SQLite file in dataDir (docs/DEPLOY.md). */
  databaseUrl: string | null;
  /** Several processes (docs/DEPLOY.md); null = one process on its own. */
  cluster: Cluster | null;
}

/** Running as one of several processes: rooms listed and reached through Redis, tables owned under leases. */
export interface Cluster {
  /** REDIS_URL: Colyseus's presence and matchmaking driver. */
  redisUrl: string;
  /**
   * PUBLIC_ADDRESS: this process's own address as clients reach it ("host:port", or "host/path" behind a proxy
   * that routes by path); a seat reservation sends the client's WebSocket there. Empty: the address asked for.
   */
  publicAddress: string | undefined;
  /** Milliseconds a table's lease lasts unless renewed; a dead process's tables are taken over after it lapses. */
  leaseMs: number;
}

/**
 * Network hardening: whose forwarded address counts, which other sites may call the API, how long an unused seat
 * reservation lasts, how many spectators a table takes, how often one address may call the host routes.
 */
export interface Guard {
  /** Express's "trust proxy": false (the default: X-Forwarded-For is ignored), a number of hops, or a list of addresses/subnets. */
  trustProxy: boolean | number | string;
  /** Origins (scheme://host[:port]) other than the server's own that may call the HTTP API from a browser. */
  allowedOrigins: string[];
  /** Seconds a seat reservation waits for its WebSocket before it lapses. */
  seatReservationSeconds: number;
  /** Spectator (projector) connections per table, counting reservations and dropped ones still in their grace. */
  spectatorsPerTable: number;
  /** Seats people may take at one table (new players; bots do not count). */
  seatsPerTable: number;
  /** Requests per address per minute to /api/host/... (the host console polls every 3 s). */
  hostRequestsPerMinute: number;
  /** The largest HTTP body accepted by /api and /matchmake (bytes). */
  bodyLimit: number;
}

/** Parses TRUST_PROXY as express's "trust proxy" does: off, a hop count, or a comma-separated list. */
export function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const v = (raw ?? "").trim();
  if (v === "" || /^(false|off|no|0)$/i.test(v)) return false;
  if (/^true$/i.test(v)) return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 2567),
    host: env.HOST ?? "0.0.0.0",
    dataDir: resolve(env.DATA_DIR ?? "data"),
    graceSeconds: Number(env.GRACE_SECONDS ?? 90),
    endedGraceSeconds: Number(env.ENDED_GRACE_SECONDS ?? 60),
    maxMessagesPerSecond: Number(env.MAX_MESSAGES_PER_SECOND ?? 20),
    botPaceMs: Number(env.BOT_PACE_MS ?? 2500),
    compress: env.WS_DEFLATE !== "0",
    limits: {
      joinAttemptsPerMinute: Number(env.JOIN_ATTEMPTS_PER_MINUTE ?? 30),
      linesPer10s: Number(env.LINES_PER_10S ?? 10),
      connectionsPerSeat: Number(env.CONNECTIONS_PER_SEAT ?? 3),
      refusalsPerMinute: Number(env.REFUSALS_PER_MINUTE ?? 20),
    },
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    guard: {
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      allowedOrigins: (env.ALLOWED_ORIGINS ?? "").split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean),
      seatReservationSeconds: Number(env.SEAT_RESERVATION_SECONDS ?? 8),
      spectatorsPerTable: Number(env.SPECTATORS_PER_TABLE ?? 10),
      seatsPerTable: Number(env.SEATS_PER_TABLE ?? 120),
      hostRequestsPerMinute: Number(env.HOST_REQUESTS_PER_MINUTE ?? 240),
      bodyLimit: 16 * 1024,
    },
    databaseUrl: env.DATABASE_URL?.trim() || null,
    cluster: env.REDIS_URL?.trim()
      ? { redisUrl: env.REDIS_URL.trim(), publicAddress: env.PUBLIC_ADDRESS?.trim() || undefined, leaseMs: Number(env.LEASE_MS ?? 10_000) }
      : null,
  };
}

/** PUBLIC_URL as an origin ("https://summit.school.example"); a value that is not an http(s) URL stops the boot with its name. */
export function parsePublicUrl(raw: string | undefined): string | null {
  if (!raw?.trim()) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`PUBLIC_URL is not a URL: "${raw}" (expected e.g. https://summit.school.example)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`PUBLIC_URL must start with http:// or https://, not "${url.protocol}"`);
  // A path prefix is kept (a server behind a reverse proxy at /summit); the trailing slash is not.
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * WebSocket compression as the server sends it (permessage-deflate, context kept between messages): patches repeat
 * the same keys, names and channels, so a busy summit's updates come out several times smaller. The window is small
 * (8 KiB, memory level 6: about 64 KiB of zlib state per connection) so a summit's connections stay well under a
 * megabyte; messages under 64 bytes are sent as they are.
 */
export const DEFLATE = { windowBits: 13, memLevel: 6, threshold: 64 } as const;
