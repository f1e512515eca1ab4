/**
 * Replay measurements on full 90-minute class sessions played engine-only (tests/classSession.ts):
 * the session file's size per hour of play (raw and gzipped), the time to open a replay (parse, replay with
 * checkpoints, check the final hash) and the time to seek to any moment and build a perspective's view.
 */
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import type { Action } from "../shared/actions";
import { hash } from "../shared/hash";
import { nextFloat, seedState } from "../shared/prng";
import { CHECKPOINT_EVERY, openCursor } from "../shared/replayCursor";
import { type Perspective, perspectiveView } from "../shared/replayView";
import { getScenario } from "../shared/scenarios";
import { exportSession, parseSessionFile, sessionHeaderOf, stringifySession } from "../shared/sessionFile";
import { scenarioOfSession } from "../shared/verifySession";
import { type ClassOptions, playClassSession } from "../tests/classSession";

export interface ReplayBenchRow {
  name: string;
  students: number;
  actions: number;
  minutes: number;
  rawKB: number;
  gzipKB: number;
  gzipKBPerHour: number;
  /** The log alone (the actions, without header, scenario and hashes). */
  logGzipKBPerHour: number;
  openMs: { first: number; median: number };
  seekMs: { median: number; p95: number; max: number };
  stepBackMs: { median: number; max: number };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** Opens a session file as the viewer does: parse, find its scenario, replay with checkpoints, check the hash. */
function open(text: string) {
  const parsed = parseSessionFile(JSON.parse(text));
  if (!parsed.ok) throw new Error(parsed.error);
  const found = scenarioOfSession(parsed.file);
  if (!found.ok) throw new Error(found.error);
  const r = openCursor(found.scenario, sessionHeaderOf(parsed.file), parsed.file.actions as Action[]);
  if (!r.ok) throw new Error(r.error);
  if (hash(r.cursor.final) !== parsed.file.final.hash) throw new Error("hash mismatch");
  return r.cursor;
}

function measure(name: string, options: ClassOptions): ReplayBenchRow {
  const scenario = getScenario("yerevan-2016")!;
  const session = playClassSession(scenario, options);
  const e = exportSession({ scenario, header: session.header, actions: session.actions, createdAt: session.createdAt });
  if (!e.ok) throw new Error(e.error);
  const text = stringifySession(e.file);
  const gz = gzipSync(text, { level: 9 }).length;
  const logGz = gzipSync(JSON.stringify(session.actions), { level: 9 }).length;
  const start = session.actions.find((a) => a.type === "host.start")?.at ?? session.createdAt;
  const minutes = (session.state.now - start) / 60_000;

  const opens: number[] = [];
  let cursor = open(text);
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    cursor = open(text);
    opens.push(performance.now() - t0);
  }
  const first = opens.shift()!;

  const perspectives: Perspective[] = [{ kind: "public" }, { kind: "host" }, { kind: "revealed" }, ...scenario.delegations.map((d): Perspective => ({ kind: "delegation", delegation: d.id }))];
  let rng = seedState(options.seed);
  const rand = (): number => { const [f, n] = nextFloat(rng); rng = n; return f; };
  const seeks: number[] = [];
  for (let i = 0; i < 400; i++) {
    const seq = Math.floor(rand() * (cursor.length + 1));
    const p = perspectives[Math.floor(rand() * perspectives.length)]!;
    const t0 = performance.now();
    perspectiveView(cursor.stateAt(seq), p);
    seeks.push(performance.now() - t0);
  }
  // Stepping back one action is the worst case for checkpoints: it replays from the checkpoint before.
  const backs: number[] = [];
  cursor.stateAt(cursor.length);
  for (let seq = cursor.length - 1; seq > Math.max(0, cursor.length - 3 * CHECKPOINT_EVERY); seq--) {
    const t0 = performance.now();
    perspectiveView(cursor.stepTo(seq).state, { kind: "public" });
    backs.push(performance.now() - t0);
  }
  return {
    name, students: options.perDelegation * scenario.delegations.length, actions: session.actions.length, minutes: round(minutes),
    rawKB: round(text.length / 1024), gzipKB: round(gz / 1024), gzipKBPerHour: round(gz / 1024 / (minutes / 60)),
    logGzipKBPerHour: round(logGz / 1024 / (minutes / 60)),
    openMs: { first: round(first), median: round(quantile(opens, 0.5)) },
    seekMs: { median: round(quantile(seeks, 0.5), 2), p95: round(quantile(seeks, 0.95), 2), max: round(Math.max(...seeks), 2) },
    stepBackMs: { median: round(quantile(backs, 0.5), 2), max: round(Math.max(...backs), 2) },
  };
}

/** Runs the replay benchmarks and returns their rows and a Markdown table of them. */
export function replayBench(): { rows: ReplayBenchRow[]; markdown: string } {
  const rows = [
    measure("class of 24, 0.5 msg/min each", { seed: 3, timing: "90", perDelegation: 4, chatPerMinute: 0.5 }),
    measure("class of 30, 1 msg/min each (busy)", { seed: 4, timing: "90", perDelegation: 5, chatPerMinute: 1 }),
  ];
  const markdown = [
    "| session (Yerevan, 90-minute timing) | actions | minutes | file KB | file gzip KB | file gzip KB/hour | log gzip KB/hour | open ms (first / median) | seek ms (median / p95 / max) | step back ms (median / max) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.name} | ${r.actions} | ${r.minutes} | ${r.rawKB} | ${r.gzipKB} | ${r.gzipKBPerHour} | **${r.logGzipKBPerHour}** | ${r.openMs.first} / ${r.openMs.median} | ${r.seekMs.median} / ${r.seekMs.p95} / **${r.seekMs.max}** | ${r.stepBackMs.median} / ${r.stepBackMs.max} |`),
  ].join("\n");
  return { rows, markdown };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = replayBench();
  console.log(r.markdown);
}
