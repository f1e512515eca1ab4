/**
 * The client on a throttled phone: time from navigation to the join form and to the drawn table, in Chromium with
 * DevTools network throttling (fast 3G: 1.6 Mbps down, 750 kbps up, 150 ms round trip) and a 4× CPU slowdown, a
 * cold cache each time, against the real server on loopback serving the built, precompressed client.
 * Goals (issue 11): join form under 3 s, table under 5 s. `npm run bench -- pageload`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { buildClient, DIST } from "../client/build";
import { createSeminar, Player, startTestServer } from "../tests/server/harness";
import { haveChromium, launch } from "../tests/browser/browser";

const RUNS = 3;
const PHONE = { width: 375, height: 740 };
const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A fresh phone (own cache and storage) with the network and CPU throttled. */
async function throttledPage(browser: Browser, init?: [string, string]): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  if (init) await context.addInitScript(([t, k]) => localStorage.setItem(`csto.seat.${t}`, k!), init);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return page;
}

export async function pageLoadBench(): Promise<{ markdown: string }> {
  const build = await buildClient();
  const size = (f: string, how: (b: Buffer) => Buffer) => how(readFileSync(join(DIST, f))).length;
  const gz = build.tablePage.reduce((a, f) => a + size(f, (b) => gzipSync(b, { level: 9 })), 0);
  const br = build.tablePage.reduce((a, f) => a + size(f, brotliCompressSync), 0);
  const rows = [`| table page's scripts (${build.tablePage.length} files) | ${(build.bytes / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip, ${(br / 1024).toFixed(0)} KiB brotli (served) |`];
  if (!haveChromium) return { markdown: `| measure | value |\n|---|---|\n${rows.join("\n")}\n\n(Chromium missing: no timings.)` };
  const server = await startTestServer();
  const browser = await launch();
  const joinForm: number[] = [], tableDrawn: number[] = [];
  try {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "90", bots: true });
    const table = sem.tables[0]!;
    const player = await new Player(server.url).join(table, { code: sem.code, name: "Bench", delegation: "AM" });
    for (let i = 0; i < RUNS; i++) {
      const a = await throttledPage(browser);
      await a.goto(`${server.url}/join/${sem.code}`, { waitUntil: "commit", timeout: 60_000 });
      joinForm.push(await (await a.waitForFunction(() => (document.querySelector("#app input") ? performance.now() : 0), undefined, { timeout: 60_000, polling: "raf" })).jsonValue());
      await a.context().close();
      const b = await throttledPage(browser, [table, player.token]);
      await b.goto(`${server.url}/table/${table}`, { waitUntil: "commit", timeout: 60_000 });
      await b.waitForFunction(() => performance.getEntriesByName("table-drawn").length > 0, undefined, { timeout: 90_000 });
      tableDrawn.push(await b.evaluate(() => performance.getEntriesByName("table-drawn")[0]!.startTime));
      await b.context().close();
    }
    await player.leave();
  } finally {
    await browser.close();
    await server.stop();
  }
  const fmt = (xs: number[]) => `${(median(xs) / 1000).toFixed(2)} s (runs: ${xs.map((x) => (x / 1000).toFixed(2)).join(", ")})`;
  rows.push(`| navigation → join form shown, median of ${RUNS} (goal < 3 s) | ${fmt(joinForm)} |`);
  rows.push(`| navigation → table drawn ("table-drawn" mark), seated player, median of ${RUNS} (goal < 5 s) | ${fmt(tableDrawn)} |`);
  return { markdown: `375×740 phone, cold cache, fast 3G (1.6 Mbps down, 750 kbps up, 150 ms RTT) and 4× CPU slowdown via the DevTools protocol, headless Chromium with software rendering, server on loopback.\n\n| measure | value |\n|---|---|\n${rows.join("\n")}` };
}
