/**
 * The client as a player gets it: the bundle's size (raw and gzipped) and the time from navigation to the
 * first frame of the summit table, for a seated player in headless Chromium against the real server on loopback.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildClient, DIST } from "../client/build";
import { createSeminar, Player, startTestServer } from "../tests/server/harness";
import { haveChromium, launch, newPage } from "../tests/browser/browser";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function clientBench(): Promise<{ markdown: string }> {
  const build = await buildClient();
  const js = Buffer.concat(build.tablePage.map((f) => readFileSync(join(DIST, f))));
  const rows = [
    `| table page's scripts (${build.tablePage.length}, minified) | ${(js.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(js).length / 1024).toFixed(0)} KiB gzipped, built in ${build.ms} ms |`,
  ];
  if (!haveChromium) return { markdown: `| measure | value |\n|---|---|\n${rows.join("\n")}\n\n(Chromium missing: no render timing.)` };
  const server = await startTestServer();
  const browser = await launch();
  try {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "90", bots: false });
    const table = sem.tables[0]!;
    const player = await new Player(server.url).join(table, { code: sem.code, name: "Bench", delegation: "AM" });
    const times: Record<string, number[]> = { webgl: [], canvas: [] };
    for (const renderer of ["webgl", "canvas"] as const) {
      for (let i = 0; i < 5; i++) {
        const { page } = await newPage(browser, { width: 1280, height: 800 }, renderer);
        await page.context().addInitScript(([t, k]) => localStorage.setItem(`csto.seat.${t}`, k!), [table, player.token]);
        await page.goto(`${server.url}/table/${table}`);
        await page.waitForFunction(() => performance.getEntriesByName("table-drawn").length > 0, undefined, { timeout: 30_000 });
        times[renderer]!.push(await page.evaluate(() => performance.getEntriesByName("table-drawn")[0]!.startTime));
        await page.context().close();
      }
    }
    for (const r of ["webgl", "canvas"]) {
      rows.push(`| first table render, ${r === "webgl" ? "WebGL (software)" : "2D canvas"}, median of 5 | ${median(times[r]!).toFixed(0)} ms (runs: ${times[r]!.map((t) => t.toFixed(0)).join(", ")}) |`);
    }
    await player.leave();
  } finally {
    await browser.close();
    await server.stop();
  }
  return { markdown: `Navigation start to the first frame of the table, for a seated player (1280×800, loopback, headless Chromium, software rendering).\n\n| measure | value |\n|---|---|\n${rows.join("\n")}` };
}
