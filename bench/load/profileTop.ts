/**
 * The functions a V8 CPU profile (.cpuprofile) spent most self time in.
 * `node --import tsx bench/load/profileTop.ts FILE [N]` prints the top N (default 10).
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }
/** A function's self time and its share of all samples and of the busy ones (all but "(idle)"). */
export interface TopFunction { name: string; where: string; selfMs: number; share: number; busyShare: number }

const ROOT = resolve(import.meta.dirname, "../..");

function where(url: string, line: number): string {
  if (!url) return "";
  const full = url.startsWith("file://") ? fileURLToPath(url) : url;
  // node_modules is a symbolic link in work trees: name packages from node_modules on.
  const at = full.lastIndexOf("node_modules/");
  const path = at >= 0 ? full.slice(at) : full;
  // Files compiled by tsx report line 0 for everything: a line is shown only when the profile knows it.
  return `${path.startsWith(ROOT) ? relative(ROOT, path) : path}${line > 0 ? `:${line + 1}` : ""}`;
}

/** Self time per function (name and place), largest first, idle left out; a sample's time is the delta that follows it. */
export function topFunctions(p: CpuProfile, n = 10): TopFunction[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i]!);
    const us = p.timeDeltas[i + 1] ?? 0;
    if (!node) continue;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName}@${url}:${lineNumber}`;
    const e = self.get(key) ?? { name: functionName || "(anonymous)", where: where(url, lineNumber), us: 0 };
    e.us += us;
    self.set(key, e);
  }
  const idle = [...self.values()].find((e) => e.name === "(idle)")?.us ?? 0;
  const pct = (us: number, of: number) => Math.round((1000 * us) / Math.max(1, of)) / 10;
  return [...self.values()].filter((e) => e.name !== "(idle)").sort((a, b) => b.us - a.us).slice(0, n)
    .map((e) => ({ name: e.name, where: e.where, selfMs: Math.round(e.us / 1000), share: pct(e.us, total), busyShare: pct(e.us, total - idle) }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) { console.error("usage: profileTop.ts FILE.cpuprofile [N]"); process.exit(1); }
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  console.log(`| # | function | where | self ms | share of wall | share of busy |\n|---:|---|---|---:|---:|---:|`);
  topFunctions(p, Number(process.argv[3] ?? 10)).forEach((f, i) => console.log(`| ${i + 1} | ${f.name} | ${f.where} | ${f.selfMs} | ${f.share} % | ${f.busyShare} % |`));
}
