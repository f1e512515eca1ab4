/** Timing helpers for the benchmark modules. */
import { performance } from "node:perf_hooks";

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Milliseconds of each timed run: wall clock, and CPU time of the whole process (all threads, so GC helpers count). */
export interface Timings { wall: number[]; cpu: number[] }

/** Runs `fn` `warmup` times untimed, then `runs` times timed. */
export function timeRuns(runs: number, fn: () => void, warmup = 3): Timings {
  for (let i = 0; i < warmup; i++) fn();
  const out: Timings = { wall: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    out.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    out.cpu.push((c.user + c.system) / 1000);
  }
  return out;
}

/** Rounds to `digits` decimals. */
export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
