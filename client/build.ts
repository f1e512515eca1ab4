/** Bundles the client with esbuild into client/dist (run by `npm run build`, and by `npm start` when missing). */
import { build } from "esbuild";
import { cpSync, mkdirSync, existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = import.meta.dirname;
export const DIST = resolve(root, "dist");

export async function buildClient(opts: { minify?: boolean } = {}): Promise<{ bytes: number; ms: number }> {
  const t0 = performance.now();
  mkdirSync(DIST, { recursive: true });
  await build({
    entryPoints: [join(root, "src/main.ts")],
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    minify: opts.minify ?? true,
    sourcemap: true,
    outfile: join(DIST, "main.js"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  // The scene dev page (dev.html): the table and projector scenes on an engine fixture, no server needed.
  await build({
    entryPoints: [join(root, "src/dev/devMain.ts")],
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    minify: opts.minify ?? true,
    sourcemap: true,
    outfile: join(DIST, "dev.js"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  cpSync(join(root, "dev.html"), join(DIST, "dev.html"));
  cpSync(join(root, "index.html"), join(DIST, "index.html"));
  cpSync(join(root, "style.css"), join(DIST, "style.css"));
  const assets = resolve(root, "../assets");
  if (existsSync(assets)) cpSync(assets, join(DIST, "assets"), { recursive: true });
  return { bytes: statSync(join(DIST, "main.js")).size, ms: Math.round(performance.now() - t0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await buildClient();
  console.log(`client built: ${(r.bytes / 1024).toFixed(0)} KiB in ${r.ms} ms → ${DIST}`);
}
