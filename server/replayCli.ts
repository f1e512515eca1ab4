/**
 * npm run replay -- FILE [--verify] [--scenario SCENARIO.json] [--json]
 * npm run replay -- verify FILE [--scenario SCENARIO.json] [--json]       (the same as FILE --verify)
 * Replays a session file (.json or .json.gz) with this engine and prints what it reproduces. With --verify it exits
 * 1 unless the replay reproduces the recorded final hash exactly (or the file names this server's key under a MAC
 * that does not match), 2 when the file cannot be read at all. It also says what the check proves and what it cannot:
 * with DATA_DIR set to a server's data directory, whether that server signed the file.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";
import { parseScenario, type Scenario } from "../shared/scenario";
import { getScenario } from "../shared/scenarios";
import { parseSessionFile } from "../shared/sessionFile";
import { verifySession } from "../shared/verifySession";
import { checkSignature, keyIdOf, loadServerSecret } from "./signing";

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

const args = process.argv.slice(2);
// "verify FILE" reads as "FILE --verify".
const argv = args[0] === "verify" ? [...args.slice(1), "--verify"] : args;
const flags = new Set(argv.filter((a) => a.startsWith("--")));
const scenarioAt = argv.indexOf("--scenario");
const paths = argv.filter((a, i) => !a.startsWith("--") && (scenarioAt < 0 || i !== scenarioAt + 1));
for (const f of flags) if (!["--verify", "--json", "--scenario"].includes(f)) fail(`unknown option ${f}`);
if (paths.length !== 1) fail("usage: npm run replay -- [verify] FILE [--verify] [--scenario SCENARIO.json] [--json]");

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

// The signature: checkable only with the secret of the server that made it (DATA_DIR names that server's directory).
const dataDir = process.env.DATA_DIR;
let secret: Buffer | null = null;
try {
  secret = dataDir ? loadServerSecret(dataDir, { create: false }) : null;
} catch (e) {
  fail((e as Error).message);
}
const signed = checkSignature(file, secret);
const signatureText = {
  ours: `signed by this server (key ${file.signature?.key}, secret in ${dataDir}): the content is exactly what this server recorded and exported`,
  altered: `NOT what this server signed: the file names this server's key (${file.signature?.key}) but its content changed after it was signed, or the signature is forged`,
  other: `signed with key ${file.signature?.key}, ${secret ? `not this server's (${keyIdOf(secret)}, from ${dataDir})` : "which cannot be checked without the secret of the server that signed it (set DATA_DIR to that server's data directory)"}: the signature proves nothing here`,
  none: "unsigned",
}[signed];
const proves = [
  r.ok
    ? `  proves: the log replays, under the ${file.scenario === undefined ? "installed" : "embedded"} scenario, to the recorded hashes — the file is internally consistent`
    : "  proves: nothing — the log does not replay to its recorded hashes",
  signed === "ours"
    ? "  and, signed here: this server recorded the session (or imported it with this server's own signature) and nothing has changed since"
    : "  cannot prove: that a real class played it, or that the scenario and roster were not invented — anyone can write a log and recompute its hashes; only the signature of the server that recorded it, checked with that server's secret, can",
];

if (flags.has("--json")) {
  console.log(JSON.stringify(r.ok
    ? { ok: signed !== "altered", file: path, actions: file.actions.length, hash: r.hash, status: r.state.status, outcomes: r.state.result?.outcomes ?? r.state.outcomes, ms, signature: signed }
    : { ok: false, file: path, code: r.code, error: r.error, seq: r.seq, signature: signed }));
} else if (r.ok) {
  const first = Number(file.actions[0]?.at ?? 0), last = Number(file.actions.at(-1)?.at ?? first);
  console.log([
    `${path}: ${h.title || h.scenario.id}`,
    `  scenario ${h.scenario.id} v${h.scenario.version} (${file.scenario === undefined ? "from this game" : "carried in the file"}), engine ${h.engineVersion}, seed ${h.seed}, timing ${h.timing}`,
    `  recorded ${h.createdAt}; ${h.roster.length} seats; ${file.actions.length} actions over ${Math.round((last - first) / 60_000)} min${h.fork ? `; forked from ${h.fork.parent} after action ${h.fork.seq}` : ""}`,
    ...Object.entries(r.state.result?.outcomes ?? r.state.outcomes).map(([item, o]) => `  ${item}: ${o}`),
    `  final hash ${r.hash} (${r.state.status}) — reproduced in ${ms} ms`,
    `  signature: ${signatureText}`,
    ...proves,
  ].join("\n"));
} else {
  console.error(`replay: ${path} does NOT replay: ${r.code}: ${r.error}`);
  console.error(`  signature: ${signatureText}`);
  console.error(proves.join("\n"));
}
if ((!r.ok || signed === "altered") && flags.has("--verify")) process.exit(1);
if (r.ok && flags.has("--verify") && !flags.has("--json")) console.log(signed === "ours" ? "OK: verified, signed by this server" : "OK: verified (internally consistent)");
