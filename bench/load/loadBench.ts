/**
 * `npm run bench -- load`: the live load bench. Ramps the number of summits at a human pace against our server
 * and against a bare Colyseus relay, each level on a fresh server pinned to one CPU with the generator on the
 * other, and reports the largest level whose p99 latency stays under the limit, for both, and their ratio.
 *
 *   --levels 25,50,100     summits per level (ours; the relay too unless --relay-levels); "none" for no ramp
 *   --relay-levels LIST    the relay's levels
 *   --seconds 30           measured seconds per level        --warmup 15   seconds at pace before measuring
 *   --late                 fill each table to --fill 2000 messages before measuring
 *   --memory 200           also: RSS around 200 summits ended and left, against the idle server
 *   --only ours|relay      one server only                   --cpu-prof DIR  profile our server's window
 *   --limit 100            the p99 (ms) a level must stay under   --advance 4   seconds between host steps
 *   --processes 3          also ours as 3 processes of one cluster (throwaway Redis and PostgreSQL, same CPU):
 *                          one process and three, side by side in one run
 */
import { loadavg } from "node:os";
import { type LevelOptions, type LevelRow, runLevel } from "./loadLevel";
import { type MemoryRow, memoryCheck } from "./memoryCheck";
import { capacityOf, levelTable, memoryTable } from "./loadReport";
import type { Target } from "./wire";

/** Flags of this module that take a value (bench/run.ts must not read their values as filters). */
export const LOAD_VALUE_FLAGS = ["--levels", "--relay-levels", "--seconds", "--warmup", "--advance", "--seed", "--fill", "--memory", "--only", "--cpu-prof", "--limit", "--processes"];

export interface LoadOptions extends LevelOptions { levels: number[]; relayLevels: number[]; targets: Target[]; memory: number; limitMs: number; clusterProcesses: number }

export function parseLoadArgs(args: readonly string[]): LoadOptions {
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (flag: string, d: number) => {
    const v = value(flag);
    const n = v === undefined ? d : Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} wants a number, not ${v}`);
    return n;
  };
  const list = (v: string | undefined, d: number[]) => (v === undefined ? d : v.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0));
  const levels = list(value("--levels"), [25, 50, 100, 200, 300, 400, 500]);
  const only = value("--only");
  if (only !== undefined && only !== "ours" && only !== "relay") throw new Error(`--only wants ours or relay, not ${only}`);
  return {
    levels, relayLevels: list(value("--relay-levels"), levels), targets: only ? [only] : ["ours", "relay"],
    seconds: num("--seconds", 30), warmup: num("--warmup", 15), advanceSeconds: num("--advance", 4), seed: num("--seed", 1),
    fillMessages: args.includes("--late") ? num("--fill", 2000) : 0, memory: num("--memory", 0), limitMs: num("--limit", 100),
    cpuProfDir: value("--cpu-prof"), clusterProcesses: num("--processes", 1),
  };
}

/** Levels in order until two of them miss the limit. A level that cannot even be set up counts as a miss. */
export async function ramp(target: Target, levels: number[], o: LoadOptions, log: (s: string) => void): Promise<(LevelRow | { target: Target; summits: number; failed: string })[]> {
  const who = target === "ours" && (o.processes ?? 1) > 1 ? `ours ×${o.processes}` : target;
  const rows: (LevelRow | { target: Target; summits: number; failed: string })[] = [];
  let misses = 0;
  for (const n of levels) {
    log(`load: ${who} ${n} summits${o.fillMessages ? `, late (${o.fillMessages} messages)` : ""}… (load average ${loadavg()[0]!.toFixed(2)})`);
    try {
      const row = await runLevel(target, n, o);
      rows.push(row);
      log(`load: ${who} ${n}: p99 ${row.window.latency.p99} ms, server CPU ${row.server.cpuPercent.toFixed(0)} %, generator CPU ${row.window.generator.cpuPercent} %`);
      if (!(row.window.latency.p99 < o.limitMs)) misses++;
    } catch (e) {
      rows.push({ target, summits: n, failed: (e as Error).message.split("\n")[0]! });
      log(`load: ${who} ${n} failed: ${(e as Error).message}`);
      misses++;
    }
    if (misses >= 2) break;
  }
  return rows;
}

export async function loadBench(args: readonly string[] = process.argv.slice(2)): Promise<{ markdown: string; rows: unknown[] }> {
  const o = parseLoadArgs(args);
  const log = (s: string) => console.error(s);
  const parts: string[] = [];
  const rows: unknown[] = [];
  const capacity: Partial<Record<Target, ReturnType<typeof capacityOf>>> = {};
  for (const target of o.targets) {
    const levels = target === "ours" ? o.levels : o.relayLevels;
    if (levels.length === 0) continue;
    const r = await ramp(target, levels, o, log);
    rows.push(...r);
    capacity[target] = capacityOf(r, o.limitMs);
    parts.push(levelTable(target, r, o));
  }
  if (o.clusterProcesses > 1 && o.targets.includes("ours") && o.levels.length > 0) {
    const many = { ...o, processes: o.clusterProcesses };
    const r = await ramp("ours", o.levels, many, log);
    rows.push(...r);
    const cluster = capacityOf(r, o.limitMs), one = capacity.ours!;
    parts.push(levelTable("ours", r, many));
    parts.unshift(`Largest level with p99 < ${o.limitMs} ms: **one process ${one.label} summits, ${o.clusterProcesses} processes on Redis and PostgreSQL ${cluster.label}**, all on the same CPU.`);
  }
  const ours = capacity.ours, relay = capacity.relay;
  if (ours && relay) {
    const ratio = ours.n > 0 && relay.n > 0 ? (ours.n / relay.n).toFixed(2) : "n/a";
    parts.unshift(`Largest level with p99 < ${o.limitMs} ms${o.fillMessages ? ` (late: ${o.fillMessages} messages per table)` : " (early in the summit)"}: ` +
      `**ours ${ours.label} summits, the bare relay ${relay.label} rooms: ratio ${ratio}**${ours.capped || relay.capped ? " (≥: the ramp ended before the limit was reached)" : ""}.`);
  }
  let memory: MemoryRow | null = null;
  if (o.memory > 0) {
    log(`load: memory check with ${o.memory} summits…`);
    memory = await memoryCheck(o.memory, o);
    rows.push({ memory });
    parts.push(memoryTable(memory));
  }
  return { markdown: parts.join("\n\n"), rows };
}
