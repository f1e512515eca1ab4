/** Markdown for the live load bench: one table per server and mode, the capacity, the memory check. */
import type { LevelRow } from "./loadLevel";
import type { LoadOptions } from "./loadBench";
import type { MemoryRow } from "./memoryCheck";
import type { Target } from "./wire";

type Row = LevelRow | { target: Target; summits: number; failed: string };
const MiB = 1024 * 1024;
const isLevel = (r: Row): r is LevelRow => !("failed" in r);

/** The largest level under the limit, and whether the ramp stopped before any level missed it. */
export function capacityOf(rows: Row[], limitMs: number): { n: number; label: string; capped: boolean } {
  const ok = rows.filter((r) => isLevel(r) && r.window.latency.p99 < limitMs);
  const n = Math.max(0, ...ok.map((r) => r.summits));
  const capped = rows.every((r) => isLevel(r) && r.window.latency.p99 < limitMs);
  return { n, label: capped ? `≥ ${n}` : String(n), capped };
}

const errorsOf = (r: LevelRow): string => {
  const refusals = Object.entries(r.window.refusals).map(([k, v]) => `${k} ${v}`);
  const out = [...refusals];
  if (r.window.disconnects) out.push(`${r.window.disconnects} disconnects`);
  if (r.window.unfinished) out.push(`${r.window.unfinished} unfinished`);
  if (r.window.resyncs) out.push(`${r.window.resyncs} resyncs`);
  if (r.settle.behind) out.push(`${r.settle.behind} clients behind`);
  if (r.setup.joinRetries) out.push(`${r.setup.joinRetries} joins retried`);
  return out.join(", ") || "none";
};

export function levelTable(target: Target, rows: Row[], o: LoadOptions): string {
  const n = target === "ours" ? o.processes ?? 1 : 1;
  const name = target === "ours" ? (n > 1 ? `Ours as ${n} processes of one cluster (Redis presence and driver, PostgreSQL store), all on one CPU` : "Ours (server/app.ts)") : "Bare Colyseus relay (bench/load/relayMain.ts)";
  const mode = o.fillMessages ? `late: each table filled to ${o.fillMessages} messages first` : "early in the summit";
  const head = `**${name}, ${mode}.** ${o.warmup} s warm-up, ${o.seconds} s measured per level. Machine load: the 1-minute load average when the window opened → closed (2 CPUs; other work shares the machine).\n\n` +
    "| summits | clients | actions in window | latency p50 / p95 / p99 (max) ms | server CPU % | server loop lag p99 (max) ms | group commit p50 / p99 ms, commits/s | server RSS MiB (idle) | RSS per summit KiB | KiB down per client per min | errors | generator CPU % / lag p99 (max) ms | machine load |\n" +
    "|---:|---:|---:|---|---:|---|---|---|---:|---:|---|---|---|";
  const lines = rows.map((r) => {
    if (!isLevel(r)) return `| ${r.summits} | | | failed: ${r.failed} | | | | | | | | | |`;
    const w = r.window, l = w.latency;
    const perSummit = (r.rssLoadedBytes - r.rssIdleBytes) / 1024 / r.summits;
    const kbMin = w.bytesDownPerClient / 1024 / (w.seconds / 60);
    const fail = l.p99 < o.limitMs ? "" : " ✗";
    const a = r.server.sections["group commit"];
    const append = a ? `${a.p50Ms.toFixed(1)} / ${a.p99Ms.toFixed(1)}, ${Math.round((1000 * a.count) / r.server.wallMs)}` : "—";
    return `| ${r.summits} | ${r.clients} | ${w.sent} | ${l.p50} / ${l.p95} / **${l.p99}**${fail} (${l.max}) | ${r.server.cpuPercent.toFixed(0)} | ${r.server.lagP99Ms.toFixed(1)} (${r.server.lagMaxMs.toFixed(0)}) | ${append} | ` +
      `${(r.rssLoadedBytes / MiB).toFixed(0)} (${(r.rssIdleBytes / MiB).toFixed(0)}) | ${perSummit.toFixed(0)} | ${kbMin.toFixed(1)} | ${errorsOf(r)} | ${w.generator.cpuPercent} / ${w.generator.lagP99Ms} (${w.generator.lagMaxMs}) | ${r.loadAverage.map((x) => x.toFixed(1)).join(" → ")} |`;
  });
  const late = rows.filter(isLevel).map((r) => r.fill).filter((f) => f !== null);
  const fillNote = late.length ? `\n\nFill before measuring: ${late.map((f) => `${f!.messagesPerTable} messages per table in ${(f!.fillMs / 1000).toFixed(0)} s`).join("; ")}.` : "";
  const mix = rows.filter(isLevel).at(-1)?.window.mix;
  const mixNote = mix && target === "ours" ? `\n\nAction mix at the last level: ${Object.entries(mix).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v * 100).toFixed(1)} %`).join(", ")}.` : "";
  return `${head}\n${lines.join("\n")}${fillNote}${mixNote}`;
}

export function memoryTable(m: MemoryRow): string {
  const idle = m.readings[0]!.rssBytes;
  const rows = m.readings.map((r) => `| ${r.state} | ${r.rooms} | ${r.clients} | ${(r.rssBytes / MiB).toFixed(0)} | ${r === m.readings[0] ? "" : ((r.rssBytes - idle) / 1024 / m.summits).toFixed(0)} | ${(r.heapUsedBytes / MiB).toFixed(0)} |`);
  return `**Memory around ${m.summits} summits** (ours; each reading after a full GC; ${m.ended.ended} summits ended by their host, ${m.ended.refused} refused).\n\n` +
    "| state | rooms | clients | RSS MiB | RSS above idle per summit KiB | heap used MiB |\n|---|---:|---:|---:|---:|---:|\n" + rows.join("\n");
}
