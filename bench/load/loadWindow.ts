/**
 * What both load drivers share: the SDK clients with their byte counters, the measured window and its counters,
 * and joins that cannot hang. An action is "measured" when it was sent inside the window; it completes when
 * every client of its table holds it.
 */
import "../../tests/setup/nodeWebSocket"; // before the SDK: the generator reads bytes under its sockets
import { Client, type Room } from "@colyseus/sdk";
import { WebSocket as WsWebSocket } from "ws";
import { LatencyLog } from "./latencyLog";
import type { WindowResult } from "./wire";

// The SDK reads the global WebSocket (Node 20 has none).
if (!(globalThis as { WebSocket?: unknown }).WebSocket) (globalThis as { WebSocket?: unknown }).WebSocket = WsWebSocket;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves when `pred` holds, checking every `step` ms; false after `ms`. */
export async function waitFor(pred: () => boolean, ms: number, step = 20): Promise<boolean> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) return false;
    await sleep(step);
  }
  return true;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * One connection: the SDK room, and the bytes it has received since the window opened, as they came over the wire
 * (compressed when the server compresses: counted on the socket, not on the messages).
 */
export interface Connection { room: Room; bytes: number; leaving: boolean; wire: () => number }

/** An action in flight: when it was sent, and whether it counts. */
export interface Sent { t0: number; measured: boolean }

export class LoadWindow {
  readonly connections: Connection[] = [];
  pacing = false;
  private open = false;
  private t0 = 0;
  private t1 = 0;
  private latency = new LatencyLog();
  /** Joins tried again after a failed matchmaking request. */
  joinRetries = 0;
  sent = 0;
  completed = 0;
  refusals: Record<string, number> = {};
  disconnects = 0;
  resyncs = 0;
  mix: Record<string, number> = {};
  /** Measured actions not yet completed. */
  readonly inFlight = new Set<Sent>();

  constructor(readonly sdk: Client) {}

  /** Joins through the SDK, bounded, and counts every byte the socket receives. */
  async connect(join: (sdk: Client) => Promise<Room>, ms = 30_000): Promise<Connection> {
    let room: Room | null = null;
    for (let attempt = 1; !room; attempt++) {
      let timer: NodeJS.Timeout | undefined;
      try {
        room = await Promise.race([join(this.sdk), new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error("join timed out")), ms); })]);
      } catch (e) {
        // The matchmaking request failed on the socket (a keep-alive connection closed under it), not at the server: try again.
        if (attempt >= 3 || !/fetch failed|ECONNRESET|socket hang up/.test(String((e as Error).message))) throw e;
        this.joinRetries++;
      } finally {
        clearTimeout(timer);
      }
    }
    const ws = (room.connection.transport as unknown as { ws: { _socket?: { bytesRead: number } } }).ws;
    const c: Connection = { room, bytes: 0, leaving: false, wire: () => ws._socket?.bytesRead ?? 0 };
    room.onLeave(() => { if (!c.leaving) this.disconnects++; });
    this.connections.push(c);
    return c;
  }

  /** Notes an action about to be sent. */
  send(kind: string): Sent {
    const now = performance.now();
    const s: Sent = { t0: now, measured: this.open };
    if (s.measured) {
      this.sent++;
      this.mix[kind] = (this.mix[kind] ?? 0) + 1;
      this.inFlight.add(s);
    }
    return s;
  }

  complete(s: Sent, now = performance.now()): void {
    if (!s.measured || !this.inFlight.delete(s)) return;
    this.completed++;
    this.latency.add(now - s.t0);
  }

  /** A refused action: it never completes. */
  refuse(s: Sent | undefined, code: string): void {
    if (s && !s.measured) return;
    if (s) this.inFlight.delete(s);
    this.refusals[code] = (this.refusals[code] ?? 0) + 1;
  }

  start(): void {
    // `bytes` holds the socket's count at the start; the end takes the difference.
    for (const c of this.connections) c.bytes = c.wire();
    this.latency = new LatencyLog();
    this.sent = this.completed = this.disconnects = this.resyncs = 0;
    this.refusals = {};
    this.mix = {};
    this.inFlight.clear();
    this.open = true;
    this.t0 = performance.now();
  }

  /** Closes the window and stops pacing; waits up to `drainMs` for what was sent in it to complete. */
  async end(drainMs: number): Promise<Omit<WindowResult, "generator">> {
    this.open = false;
    this.pacing = false;
    this.t1 = performance.now();
    const bytes = this.connections.reduce((n, c) => n + (c.wire() - c.bytes), 0);
    await waitFor(() => this.inFlight.size === 0, drainMs);
    const unfinished = this.inFlight.size;
    const now = performance.now();
    // Whatever never completed counts at least as long as it has waited.
    for (const s of this.inFlight) this.latency.add(now - s.t0);
    this.inFlight.clear();
    const total = Object.values(this.mix).reduce((a, b) => a + b, 0) || 1;
    const mix: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.mix)) mix[k] = Math.round((1000 * v) / total) / 1000;
    return {
      seconds: Math.round((this.t1 - this.t0) / 100) / 10, clients: this.connections.length, sent: this.sent, completed: this.completed, unfinished,
      latency: this.latency.summary(), refusals: this.refusals, disconnects: this.disconnects, resyncs: this.resyncs,
      bytesDownPerClient: Math.round(bytes / Math.max(1, this.connections.length)), mix,
    };
  }

  /** Every connection leaves politely, bounded. */
  async leaveAll(ms = 20_000): Promise<void> {
    this.pacing = false;
    for (const c of this.connections) { c.leaving = true; c.room.reconnection.enabled = false; }
    await mapLimit(this.connections, 64, (c) => Promise.race([c.room.leave(true).catch(() => undefined), sleep(Math.min(ms, 5000))]));
  }
}

/** A uniformly jittered human interval: 2.5–7.5 s around 5 s by default. */
export const humanDelay = (rng: { float(): number }, meanMs = 5000): number => meanMs * (0.5 + rng.float());
