/**
 * What a bench process says about itself: CPU time, event-loop delay and memory over a measurement window.
 * The server processes answer these over IPC; the generator reads its own.
 */
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from "node:perf_hooks";

/** Time spent in one synchronous function over the window (such as the durable append, which fsyncs). */
export interface SectionStats { count: number; totalMs: number; p50Ms: number; p99Ms: number; maxMs: number }

export interface ProcessStats {
  /** Wall milliseconds since the window was reset. */
  wallMs: number;
  /** User + system CPU milliseconds in the window. */
  cpuMs: number;
  /** CPU time as a share of one core, in percent. */
  cpuPercent: number;
  /** Event-loop delay in the window beyond the sampling timer's period, milliseconds. */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  sections: Record<string, SectionStats>;
}

/** The histogram samples a timer of this period and records its whole interval: the delay is what exceeds it. */
const RESOLUTION_MS = 10;

/** A window over this process: reset it, then read what happened since. */
export class StatsWindow {
  private readonly delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private cpu0 = process.cpuUsage();
  private t0 = performance.now();
  private sections = new Map<string, RecordableHistogram>();

  constructor() {
    this.delay.enable();
  }

  /** Wraps a synchronous function so that the window reports the time spent in it. */
  time<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
    const h = createHistogram();
    this.sections.set(name, h);
    return (...args: A): R => {
      const t0 = process.hrtime.bigint();
      try {
        return fn(...args);
      } finally {
        h.record(Math.max(1, Number(process.hrtime.bigint() - t0)));
      }
    };
  }

  /** A histogram the caller records into itself (in nanoseconds): for work that ends in a callback. */
  section(name: string): RecordableHistogram {
    const h = createHistogram();
    this.sections.set(name, h);
    return h;
  }

  reset(): void {
    for (const h of this.sections.values()) h.reset();
    this.delay.reset();
    this.cpu0 = process.cpuUsage();
    this.t0 = performance.now();
  }

  read(): ProcessStats {
    const c = process.cpuUsage(this.cpu0);
    const wallMs = performance.now() - this.t0;
    const cpuMs = (c.user + c.system) / 1000;
    const mem = process.memoryUsage();
    const lag = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : 0);
    return {
      wallMs, cpuMs, cpuPercent: wallMs > 0 ? (100 * cpuMs) / wallMs : 0,
      lagP50Ms: lag(this.delay.percentile(50)), lagP99Ms: lag(this.delay.percentile(99)), lagMaxMs: lag(this.delay.max),
      rssBytes: mem.rss, heapUsedBytes: mem.heapUsed,
      sections: Object.fromEntries([...this.sections].map(([name, h]) => [name, {
        count: h.count, totalMs: (h.count * (h.count ? h.mean : 0)) / 1e6, p50Ms: h.count ? h.percentile(50) / 1e6 : 0, p99Ms: h.count ? h.percentile(99) / 1e6 : 0, maxMs: h.count ? h.max / 1e6 : 0,
      }])),
    };
  }
}

/** Requests a bench server process answers on its IPC channel. */
export type ServerRequest =
  | { id: number; type: "stats"; reset?: boolean; gc?: boolean }
  | { id: number; type: "seqs"; tables: string[] }
  | { id: number; type: "rooms" }
  | { id: number; type: "profileStart" }
  | { id: number; type: "profileStop"; file: string }
  | { id: number; type: "exit" };

export interface ServerReady { type: "ready"; port: number }

/**
 * Answers stats (optionally after a full garbage collection, when the process runs with --expose-gc) and exit
 * over IPC; `extra` answers anything else the particular server knows (such as table seqs).
 */
export function serveStats(extra: (req: ServerRequest) => unknown = () => null, beforeExit: () => Promise<void> = async () => {}): StatsWindow {
  const w = new StatsWindow();
  process.on("message", (raw) => {
    const req = raw as ServerRequest;
    if (req.type === "stats") {
      if (req.gc) (globalThis as { gc?: () => void }).gc?.();
      const s = w.read();
      if (req.reset) w.reset();
      process.send?.({ id: req.id, result: s });
    } else if (req.type === "exit") {
      // A clean exit, so that --cpu-prof writes its profile.
      void beforeExit().finally(() => process.send?.({ id: req.id, result: true }, () => process.exit(0)));
    } else {
      void Promise.resolve(extra(req)).then((result) => process.send?.({ id: req.id, result }));
    }
  });
  // The parent going away ends this process too (no orphaned servers after a crash of the bench).
  process.on("disconnect", () => process.exit(0));
  return w;
}
