/** Process-wide services the rooms and HTTP routes share, set once at boot. */
import type { Store } from "./store";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Seconds a dropped player keeps the seat before it counts as gone. */
  graceSeconds: number;
  /** Messages per second a client may send before it is disconnected. */
  maxMessagesPerSecond: number;
  /** Milliseconds between two moves of one bot at a live table (a human-like pace). */
  botPaceMs: number;
  /** Whether WebSocket messages are compressed (permessage-deflate); WS_DEFLATE=0 turns it off. */
  compress: boolean;
}

let current: { store: Store; config: Config } | null = null;

export function setServices(s: { store: Store; config: Config }): void { current = s; }

/** The services; throws if the server has not booted (a programmer error). */
export function services(): { store: Store; config: Config } {
  if (!current) throw new Error("services used before boot");
  return current;
}
