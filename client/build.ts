/**
 * Bundles the client with esbuild into client/dist (run by `npm run build`, and by `npm start` when missing).
 *
 * Delivery: ES modules split into chunks (the replay viewer and debrief load only when opened), every script named
 * by its content hash (served with long immutable caching; index.html is rewritten to point at them and preloads
 * the chunks the entry needs), each file precompressed beside itself (.br and .gz), and source maps kept out of the
 * served folder (in client/sourcemaps/).
 */
import { build, type Metafile, type Plugin } from "esbuild";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = import.meta.dirname;
export const DIST = resolve(root, "dist");
/** Source maps of the served bundle: for developers, never served. */
export const MAPS = resolve(root, "sourcemaps");
/** The scene dev page lives apart from the served client: its engine fixture carries a scenario's secrets. */
export const DEV_DIST = resolve(root, "dev-dist");
/** File names that carry a content hash (cached for a year, immutable). */
export const HASHED = /-[A-Z0-9]{8}\.(js|css)$/;
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

const modules = resolve(root, "../node_modules");
const schemaSrc = join(modules, "@colyseus/schema/src");

/**
 * The client uses no Colyseus schema state (the server sends views as messages), so the SDK gets only the message
 * encoding it frames messages with, instead of the whole schema library (about 95 KB minified). Anything else it
 * would touch throws, loudly, should a room ever send schema state.
 */
const SCHEMA_SHIM = `
export { encode } from ${JSON.stringify(join(schemaSrc, "encoding/encode.ts"))};
export { decode } from ${JSON.stringify(join(schemaSrc, "encoding/decode.ts"))};
const none = () => { throw new Error("CSTO Summit's client has no schema state"); };
export class Decoder { constructor() { none(); } }
export class Schema {}
export class InputEncoder { constructor() { none(); } }
export const Metadata = {};
export const Reflection = { decode: none };
export const getDecoderStateCallbacks = none;
export const Callbacks = { get: none };
export const $values = Symbol("values");
export const $refId = Symbol("refId");
`;

/** zod carries 64 locale files for its error messages; the client shows only English ones from zod, if any. */
const ZOD_LOCALES = `export { default as en } from ${JSON.stringify(join(modules, "zod/v4/locales/en.js"))};`;

/**
 * Phaser from its sources, without sound, Matter physics, tilemaps and the game objects the table never draws (the
 * switches below are the ones Phaser's own custom builds set). Both renderers stay (the renderer is chosen at run
 * time). Arcade physics stays: without it the WebGL renderer drew nothing here (seen in headless Chromium, not
 * explained), so check a WebGL screenshot before trimming more.
 */
const PHASER_ENTRY = join(modules, "phaser/src/phaser.js");
const PHASER_FLAGS: Record<string, string> = {
  WEBGL_RENDERER: "true", CANVAS_RENDERER: "true", FEATURE_SOUND: "false",
  PLUGIN_CAMERA3D: "false", PLUGIN_FBINSTANT: "false", WEBGL_DEBUG: "false",
};
/** Parts of Phaser the table never uses, left out of its namespace (their lines are dropped from Phaser's indexes). */
const PHASER_UNUSED = /require\('\.\/(matter-js|tilemaps|particles|noise|video|spritegpulayer|pointlight|mesh2d|shader|rope|blitter|stamp|bitmaptext|domelement|pathfollower|tilesprite|captureframe|customcontext|extern|stencil|stencilreference)\b[^']*'\)/;
const trimPhaser = (path: string, text: string): string =>
  /phaser[\\/]src[\\/](phaser|physics[\\/]index|gameobjects[\\/]index)\.js$/.test(path) ? text.split("\n").filter((l) => !PHASER_UNUSED.test(l)).join("\n") : text;
/** Phaser tests its switches as `typeof X` (webpack defines the whole expression; esbuild cannot), so they are written in. */
const PHASER_SWITCH = new RegExp(`typeof (${Object.keys(PHASER_FLAGS).join("|")})\\b`, "g");

