/**
 * The test command: runs vitest and closes with one plain line "N passed, N failed" that CI reads.
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

const report = join(tmpdir(), `csto-vitest-${process.pid}.json`);
const run = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit", env: process.env },
);

let passed = 0, failed = 0, skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; testResults: { status: string }[] };
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that failed to load has no tests in the counts: count it as a failure.
  failed += json.testResults.filter((f) => f.status === "failed").length > 0 && json.numFailedTests === 0 ? 1 : 0;
  rmSync(report, { force: true });
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
