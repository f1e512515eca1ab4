/** What the live-load bench's processes say to each other over IPC: the orchestrator asks, the generator answers. */

/** Which server a level runs against: ours (server/app.ts) or the bare Colyseus relay. */
export type Target = "ours" | "relay";

/** The relay's one room type. */
export const RELAY_ROOM = "relay";

export interface SetupOptions {
  target: Target;
  url: string;
  summits: number;
  seed: number;
  /** Seconds between the host's `host.advance` steps once pacing starts: table i is moved on i mod 4 times; 0 never. */
  advanceSeconds: number;
  /** Raise each table's message count to this many before measuring (the late-summit mode); 0 for none. */
  fillMessages: number;
}

export type GeneratorRequest =
  | { type: "setup"; options: SetupOptions }
  | { type: "fill" }
  | { type: "pace"; on: boolean }
  | { type: "windowStart" }
  | { type: "windowEnd"; drainMs: number }
  | { type: "settle"; timeoutMs: number }
  | { type: "endSummits" }
  | { type: "leave" };

export interface SetupResult { clients: number; tables: string[]; setupMs: number; joinRetries: number }
export interface FillResult { fillMs: number; messagesPerTable: number; refused: number }

export interface LatencySummary { n: number; p50: number; p95: number; p99: number; max: number }

/** What the generator saw in one measured window. */
export interface WindowResult {
  seconds: number;
  clients: number;
  /** Actions (or relay messages) sent in the window, and how many of them completed at every client of their table. */
  sent: number;
  completed: number;
  /** Completed after the window closed and the drain gave up on them: counted in the latencies at the drain time. */
  unfinished: number;
  latency: LatencySummary;
  /** Refusals by error code, and connections that closed without being asked to. */
  refusals: Record<string, number>;
  disconnects: number;
  resyncs: number;
  /** WebSocket message payload bytes received per client in the window (frame headers not counted). */
  bytesDownPerClient: number;
  /** Share of each kind of action sent. */
  mix: Record<string, number>;
  generator: { cpuPercent: number; lagP99Ms: number; lagMaxMs: number; rssBytes: number };
}

export interface SettleResult { clients: number; behind: number; waitedMs: number }
export interface EndResult { ended: number; refused: number }

export interface GeneratorReply { id: number; result?: unknown; error?: string }
