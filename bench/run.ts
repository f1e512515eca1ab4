/**
 * npm run bench: runs each benchmark module in turn and prints its Markdown (copied into docs/BENCHMARKS.md).
 * A module is a function returning { markdown }; add yours to the list.
 */
import { replayBench } from "./replayBench";
import { clientBench } from "./clientBench";

const modules: [string, () => { markdown: string } | Promise<{ markdown: string }>][] = [
  ["Replays: file size, open and seek times", replayBench],
  ["Client: bundle size and time to first table render", clientBench],
];

const only = process.argv[2];
for (const [title, run] of modules) {
  if (only && !title.toLowerCase().includes(only.toLowerCase())) continue;
  const t0 = performance.now();
  const r = await run();
  console.log(`## ${title}\n\n${r.markdown}\n\n(${Math.round(performance.now() - t0)} ms, Node ${process.version})\n`);
}