const slimDependencies: Plugin = {
  name: "slim-dependencies",
  setup(b) {
    b.onResolve({ filter: /^phaser$/ }, () => ({ path: PHASER_ENTRY }));
    b.onLoad({ filter: /phaser[\\/]src[\\/].*\.js$/ }, (a) => ({
      contents: trimPhaser(a.path, readFileSync(a.path, "utf8")).replace(PHASER_SWITCH, (_, flag: string) => PHASER_FLAGS[flag]!), loader: "js",
    }));
    // Required only under WEBGL_DEBUG, which is off; esbuild still resolves it.
    b.onResolve({ filter: /^phaser3spectorjs$/ }, () => ({ path: "spector", namespace: "slim" }));
    b.onResolve({ filter: /^@colyseus\/schema(\/input)?$/ }, (a) =>
      a.importer.includes("@colyseus/sdk") ? { path: "schema-shim", namespace: "slim" } : undefined);
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (a) =>
      /zod[\\/]v4[\\/](classic|core)[\\/]/.test(a.importer) ? { path: "zod-locales", namespace: "slim" } : undefined);
    b.onLoad({ filter: /.*/, namespace: "slim" }, (a) => ({
      contents: a.path === "schema-shim" ? SCHEMA_SHIM : a.path === "zod-locales" ? ZOD_LOCALES : "export default {};", loader: "js", resolveDir: root,
    }));
  },
};

export async function bundle(entry: string, outdir: string, minify: boolean, split: boolean): Promise<Metafile> {
  const r = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: "esm",
    splitting: split,
    target: "es2022",
    platform: "browser",
    minify,
    sourcemap: "external",
    outdir,
    entryNames: split ? "[name]-[hash]" : "[name]",
    chunkNames: "[name]-[hash]",
    metafile: true,
    plugins: [slimDependencies],
    // Phaser's entry sets global.Phaser, as its webpack build provides `global`.
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    logLevel: "warning",
  });
  return r.metafile;
}

/** Copies the page shell, styles and assets beside a bundle. */
function copyStatic(dir: string, html: string): void {
  cpSync(join(root, html), join(dir, html));
  cpSync(join(root, "style.css"), join(dir, "style.css"));
  const assets = resolve(root, "../assets");
  if (existsSync(assets)) cpSync(assets, join(dir, "assets"), { recursive: true });
}

/** Writes a file through a temporary name, so a server reading the folder never sees half a file. */
function writeAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Writes name.br and name.gz beside each text file (skipped when the compressed copy is newer than the file). */
function precompress(dir: string): void {
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const mtime = statSync(file).mtimeMs;
    const fresh = (p: string) => existsSync(p) && statSync(p).mtimeMs >= mtime;
    if (fresh(`${file}.br`) && fresh(`${file}.gz`)) continue;
    const data = readFileSync(file);
    writeAtomic(`${file}.gz`, gzipSync(data, { level: 9 }));
    writeAtomic(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
  }
}

export interface ClientBuild {
  /** Bytes of the scripts the table page loads (the entry and the chunks it imports statically). */
  bytes: number;
  ms: number;
  /** The entry script's file name in DIST. */
  entry: string;
  /** The scripts the home and join pages load: the entry and its static imports. */
  homePage: string[];
  /** The scripts the table page loads: the home page's and the table chunk with its static imports. */
  tablePage: string[];
  /** Every script in DIST, lazily loaded chunks included. */
  scripts: string[];
}

/** The scripts a page loads at once: the entry and, transitively, the chunks it imports statically. */
function staticClosure(meta: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const i of meta.outputs[out]?.imports ?? []) if (i.kind === "import-statement") visit(i.path);
  };
  visit(entry);
  return [...seen];
}

