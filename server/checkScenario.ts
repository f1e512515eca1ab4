/**
 * Checks a scenario file the way the game will when it loads it:
 *   npm run scenario:check -- path/to/scenario.json
 * Prints "ok: <id> v<version>" and exits 0, or prints the first problem and exits 1 (2 for a usage error).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseScenario } from "../shared/scenario";

export type CheckResult = { ok: true; message: string } | { ok: false; message: string };

/** Checks the text of a scenario file: first that it is JSON, then that it is a valid scenario. */
export function checkScenario(text: string): CheckResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `error: not valid JSON: ${(e as Error).message}` };
  }
  const r = parseScenario(json);
  return r.ok ? { ok: true, message: `ok: ${r.scenario.id} v${r.scenario.version}` } : { ok: false, message: `error: ${r.error}` };
}

function main(args: string[]): number {
  const file = args[0];
  if (args.length !== 1 || file === undefined) {
    console.error("usage: npm run scenario:check -- FILE.json");
    return 2;
  }
  // `npm run` moves to the project folder; resolve the path from where the user typed it.
  const from = process.env.npm_lifecycle_event === "scenario:check" ? process.env.INIT_CWD ?? process.cwd() : process.cwd();
  let text: string;
  try {
    text = readFileSync(resolve(from, file), "utf8");
  } catch (e) {
    console.error(`error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 1;
  }
  const r = checkScenario(text);
  if (r.ok) console.log(r.message);
  else console.error(r.message);
  return r.ok ? 0 : 1;
}

// Run only when started as a program, not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
