/**
 * What a V8 CPU profile (.cpuprofile) says about a server: the functions with the most self time, and the longest
 * stretches without an idle sample (a backlog: the loop never waited for I/O), with what filled them (self time,
 * and inclusive time in our own functions).
 *   node --import tsx bench/load/profileTop.ts FILE [N]            top N functions (default 10)
 *   node --import tsx bench/load/profileTop.ts FILE --stretches 3  the three longest busy stretches
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }
/** A function's self time and its share of all samples and of the busy ones (all but "(idle)"). */
export interface TopFunction { name: string; where: string; selfMs: number; share: number; busyShare: number }
export interface Stretch { startS: number; ms: number; self: [string, number][]; inclusive: [string, number][] }

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

const nameOf = (n: ProfileNode): string => n.callFrame.functionName || "(anonymous)";
const pct = (us: number, of: number) => Math.round((1000 * us) / Math.max(1, of)) / 10;

/** Self time per function (name and place), largest first, idle left out; a sample's time is the delta that follows it. */
export function topFunctions(p: CpuProfile, n = 10): TopFunction[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0, idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i]!);
    const us = p.timeDeltas[i + 1] ?? 0;
    if (!node) continue;
    total += us;
    if (nameOf(node) === "(idle)") { idle += us; continue; }
    const { url, lineNumber } = node.callFrame;
    const key = `${nameOf(node)}@${url}:${lineNumber}`;
    const e = self.get(key) ?? { name: nameOf(node), where: where(url, lineNumber), us: 0 };
    e.us += us;
    self.set(key, e);
  }
  return [...self.values()].sort((a, b) => b.us - a.us).slice(0, n)
    .map((e) => ({ name: e.name, where: e.where, selfMs: Math.round(e.us / 1000), share: pct(e.us, total), busyShare: pct(e.us, total - idle) }));
}

/** The `k` longest runs of samples with no idle one among them, with their top self and inclusive functions. */
export function longestStretches(p: CpuProfile, k = 3, top = 8): Stretch[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const runs: { start: number; end: number; first: number; last: number }[] = [];
  let t = p.startTime;
  let cur: (typeof runs)[number] | null = null;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    const idle = nameOf(byId.get(p.samples[i]!)!) === "(idle)";
    if (!idle) { cur ??= { start: t, end: t, first: i, last: i }; cur.end = t; cur.last = i; }
    else if (cur) { runs.push(cur); cur = null; }
  }
  if (cur) runs.push(cur);
  return runs.sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, k).map((r) => {
    const self = new Map<string, number>(), incl = new Map<string, number>();
    for (let i = r.first; i <= r.last; i++) {
      const us = p.timeDeltas[i + 1] ?? 0;
      let id: number | undefined = p.samples[i]!;
      self.set(nameOf(byId.get(id)!), (self.get(nameOf(byId.get(id)!)) ?? 0) + us);
      // Inclusive time only for our own code (server/ and shared/): the rest is the same socket stack every time.
      const seen = new Set<string>();
      for (; id !== undefined; id = parent.get(id)) {
        const n = byId.get(id)!;
        if (/^(server|shared)\//.test(where(n.callFrame.url, 0))) seen.add(nameOf(n));
      }
      for (const f of seen) incl.set(f, (incl.get(f) ?? 0) + us);
    }
    const topOf = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([f, us]): [string, number] => [f, Math.round(us / 1000)]);
    return { startS: Math.round((r.start - p.startTime) / 1e5) / 10, ms: Math.round((r.end - r.start) / 1000), self: topOf(self), inclusive: topOf(incl) };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) { console.error("usage: profileTop.ts FILE.cpuprofile [N] [--stretches K]"); process.exit(1); }
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const k = process.argv.indexOf("--stretches");
  if (k > 0) {
    for (const s of longestStretches(p, Number(process.argv[k + 1] ?? 3))) {
      console.log(`${s.ms} ms busy from ${s.startS} s\n  self:      ${s.self.map(([f, ms]) => `${f} ${ms}`).join(", ")}\n  inclusive: ${s.inclusive.map(([f, ms]) => `${f} ${ms}`).join(", ")}`);
    }
  } else {
    console.log(`| # | function | where | self ms | share of wall | share of busy |\n|---:|---|---|---:|---:|---:|`);
    topFunctions(p, Number(process.argv[3] ?? 10)).forEach((f, i) => console.log(`| ${i + 1} | ${f.name} | ${f.where} | ${f.selfMs} | ${f.share} % | ${f.busyShare} % |`));
  }
}
