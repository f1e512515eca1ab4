/**
 * npm run replay -- FILE [--verify] [--scenario SCENARIO.json] [--json]
 * Replays a session file (.json or .json.gz) with this engine and prints what it reproduces. With --verify it exits
 * 1 unless the replay reproduces the recorded final hash exactly, 2 when the file cannot be read at all.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";
import { parseScenario, type Scenario } from "../shared/scenario";
import { getScenario } from "../shared/scenarios";
import { parseSessionFile } from "../shared/sessionFile";
import { verifySession } from "../shared/verifySession";

function fail(message: string, code = 2): never {
  console.error(`replay: ${message}`);
  process.exit(code);
}

function readJson(path: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    fail(`cannot read ${path}: ${(e as Error).message}`);
  }
  const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`${path} is not JSON: ${(e as Error).message}`);
  }
}

const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith("--")));
const scenarioAt = argv.indexOf("--scenario");
const paths = argv.filter((a, i) => !a.startsWith("--") && (scenarioAt < 0 || i !== scenarioAt + 1));
for (const f of flags) if (!["--verify", "--json", "--scenario"].includes(f)) fail(`unknown option ${f}`);
if (paths.length !== 1) fail("usage: npm run replay -- FILE [--verify] [--scenario SCENARIO.json] [--json]");

let extra: Scenario | undefined;
if (scenarioAt >= 0) {
  const r = parseScenario(readJson(argv[scenarioAt + 1] ?? fail("--scenario needs a file")));
  if (!r.ok) fail(`the scenario given with --scenario is invalid: ${r.error}`);
  extra = r.scenario;
}

const path = paths[0]!;
const parsed = parseSessionFile(readJson(path));
if (!parsed.ok) fail(`${path}: ${parsed.error}`);
const file = parsed.file;
const t0 = performance.now();
const r = verifySession(file, (id) => (extra?.id === id ? extra : getScenario(id)));
const ms = Math.round(performance.now() - t0);
const h = file.header;

if (flags.has("--json")) {
  console.log(JSON.stringify(r.ok
    ? { ok: true, file: path, actions: file.actions.length, hash: r.hash, status: r.state.status, outcomes: r.state.result?.outcomes ?? r.state.outcomes, ms }
    : { ok: false, file: path, code: r.code, error: r.error, seq: r.seq }));
} else if (r.ok) {
  const first = Number(file.actions[0]?.at ?? 0), last = Number(file.actions.at(-1)?.at ?? first);
  console.log([
    `${path}: ${h.title || h.scenario.id}`,
    `  scenario ${h.scenario.id} v${h.scenario.version} (${file.scenario === undefined ? "from this game" : "carried in the file"}), engine ${h.engineVersion}, seed ${h.seed}, timing ${h.timing}`,
    `  recorded ${h.createdAt}; ${h.roster.length} seats; ${file.actions.length} actions over ${Math.round((last - first) / 60_000)} min${h.fork ? `; forked from ${h.fork.parent} after action ${h.fork.seq}` : ""}`,
    ...Object.entries(r.state.result?.outcomes ?? r.state.outcomes).map(([item, o]) => `  ${item}: ${o}`),
    `  final hash ${r.hash} (${r.state.status}) — reproduced in ${ms} ms`,
  ].join("\n"));
} else {
  console.error(`replay: ${path} does NOT replay: ${r.code}: ${r.error}`);
}
if (!r.ok && flags.has("--verify")) process.exit(1);
if (r.ok && flags.has("--verify") && !flags.has("--json")) console.log("OK: verified");
