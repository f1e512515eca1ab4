/**
 * Engine benchmarks: (a) throughput of `apply` over seeded random legal play, in actions per second, and (b) the
 * time to replay a full 90-minute Yerevan summit log from scratch with `replay` (phase hashes included).
 * Goals: more than 100,000 actions per second; a full-summit replay well under 10 ms.
 */
import type { Action } from "../shared/actions";
import { apply } from "../shared/apply";
import { createSummit } from "../shared/createSummit";
import { hash } from "../shared/hash";
import { replay } from "../shared/replay";
import type { Scenario } from "../shared/scenario";
import { getScenario } from "../shared/scenarios";
import type { State, TimingPreset } from "../shared/state";
import { median, round, type Timings, timeRuns } from "./measure";
import { type PlayedSummit, randomLegalPlay } from "./randomLegalPlay";
import { yerevanSummitLog } from "./summitLog";

export interface EngineBenchRow {
  name: string;
  /** Median over the timed runs, by the wall clock. */
  value: number;
  /** The same median in process CPU time (all threads): less disturbed by other load, but parallel GC adds to it. */
  cpuValue: number;
  unit: string;
  goal: string;
  met: boolean | null;
  detail: string;
}

const RUNS = 31;

/** Folds `apply` over a log from a fresh summit; throws if any action is refused (the log must be valid). */
function fold(scenario: Scenario, summit: { seed: number; timing: TimingPreset; log: readonly Action[] }, visit?: (s: State, prev: State) => void): State {
  let state = createSummit(scenario, { seed: summit.seed, timing: summit.timing });
  for (const a of summit.log) {
    const r = apply(state, a);
    if (!r.ok) throw new Error(`bench: ${a.type} refused: ${r.error}`);
    visit?.(r.state, state);
    state = r.state;
  }
  return state;
}

function throughput(scenario: Scenario, summits: PlayedSummit[]): EngineBenchRow {
  const actions = summits.reduce((n, s) => n + s.log.length, 0);
  const t = timeRuns(RUNS, () => { for (const s of summits) fold(scenario, s); });
  const perSecond = (ms: number): number => Math.round(actions / (ms / 1000));
  const wall = perSecond(median(t.wall));
  return {
    name: `apply throughput, random legal play (${scenario.id})`,
    value: wall, cpuValue: perSecond(median(t.cpu)), unit: "actions/s", goal: "> 100,000", met: wall > 100_000,
    detail: `${summits.length} seeded summits, ${actions} actions (${summits.filter((s) => s.state.status === "ended").length} summits played to the end), each timed run folds them all`,
  };
}

const row = (name: string, t: Timings, detail: string, goal = "", limit?: number): EngineBenchRow => {
  const wall = round(median(t.wall));
  return { name, value: wall, cpuValue: round(median(t.cpu)), unit: "ms", goal, met: limit === undefined ? null : wall < limit, detail };
};

/** Runs the engine benchmarks and returns their rows and a Markdown table. */
export function engineBench(): { rows: EngineBenchRow[]; markdown: string } {
  const yerevan = getScenario("yerevan-2016")!;
  const tutorial = getScenario("tutorial")!;
  const rows: EngineBenchRow[] = [];

  const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
  rows.push(throughput(yerevan, seeds.map((seed) => randomLegalPlay(yerevan, seed, 1500))));
  rows.push(throughput(tutorial, seeds.map((seed) => randomLegalPlay(tutorial, seed, 800))));

  const summit = yerevanSummitLog(yerevan, 1);
  const { header, log, state: final } = summit;
  const expected = hash(final);
  const check = replay(yerevan, header, log, undefined, { phaseHashes: true });
  if (!check.ok || check.hash !== expected) throw new Error("bench: the summit replay did not reproduce its hash");
  const minutes = Math.round((final.now - (log.find((a) => a.type === "host.start")?.at ?? 0)) / 60_000);
  rows.push(row(
    "full 90-minute Yerevan summit: replay() from scratch to its final hash",
    timeRuns(RUNS, () => { replay(yerevan, header, log); }),
    `${log.length} actions: ${summit.messages} messages, ${final.commitments.length} commitments, ${final.proposals.length} drafts, ${final.ballots.length} ballots in 2 rounds, ${minutes} min of play; ${check.phaseHashes.length} phase hashes`,
    "well under 10", 10,
  ));
  // Where the replay's time goes: folding apply, and hashing the state at each phase boundary.
  const boundaries: State[] = [];
  fold(yerevan, { ...header, log }, (s, prev) => { if (s.phase !== prev.phase || s.round !== prev.round || s.status !== prev.status) boundaries.push(s); });
  const foldTimes = timeRuns(RUNS, () => { fold(yerevan, { ...header, log }); });
  rows.push(row("  of which: folding apply over the log", foldTimes, `${Math.round(log.length / (median(foldTimes.wall) / 1000)).toLocaleString("en-US")} actions/s`));
  const bytes = boundaries.reduce((n, s) => n + JSON.stringify(s).length, 0);
  rows.push(row("  verification only: hashing the state at each phase boundary", timeRuns(RUNS, () => { for (const s of boundaries) hash(s); }),
    `${boundaries.length} states, ${Math.round(bytes / 1024)} KiB of JSON in all; the final state alone is ${Math.round(JSON.stringify(final).length / 1024)} KiB`));

  const markdown = [
    "| benchmark | median (wall) | median (CPU) | unit | goal | met | detail |",
    "|---|---:|---:|---|---|---|---|",
    ...rows.map((r) => `| ${r.name} | ${r.value.toLocaleString("en-US")} | ${r.cpuValue.toLocaleString("en-US")} | ${r.unit} | ${r.goal} | ${r.met === null ? "" : r.met ? "yes" : "**no**"} | ${r.detail} |`),
  ].join("\n");
  return { rows, markdown: `Median of ${RUNS} timed runs after 3 untimed ones; CPU is the whole process's user + system time (all threads, so it can exceed the wall clock).\n\n${markdown}` };
}
