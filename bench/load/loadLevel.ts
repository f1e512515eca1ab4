/**
 * One level of the live-load bench: a fresh server (ours or the relay) on one CPU, a fresh generator on the
 * other, N summits set up, a warm-up at a human pace, then a measured window read from both processes at once.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { BenchChild } from "./childProcess";
import type { ProcessStats } from "./processStats";
import { ServerGroup } from "./serverGroup";
import type { FillResult, SettleResult, SetupOptions, SetupResult, Target, WindowResult } from "./wire";

export interface LevelOptions {
  seconds: number;
  warmup: number;
  /** Messages per table before measuring (the late-summit mode); 0 for early in the summit. */
  fillMessages: number;
  advanceSeconds: number;
  seed: number;
  /** Write the server's CPU profile of the measured window to this folder. */
  cpuProfDir?: string;
  /** Our server as this many processes of one cluster (Redis and PostgreSQL); 1: one process on its SQLite file. */
  processes?: number;
}

export interface LevelRow {
  target: Target;
  /** Processes our server ran as. */
  processes: number;
  mode: "early" | "late";
  summits: number;
  clients: number;
  window: WindowResult;
  server: ProcessStats;
  /** Server RSS when idle (after start) and at the end of the window, both after a full GC. */
  rssIdleBytes: number;
  rssLoadedBytes: number;
  setup: SetupResult;
  fill: FillResult | null;
  settle: SettleResult;
  profile: string | null;
  /** The machine's 1-minute load average when the window opened and closed (other work shares it). */
  loadAverage: [number, number];
}

const SERVER_CPU = 1;
const GENERATOR_CPU = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Environment of our server under the bench: many seminars from one address (the HTTP limiter counts every POST). */
/** Limits a load generator would trip on purpose: every join comes from one address, and the late fill chats fast. */
export const OUR_SERVER_ENV: Record<string, string> = { JOIN_ATTEMPTS_PER_MINUTE: "1000000", LINES_PER_10S: "1000000" };

export async function startBenchServer(target: Target, env: Record<string, string> = {}, processes = 1): Promise<{ server: ServerGroup; url: string }> {
  const entry = target === "ours" ? "bench/load/serverMain.ts" : "bench/load/relayMain.ts";
  const server = await ServerGroup.start(entry, SERVER_CPU, target === "ours" ? { ...OUR_SERVER_ENV, ...env } : env, ["--expose-gc"], target === "ours" ? processes : 1);
  return { server, url: server.url };
}

export function startGenerator(): Promise<BenchChild> {
  return BenchChild.start("bench/load/generator.ts", { cpu: GENERATOR_CPU });
}

export async function runLevel(target: Target, summits: number, o: LevelOptions): Promise<LevelRow> {
  const processes = target === "ours" ? o.processes ?? 1 : 1;
  const { server, url } = await startBenchServer(target, {}, processes);
  const gen = await startGenerator().catch(async (e) => { await server.stop(); throw e; });
  try {
    const idle = await server.request<ProcessStats>({ type: "stats", gc: true });
    const options: SetupOptions = { target, url, summits, seed: o.seed, advanceSeconds: o.advanceSeconds, fillMessages: target === "ours" ? o.fillMessages : 0 };
    const setup = await gen.request<SetupResult>({ type: "setup", options }, 30 * 60_000);
    // The fill gives up after 30 minutes on its own side.
    const fill = options.fillMessages > 0 ? await gen.request<FillResult>({ type: "fill" }, 35 * 60_000) : null;
    await gen.request({ type: "pace", on: true });
    await sleep(o.warmup * 1000);
    const profiling = !!o.cpuProfDir && target === "ours";
    const loadBefore = loadavg()[0]!;
    await Promise.all([server.request({ type: "stats", reset: true }), gen.request({ type: "windowStart" }), profiling ? server.request({ type: "profileStart" }) : null]);
    await sleep(o.seconds * 1000);
    const [stats, profile] = await Promise.all([
      server.request<ProcessStats>({ type: "stats" }),
      profiling ? server.request<string>({ type: "profileStop", file: join(o.cpuProfDir!, `server-${target}-${summits}${o.fillMessages ? "-late" : ""}.cpuprofile`) }) : null,
    ]);
    const loadAfter = loadavg()[0]!;
    const window = await gen.request<WindowResult>({ type: "windowEnd", drainMs: 5000 });
    const loaded = await server.request<ProcessStats>({ type: "stats", gc: true });
    const settle = await gen.request<SettleResult>({ type: "settle", timeoutMs: 30_000 });
    return {
      target, processes, mode: o.fillMessages > 0 ? "late" : "early", summits, clients: setup.clients, window, server: stats,
      rssIdleBytes: idle.rssBytes, rssLoadedBytes: loaded.rssBytes, setup, fill, settle, profile, loadAverage: [loadBefore, loadAfter],
    };
  } finally {
    await gen.stop();
    await server.stop();
  }
}
