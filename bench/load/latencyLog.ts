/** Latency samples of one measured window and their percentiles. */
import type { LatencySummary } from "./wire";

/** The value at percentile `p` (0–100) of sorted numbers, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export class LatencyLog {
  private samples: number[] = [];

  add(ms: number): void { this.samples.push(ms); }

  get count(): number { return this.samples.length; }

  summary(): LatencySummary {
    const s = [...this.samples].sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 10) / 10;
    return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s[s.length - 1] ?? NaN) };
  }
}
