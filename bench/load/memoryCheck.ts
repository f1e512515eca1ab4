/**
 * Memory of our server around N summits: idle, with N summits at a human pace, after every host ended its
 * summit, and after every client left. Each reading follows a full garbage collection.
 */
import { type LevelOptions, startBenchServer, startGenerator } from "./loadLevel";
import type { ProcessStats } from "./processStats";
import type { EndResult, SetupOptions, SetupResult } from "./wire";

export interface MemoryReading { state: string; rssBytes: number; heapUsedBytes: number; rooms: number; clients: number }
export interface MemoryRow { summits: number; readings: MemoryReading[]; ended: EndResult }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function memoryCheck(summits: number, o: LevelOptions): Promise<MemoryRow> {
  // Finished rooms close 5 s after their last client leaves (60 s by default), so that the last readings see them gone.
  const { server, url } = await startBenchServer("ours", { ENDED_GRACE_SECONDS: "5" });
  const gen = await startGenerator().catch(async (e) => { await server.stop(); throw e; });
  const readings: MemoryReading[] = [];
  const read = async (state: string) => {
    const s = await server.request<ProcessStats>({ type: "stats", gc: true });
    const r = await server.request<{ rooms: number; clients: number }>({ type: "rooms" });
    readings.push({ state, rssBytes: s.rssBytes, heapUsedBytes: s.heapUsedBytes, ...r });
  };
  try {
    await read("idle, just started");
    const options: SetupOptions = { target: "ours", url, summits, seed: o.seed, advanceSeconds: o.advanceSeconds, fillMessages: 0 };
    await gen.request<SetupResult>({ type: "setup", options }, 30 * 60_000);
    await gen.request({ type: "pace", on: true });
    await sleep((o.warmup + o.seconds) * 1000);
    await gen.request({ type: "windowStart" });
    await gen.request({ type: "windowEnd", drainMs: 5000 });
    await read(`${summits} summits live, after ${o.warmup + o.seconds} s at a human pace`);
    const ended = await gen.request<EndResult>({ type: "endSummits" });
    await sleep(2000);
    await read("every summit ended (host.end), clients still connected");
    await gen.request({ type: "leave" });
    await sleep(5000);
    await read("every client left");
    await sleep(30_000);
    await read("30 s later");
    return { summits, readings, ended };
  } finally {
    await gen.stop();
    await server.stop();
  }
}
