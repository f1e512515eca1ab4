/**
 * The test command: runs vitest and closes with one plain line "N passed, N failed" that CI reads.
 * Engine and server suites run first, in parallel; then the cluster suite (three server processes on Redis and
 * PostgreSQL) on its own; browser suites run after them one file at a time, so that several Chromium pages never
 * compete with the property tests for two cores.
 * Browser tests need Chromium; without it they are skipped loudly, unless CI=true, where they must run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const banner = "!".repeat(78);
  console.error(`${banner}\n  Chromium was not found at ${chromium}: the browser tests will be SKIPPED.\n  Install it with:  sudo apt-get install -y chromium\n${banner}`);
  if (process.env.CI === "true") {
    console.error("CI=true: browser tests are mandatory here.");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

interface Counts { passed: number; failed: number; skipped: number }

/** Runs vitest with its JSON report and returns the counts (a crash or a file that cannot load counts as a failure). */
function vitest(name: string, args: string[]): Counts {
  const report = join(tmpdir(), `csto-vitest-${process.pid}-${name}.json`);
  const run = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args], { stdio: "inherit", env: process.env });
  const c: Counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; testResults: { status: string }[] };
    c.passed = json.numPassedTests;
    c.failed = json.numFailedTests;
    c.skipped = json.numPendingTests + json.numTodoTests;
    if (c.failed === 0 && json.testResults.some((f) => f.status === "failed")) c.failed = 1;
    rmSync(report, { force: true });
  } else c.failed = 1;
  if (run.status !== 0 && c.failed === 0) c.failed = 1;
  return c;
}

const extra = process.argv.slice(2);
const parts = extra.length
  ? [vitest("selected", extra)]
  : [
    vitest("main", ["--exclude", "tests/browser/**", "--exclude", "tests/cluster/**"]),
    vitest("cluster", ["tests/cluster"]),
    vitest("browser", ["tests/browser", "--no-file-parallelism"]),
  ];
const total = parts.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
