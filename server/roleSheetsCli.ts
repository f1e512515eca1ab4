/**
 * Role sheets for instructors preparing a class offline:
 *   npm run rolesheets -- yerevan-2016 > sheets.html
 *   npm run rolesheets -- my-summit.json --timing 45 --out sheets.html
 * A built-in scenario by id, or a scenario file (checked like the server checks it). Prints one HTML document.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { checkScenario } from "./checkScenario";
import { parseScenario, type Scenario } from "../shared/scenario";
import { getScenario, scenarios } from "../shared/scenarios";
import { TIMING_PRESETS, type TimingPreset } from "../shared/timing";
import { roleSheetsHtml } from "./roleSheets";

const USAGE = "usage: npm run rolesheets -- SCENARIO_ID|FILE.json [--timing 35|45|75|90|manual] [--out FILE.html]";

/** A built-in scenario by id, or a file read from where the user typed the command. */
function load(arg: string, from: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  const builtIn = getScenario(arg);
  if (builtIn) return { ok: true, scenario: builtIn };
  if (!arg.endsWith(".json")) return { ok: false, message: `error: no built-in scenario "${arg}" (there are: ${Object.keys(scenarios).join(", ")}); or give a .json file` };
  let text: string;
  try {
    text = readFileSync(resolve(from, arg), "utf8");
  } catch (err) {
    return { ok: false, message: `error: cannot read ${arg}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  const checked = checkScenario(text);
  if (!checked.ok) return { ok: false, message: checked.message };
  const r = parseScenario(JSON.parse(text));
  return r.ok ? { ok: true, scenario: r.scenario } : { ok: false, message: `error: ${r.error}` };
}

/**
 * `npm run` prints its "> csto-summit rolesheets" banner on stdout, so `npm run rolesheets -- x > sheets.html` would
 * start the file with it. When stdout is a regular file holding nothing but that banner, start the file afresh.
 */
function writeStdout(html: string): void {
  const st = fstatSync(1);
  if (process.env.npm_lifecycle_event === "rolesheets" && st.isFile() && st.size > 0 && st.size < 1024) {
    const fd = openSync("/proc/self/fd/1", "r");
    const head = Buffer.alloc(st.size);
    try { readSync(fd, head, 0, st.size, 0); } finally { closeSync(fd); }
    if (/^\n?(> .*\n)+\n?$/.test(head.toString("utf8"))) {
      ftruncateSync(1, 0);
      writeSync(1, html, 0);
      return;
    }
  }
  process.stdout.write(html);
}

function main(args: string[]): number {
  let timing: TimingPreset | undefined, out: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--timing" || a === "--out") {
      const v = args[++i];
      if (v === undefined) { console.error(USAGE); return 2; }
      if (a === "--out") out = v;
      else if ((TIMING_PRESETS as readonly string[]).includes(v)) timing = v as TimingPreset;
      else { console.error(`error: --timing must be one of ${TIMING_PRESETS.join(", ")}`); return 2; }
    } else rest.push(a);
  }
  if (rest.length !== 1) { console.error(USAGE); return 2; }
  // `npm run` moves to the project folder; resolve paths from where the user typed the command.
  const from = process.env.npm_lifecycle_event === "rolesheets" ? process.env.INIT_CWD ?? process.cwd() : process.cwd();
  const loaded = load(rest[0]!, from);
  if (!loaded.ok) { console.error(loaded.message); return 1; }
  const html = roleSheetsHtml(loaded.scenario, { timing });
  if (out) {
    writeFileSync(resolve(from, out), html);
    console.error(`wrote ${loaded.scenario.delegations.length} role sheets to ${out}`);
  } else writeStdout(html);
  return 0;
}

// Run only when started as a program, not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
