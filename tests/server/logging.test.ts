/**
 * The server's log, read as an operator reads it: the real server process (`node --import tsx server/main.ts`) with
 * its stdout captured. Fifty joins with made-up seat tokens, host keys and seat tokens presented at the wrong
 * table and a wrong code leave one line and one summary ("N more"), every line is JSON, and no token, host key or
 * code appears in clear anywhere in the output.
 */
import { Client } from "@colyseus/sdk";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SeminarCreated } from "../../shared/protocol";
import { Player, post, until } from "./harness";
import { freePort } from "./serverProcess";

const ROOT = resolve(import.meta.dirname, "../..");
const SUMMARY_SECONDS = 3;
let child: ChildProcess | null = null;
const dataDir = mkdtempSync(join(tmpdir(), "csto-logging-"));

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** A made-up seat token the join schema accepts (24 characters of the token alphabet). */
const madeUp = () => randomBytes(18).toString("base64url");

async function refused(url: string, table: string, options: Record<string, unknown>): Promise<string> {
  try {
    const room = await new Client(url).joinById(table, options);
    await room.leave(true).catch(() => undefined);
    return "joined";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("the server log", () => {
  it("keeps secrets out and turns a stream of refused joins into one line and a summary", async () => {
    const port = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, SCENARIO_DIR: join(dataDir, "scenarios"), LOG_LEVEL: "info", LOG_SUMMARY_SECONDS: String(SUMMARY_SECONDS), JOIN_ATTEMPTS_PER_MINUTE: "1000" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr!.on("data", (d: Buffer) => { stderr += d.toString(); });
    const url = `http://127.0.0.1:${port}`;
    await until(() => child!.exitCode === null && stdout.includes("CSTO Summit listening"), 45_000, "the server to listen");

    const a = (await post<SeminarCreated>(`${url}/api/seminars`, { scenario: "yerevan-2016", bots: false })).body;
    const b = (await post<SeminarCreated>(`${url}/api/seminars`, { scenario: "yerevan-2016", bots: false })).body;
    const player = await new Player(url).join(b.tables[0]!, { code: b.code, name: "Student at B", delegation: "AM" });
    const seatToken = player.token;
    const linesBefore = stdout.split("\n").length;

    const guesses = Array.from({ length: 50 }, madeUp);
    const t0 = Date.now();
    const answers: string[] = [];
    for (let i = 0; i < guesses.length; i += 10) {
      answers.push(...(await Promise.all(guesses.slice(i, i + 10).map((token) => refused(url, a.tables[0]!, { token })))));
    }
    // Real secrets at the wrong table: B's host key, a seat token of B's, B's code.
    for (let i = 0; i < 4; i++) answers.push(await refused(url, a.tables[0]!, { hostKey: b.hostKey }));
    answers.push(await refused(url, a.tables[0]!, { token: seatToken }));
    answers.push(await refused(url, a.tables[0]!, { code: b.code, name: "Wrong room" }));
    expect(answers.filter((x) => x === "joined")).toEqual([]);
    const attempts = answers.length;

    // The summary of the repeats comes at the end of the window: first line + "N more" account for every attempt.
    const refusals = () => stdout.split("\n").filter((l) => l.includes("join refused")).map((l) => JSON.parse(l) as { more?: number; reason?: string });
    await until(() => refusals().reduce((n, r) => n + (r.more ?? 1), 0) >= attempts, (SUMMARY_SECONDS + 10) * 1000, "the summary line");
    const lines = refusals();
    expect(lines.reduce((n, r) => n + (r.more ?? 1), 0)).toBe(attempts);
    // The first line, then one summary per window the attempts spanned (on a loaded machine they span several).
    const windows = Math.ceil((Date.now() - t0) / (SUMMARY_SECONDS * 1000));
    expect(lines.length).toBeLessThanOrEqual(1 + windows);
    expect(lines.length).toBeLessThan(attempts / 4);
    expect(lines[0]!.reason).toBe("BAD_TOKEN");
    // Nothing else was written for all those joins (a line or two of other news at most).
    expect(stdout.split("\n").length - linesBefore).toBeLessThanOrEqual(lines.length + 2);

    // Every line on stdout is one JSON object with a level and a message.
    const all = stdout.split("\n").filter((l) => l.length > 0);
    expect(all.length).toBeGreaterThan(3);
    for (const l of all) {
      const j = JSON.parse(l) as { level?: unknown; msg?: unknown };
      expect(typeof j.level).toBe("number");
      expect(typeof j.msg).toBe("string");
    }
    // No secret in clear, on stdout or stderr.
    const everything = stdout + stderr;
    for (const secret of [...guesses, a.hostKey, b.hostKey, a.code, b.code, seatToken]) expect(everything.includes(secret), secret).toBe(false);
    expect(stderr).toBe("");

    await player.leave();
  }, 90_000);
});