export async function buildClient(opts: { minify?: boolean } = {}): Promise<ClientBuild> {
  const t0 = performance.now();
  mkdirSync(DIST, { recursive: true });
  mkdirSync(MAPS, { recursive: true });
  const meta = await bundle("src/main.ts", DIST, opts.minify ?? true, true);
  const outputs = Object.keys(meta.outputs).map((p) => resolve(p));
  const entryOut = Object.entries(meta.outputs).find(([, o]) => o.entryPoint)![0];
  const name = (p: string) => relative(DIST, resolve(p)).split("\\").join("/");
  // The home and join pages load the entry's static closure; the table page adds the table chunk (Phaser with it),
  // which main.ts imports on demand for the table, projector and host routes.
  const homePage = staticClosure(meta, entryOut).map(name);
  const tableOut = Object.entries(meta.outputs).find(([, o]) => o.entryPoint?.endsWith("dom/TablePage.ts"))?.[0];
  const tablePage = [...new Set([...homePage, ...(tableOut ? staticClosure(meta, tableOut).map(name) : [])])];
  const entry = name(entryOut);
  // Maps leave the served folder; the scripts keep no sourceMappingURL (esbuild's "external" mode).
  for (const p of outputs.filter((x) => x.endsWith(".map"))) renameSync(p, join(MAPS, basename(p)));
  copyStatic(DIST, "index.html");
  // Two shells: index.html preloads what the home and join pages need; table.html (served for the table, projector
  // and host table routes) also preloads the table chunk and Phaser, so that they download beside the entry.
  const shell = (scripts: string[]) => {
    const preload = scripts.filter((f) => f !== entry).map((f) => `<link rel="modulepreload" href="/${f}">`).join("\n  ");
    return readFileSync(join(root, "index.html"), "utf8")
      .replace('src="/main.js"', `src="/${entry}"`)
      .replace("</head>", `${preload ? `  ${preload}\n` : ""}</head>`);
  };
  writeAtomic(join(DIST, "index.html"), shell(homePage));
  writeAtomic(join(DIST, "table.html"), shell(tablePage));
  // Scripts of earlier builds go (with their compressed copies); a build of the same sources keeps the same names.
  const current = new Set(outputs.filter((x) => x.endsWith(".js")).map((p) => basename(p)));
  for (const f of readdirSync(DIST)) {
    const base = f.replace(/\.(br|gz)$/, "");
    if ((base.endsWith(".js") || base.endsWith(".map")) && !current.has(base)) rmSync(join(DIST, f), { force: true });
  }
  precompress(DIST);
  const scripts = [...current].sort();
  const bytes = tablePage.reduce((a, f) => a + statSync(join(DIST, f)).size, 0);
  return { bytes, ms: Math.round(performance.now() - t0), entry, homePage, tablePage, scripts };
}

/** Every script of the built client, for checks that must read all of it (the secrets check). */
export function builtScripts(): string[] {
  return readdirSync(DIST).filter((f) => f.endsWith(".js")).map((f) => join(DIST, f));
}

/** The scene dev page (dev.html): the table and projector scenes on an engine fixture, no server needed. */
export async function buildDevPage(): Promise<void> {
  mkdirSync(DEV_DIST, { recursive: true });
  await bundle("src/dev/devMain.ts", DEV_DIST, true, false);
  copyStatic(DEV_DIST, "dev.html");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--dev")) {
    await buildDevPage();
    console.log(`dev page built → ${DEV_DIST}/dev.html`);
  } else {
    const r = await buildClient();
    const gz = r.tablePage.reduce((a, f) => a + gzipSync(readFileSync(join(DIST, f))).length, 0);
    console.log(`client built in ${r.ms} ms → ${DIST}: table page ${(r.bytes / 1024).toFixed(0)} KiB (${(gz / 1024).toFixed(0)} KiB gzipped) in ${r.tablePage.length} scripts; ${r.scripts.length} scripts in all`);
  }
}
