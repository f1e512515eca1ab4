/**
 * npm run bench: runs each benchmark module in turn and prints its Markdown tables (copied into
 * docs/BENCHMARKS.md). `npm run bench -- engine` runs only the modules whose title contains "engine";
 * `--json` prints one JSON document instead (each module's rows when it returns them, else its Markdown).
 * A module is a function returning { markdown, rows? }; add yours to the list. It gets the command line's
 * arguments; flags that take a value go in VALUE_FLAGS so that their values are not read as filters.
 * A module marked `onlyWhenAsked` (it takes minutes) runs only when a filter names it: `npm run bench -- load`.
 */
import "../tests/setup/nodeWebSocket"; // first: the benches reach under the SDK's sockets (ws client)
import { cpus, loadavg } from "node:os";
import { clientBench } from "./clientBench";
import { engineBench } from "./engine";
import { pageLoadBench } from "./pageLoadBench";
import { LOAD_VALUE_FLAGS, loadBench } from "./load/loadBench";
import { FUZZ_VALUE_FLAGS, fuzzBench } from "./fuzz";
import { replayBench } from "./replayBench";
import { RESTART_VALUE_FLAGS, restartBench } from "./restart";
import { simulateBench } from "./simulateBench";
import { syncCompareBench } from "./syncCompare";

interface BenchReport { markdown: string; rows?: unknown[] }

const modules: [string, (args: string[]) => BenchReport | Promise<BenchReport>, { onlyWhenAsked?: boolean }?][] = [
  ["Engine: apply throughput and full-summit replay", engineBench],
  ["Replays: file size, open and seek times", replayBench],
  ["Client: bundle size and time to first table render", clientBench],
  ["Simulator: bot-only summits per second", simulateBench],
  ["Live sync: whole views vs patches vs schema StateView", syncCompareBench],
  ["Live load: summits at a human pace, ours vs a bare Colyseus room", loadBench, { onlyWhenAsked: true }],
  ["Page load (pageload): a throttled phone's time to the join form and to the table", pageLoadBench, { onlyWhenAsked: true }],
  ["Restart: kill -9 with 50 running summits, time to /health and to the first ack", restartBench, { onlyWhenAsked: true }],
  ["Fuzz: 100,000 fuzzed frames and raw HTTP bodies against a real server", fuzzBench, { onlyWhenAsked: true }],
];
const VALUE_FLAGS = new Set([...LOAD_VALUE_FLAGS, ...RESTART_VALUE_FLAGS, ...FUZZ_VALUE_FLAGS]);

const args = process.argv.slice(2);
const json = args.includes("--json");
const filters = args.filter((a, i) => !a.startsWith("--") && !VALUE_FLAGS.has(args[i - 1] ?? "")).map((a) => a.toLowerCase());
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", loadBefore: loadavg().map((x) => Math.round(x * 100) / 100) };

const results: { title: string; ms: number; rows?: unknown[]; markdown: string }[] = [];
if (!json) console.log(`Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, load average ${machine.loadBefore.join(" / ")}\n`);
for (const [title, run, how] of modules) {
  const asked = filters.some((f) => title.toLowerCase().includes(f));
  if ((filters.length > 0 || how?.onlyWhenAsked) && !asked) continue;
  const t0 = performance.now();
  const r = await run(args);
  const ms = Math.round(performance.now() - t0);
  results.push({ title, ms, ...r });
  if (!json) console.log(`## ${title}\n\n${r.markdown}\n\n(${ms} ms, Node ${process.version})\n`);
}
if (json) {
  const modulesOut = results.map(({ title, ms, rows, markdown }) => (rows ? { title, ms, rows } : { title, ms, markdown }));
  console.log(JSON.stringify({ machine: { ...machine, loadAfter: loadavg().map((x) => Math.round(x * 100) / 100) }, modules: modulesOut }, null, 2));
}
