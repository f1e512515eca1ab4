/** Bundles the client with esbuild into client/dist (run by `npm run build`, and by `npm start` when missing). */
import { build } from "esbuild";
import { cpSync, mkdirSync, existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = import.meta.dirname;
export const DIST = resolve(root, "dist");
/** The scene dev page lives apart from the served client: its engine fixture carries a scenario's secrets. */
export const DEV_DIST = resolve(root, "dev-dist");

async function bundle(entry: string, outfile: string, minify: boolean): Promise<void> {
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    minify,
    sourcemap: true,
    outfile,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
}

/** Copies the page shell, styles and assets beside a bundle. */
function copyStatic(dir: string, html: string): void {
  cpSync(join(root, html), join(dir, html));
  cpSync(join(root, "style.css"), join(dir, "style.css"));
  const assets = resolve(root, "../assets");
  if (existsSync(assets)) cpSync(assets, join(dir, "assets"), { recursive: true });
}

export async function buildClient(opts: { minify?: boolean } = {}): Promise<{ bytes: number; ms: number }> {
  const t0 = performance.now();
  mkdirSync(DIST, { recursive: true });
  await bundle("src/main.ts", join(DIST, "main.js"), opts.minify ?? true);
  copyStatic(DIST, "index.html");
  return { bytes: statSync(join(DIST, "main.js")).size, ms: Math.round(performance.now() - t0) };
}

/** The scene dev page (dev.html): the table and projector scenes on an engine fixture, no server needed. */
export async function buildDevPage(): Promise<void> {
  mkdirSync(DEV_DIST, { recursive: true });
  await bundle("src/dev/devMain.ts", join(DEV_DIST, "dev.js"), true);
  copyStatic(DEV_DIST, "dev.html");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--dev")) {
    await buildDevPage();
    console.log(`dev page built → ${DEV_DIST}/dev.html`);
  } else {
    const r = await buildClient();
    console.log(`client built: ${(r.bytes / 1024).toFixed(0)} KiB in ${r.ms} ms → ${DIST}`);
  }
}
