/**
 * Screenshots of the table scenes from the dev page (fixture data, no game server), with headless Chromium.
 *   node --import tsx client/build.ts --dev && node --import tsx client/src/dev/screenshots.ts [outDir=docs/screenshots]
 */
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, existsSync, statSync } from "node:fs";
import { extname, join, resolve, normalize } from "node:path";
import { tmpdir } from "node:os";
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");
const dist = join(root, "dev-dist");
const out = resolve(process.argv[2] ?? join(root, "../docs/screenshots"));
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".map": "application/json" };

/** The shots: file name, page query, viewport. */
export const SHOTS = [
  { file: "table-phone.png", query: "scene=table", width: 375, height: 740 },
  { file: "table-desktop.png", query: "scene=table", width: 1280, height: 800 },
  { file: "projector-1920.png", query: "scene=projector", width: 1920, height: 1080 },
];

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(dist, path);
  if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
});
await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
const port = (server.address() as AddressInfo).port;

const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "csto-shots-")), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  mkdirSync(out, { recursive: true });
  const only = process.env.SHOT;
  for (const shot of SHOTS.filter((s) => !only || s.file.includes(only))) {
    const page = await browser.newPage();
    await page.setViewportSize({ width: shot.width, height: shot.height });
    page.on("pageerror", (e) => console.error(`${shot.file}: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && console.error(`${shot.file}: ${m.text()}`));
    await page.goto(`http://127.0.0.1:${port}/dev.html?${shot.query}${process.env.EXTRA ?? ""}`);
    await page.waitForTimeout(Number(process.env.WAIT ?? 1500));
    await page.screenshot({ path: join(out, shot.file) });
    console.log(`${join(out, shot.file)}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
