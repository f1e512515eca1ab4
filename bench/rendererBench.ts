/**
 * Phaser's renderer under software rendering (headless Chromium, SwiftShader for WebGL): time to the first table for
 * a seated player (1280×800), and frame times on the projector (1920×1080, ticker running, loop always awake).
 *   node --import tsx bench/rendererBench.ts [runs=5]
 * Frame time = interval between requestAnimationFrame callbacks over 4 s (the compositor's pace, so it includes the
 * GPU process's rasterising); busy = main-thread task time per second (CDP Performance.getMetrics TaskDuration).
 */
import { buildClient } from "../client/build";
import { createSeminar, Player, startTestServer } from "../tests/server/harness";
import { launch } from "../tests/browser/browser";

const runs = Number(process.argv[2] ?? 5);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

await buildClient();
const server = await startTestServer();
const browser = await launch();
try {
  const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "90", bots: true });
  const table = sem.tables[0]!;
  const player = await new Player(server.url).join(table, { code: sem.code, name: "Bench", delegation: "AM" });
  const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
  await host.must({ type: "host.start" });
  const out: string[] = [];
  for (const renderer of ["webgl", "canvas"] as const) {
    const first: number[] = [], mean: number[] = [], p95: number[] = [], busy: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(([t, k]) => localStorage.setItem(`csto.seat.${t}`, k!), [table, player.token]);
      const page = await context.newPage();
      await page.goto(`${server.url}/table/${table}?renderer=${renderer}`);
      await page.waitForFunction(() => performance.getEntriesByName("table-drawn").length > 0, undefined, { timeout: 30_000 });
      first.push(await page.evaluate(() => performance.getEntriesByName("table-drawn")[0]!.startTime));
      await context.close();

      const wall = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const proj = await wall.newPage();
      await proj.goto(`${server.url}/projector/${table}?code=${sem.code}&renderer=${renderer}`);
      await proj.waitForFunction(() => document.querySelector("canvas")?.dataset.drawn, undefined, { timeout: 30_000 });
      await proj.waitForTimeout(1000);
      const cdp = await wall.newCDPSession(proj);
      await cdp.send("Performance.enable");
      const task = async () => ((await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")?.value ?? 0);
      const t0 = await task();
      // A string, not a function: tsx would wrap a function's inner helpers in a name-keeping call the page lacks.
      const gaps = await proj.evaluate(`new Promise((resolve) => {
        const out = [];
        let last = performance.now();
        const end = last + 4000;
        const step = (now) => { out.push(now - last); last = now; if (now < end) requestAnimationFrame(step); else resolve(out); };
        requestAnimationFrame(step);
      })`) as number[];
      busy.push(((await task()) - t0) / 4);
      mean.push(gaps.reduce((a, b) => a + b, 0) / gaps.length);
      p95.push(pct(gaps, 0.95));
      await wall.close();
    }
    const f = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
    out.push(`| ${renderer === "webgl" ? "WebGL (SwiftShader)" : "2D canvas"} | ${f(first)} (${first.map((x) => x.toFixed(0)).join(", ")}) | ${f(mean)} | ${f(p95)} | ${(median(busy) * 100).toFixed(0)}% |`);
  }
  console.log(`| renderer | first table, 1280×800 (median of ${runs}) | projector frame, mean | projector frame, p95 | projector main-thread busy |\n|---|---|---|---|---|\n${out.join("\n")}`);
  await player.leave();
  await host.leave();
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
