/**
 * Imports and signed exports (issue 12, findings 1 and 6): caps answered in JSON before any work, the import off the
 * event loop (/health keeps answering), one answer for one file, forgeries shown for what they are, signatures that
 * round-trip, and a server secret kept 0600 in DATA_DIR across restarts.
 */
import { execFile } from "node:child_process";
import { request } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Imported, ReplayLibrary } from "../../shared/replayProtocol";
import { ENGINE_VERSION, type SessionHeader } from "../../shared/replay";
import type { Scenario } from "../../shared/scenario";
import { scenarios } from "../../shared/scenarios";
import { exportSession, parseSessionFile, type SessionFile, stringifySession } from "../../shared/sessionFile";
import { startServer } from "../../server/app";
import { configFromEnv } from "../../server/config";
import type { SqliteStorage } from "../../server/storage/sqlite";
import { ImportRunner } from "../../server/importRunner";
import { IMPORT_LIMITS } from "../../server/importSession";
import { checkSignature, keyIdOf, SECRET_FILE, signSession } from "../../server/signing";
import { historicalYerevan, Table } from "../builders";
import { createSeminar, Player, startTestServer, type TestServer } from "./harness";

const yerevan = scenarios["yerevan-2016"]!;
let server: TestServer;
// Many imports from one address in this file: the per-address limit is not what is tested here.
beforeAll(async () => { server = await startTestServer({ JOIN_ATTEMPTS_PER_MINUTE: "10000" }); });
afterAll(async () => { await server.stop(); });

type Answer = { status: number; type: string; json: any };
/** A POST on a connection of its own (a kept-alive one may be closed by the server just as it is reused). */
function send(body: string | Uint8Array, url = `${server.url}/api/replays/import`, ms = 60_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent: false, headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        let json: unknown = null;
        try { json = JSON.parse(Buffer.concat(chunks).toString("utf8")); } catch { /* asserted by the caller */ }
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), json });
      });
    });
    req.setTimeout(ms, () => req.destroy(new Error(`no answer in ${ms} ms`)));
    // A refusal may come before the whole body is sent: the server then closes the connection.
    req.on("error", reject);
    req.end(body);
  });
}
const importFile = (file: unknown): Promise<Answer> => send(JSON.stringify(file));

/** A session played engine-only, exported as another server would export it (source set, unsigned). */
function fileOf(t: Table, o: { scenario?: Scenario; source?: SessionFile["header"]["source"] } = {}): SessionFile {
  const scenario = o.scenario ?? yerevan;
  const header: SessionHeader = { scenarioId: scenario.id, scenarioVersion: scenario.version, engineVersion: ENGINE_VERSION, seed: t.seed, timing: t.timing };
  const e = exportSession({ scenario, header, actions: t.log, createdAt: Date.UTC(2026, 0, 1), title: "Elsewhere", source: o.source ?? null });
  if (!e.ok) throw new Error(e.error);
  return e.file;
}
const copy = (file: SessionFile, f: (j: any) => void): any => { const j = JSON.parse(stringifySession(file)); f(j); return j; };

/** The largest file the caps let through: `lines` public statements of `chars` characters in one phase. */
function maximalFile(lines: number, chars: number): SessionFile {
  const t = new Table("yerevan-2016").seatAll().start();
  const ds = yerevan.delegations.map((d) => d.id);
  for (let i = 0; i < lines; i++) t.as(ds[i % ds.length]!, { type: "say", channel: "public", text: `${i} `.padEnd(chars, "lorem ipsum ") });
  while (t.state.status !== "ended") t.advance();
  return fileOf(t, { source: { table: "maximal", seminar: "elsewhere", index: 0 } });
}

describe("imports: caps, answered in JSON before any heavy work", () => {
  it("a body over the byte cap is 413 FILE_TOO_LARGE in JSON, gzipped or not; bad JSON is 400 in JSON", async () => {
    const big = "x".repeat(IMPORT_LIMITS.bytes + 1);
    const r = await send(big);
    expect(r).toMatchObject({ status: 413, json: { error: "FILE_TOO_LARGE", code: "FILE_TOO_LARGE" } });
    expect(r.type).toMatch(/^application\/json/);
    // A small gzip that unpacks past the cap (a zip bomb) is refused the same way.
    expect(await send(gzipSync(" ".repeat(IMPORT_LIMITS.bytes + 10)))).toMatchObject({ status: 413, json: { code: "FILE_TOO_LARGE" } });
    const bad = await send("{ not json");
    expect(bad).toMatchObject({ status: 400, json: { error: "BAD_JSON", code: "BAD_JSON" } });
    expect(bad.type).toMatch(/^application\/json/);
    // The fork route's small body limit answers in JSON too.
    expect(await send("{ not json", `${server.url}/api/replays/nope/fork`)).toMatchObject({ status: 400, json: { code: "BAD_MESSAGE" } });
  });

  it("too many actions, lines or names: 413 with the cap's code (a roster of 1,000 fake names among them)", async () => {
    const base = fileOf(historicalYerevan());
    const say = { type: "say", by: "seat-am", at: 5_000, channel: "public", text: "hi" };
    const tick = { type: "clock.tick", by: "system", at: 5_000 };
    expect(await importFile(copy(base, (j) => { j.actions = Array.from({ length: IMPORT_LIMITS.actions + 1 }, () => tick); })))
      .toMatchObject({ status: 413, json: { code: "TOO_MANY_ACTIONS" } });
    expect(await importFile(copy(base, (j) => { j.actions = Array.from({ length: IMPORT_LIMITS.lines + 1 }, () => say); })))
      .toMatchObject({ status: 413, json: { code: "TOO_MANY_LINES" } });
    const fake = Array.from({ length: 1000 }, (_, i) => ({ seat: `fake-${i}`, name: `Fake student ${i}`, delegation: "AM", bot: false, left: false }));
    expect(await importFile(copy(base, (j) => { j.header.roster = fake; j.header.source = null; })))
      .toMatchObject({ status: 413, json: { code: "TOO_MANY_NAMES" } });
  });
});

describe("imports: off the event loop", () => {
  it("a maximal import runs while /health answers in under 100 ms", async () => {
    const file = maximalFile(IMPORT_LIMITS.lines, 340);
    // Encoded before the clock starts: this test's own client shares the server's event loop.
    const body = Buffer.from(stringifySession(file));
    expect(body.length).toBeGreaterThan(IMPORT_LIMITS.bytes * 0.8);
    expect(body.length).toBeLessThan(IMPORT_LIMITS.bytes);
    let done = false;
    const t0 = performance.now();
    const answer = send(body, undefined, 120_000).finally(() => { done = true; });
    const latencies: number[] = [];
    const slow: string[] = [];
    // Probe one after another while the import runs (bounded: at most 3,000 probes, 120 s).
    while (!done && latencies.length < 3000 && performance.now() - t0 < 120_000) {
      const s = performance.now();
      const h = await fetch(`${server.url}/health`);
      expect(h.status).toBe(200);
      await h.json();
      latencies.push(performance.now() - s);
      if (latencies.at(-1)! > 50) slow.push(`${Math.round(s - t0)}:${Math.round(latencies.at(-1)!)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const r = await answer;
    const importMs = performance.now() - t0;
    expect(r).toMatchObject({ status: 201, json: { existing: false, origin: "unsigned" } });
    // Before, the import ran on the event loop: the one probe sent meanwhile waited for all of it (seconds). Now the
    // loop is free: most probes answer at once. On a two-core machine shared with many processes the scheduler alone
    // delays some probes (seen: 10–20 % over 100 ms, spread evenly over the import), so the bound is on the bulk of
    // them, and the slowest must still be a small part of the import.
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`maximal import (${(body.length / 1048576).toFixed(2)} MB, ${file.actions.length} actions): ${Math.round(importMs)} ms; /health ${latencies.length} probes, median ${sorted[latencies.length >> 1]!.toFixed(1)} ms, p80 ${sorted[Math.floor(sorted.length * 0.8)]!.toFixed(1)} ms, p90 ${sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; over 50 ms (at:ms) ${slow.join(" ")}`);
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(sorted[latencies.length >> 1]!).toBeLessThan(100);
    expect(sorted[Math.floor(sorted.length * 0.8)]!).toBeLessThan(100);
    expect(sorted.at(-1)!).toBeLessThan(Math.min(2000, importMs / 4));
  }, 150_000);

  it("an import over its time budget is stopped with a clear error; more than the allowed number at once are refused", async () => {
    const text = stringifySession(fileOf(historicalYerevan(), { source: { table: "budget", seminar: "elsewhere", index: 0 } }));
    const body = (): Buffer => Buffer.from(text); // a run takes its bytes
    const tight = new ImportRunner(server.running.store, null, { timeBudgetMs: 1 });
    expect(await tight.run(body())).toMatchObject({ ok: false, status: 503, code: "IMPORT_TIMEOUT" });
    const one = new ImportRunner(server.running.store, null, { concurrent: 1 });
    const first = one.run(body());
    expect(one.busy).toBe(true);
    expect(await one.run(body())).toMatchObject({ ok: false, status: 503, code: "IMPORT_BUSY" });
    expect(await first).toMatchObject({ ok: true, imported: { existing: false } });
    expect(one.busy).toBe(false);
    await one.close();
  }, 30_000);
});

describe("imports: one answer for one file", () => {
  const genuine = fileOf(historicalYerevan(), { source: { table: "genuine01", seminar: "elsewhere", index: 0 } });
  let table = "";

  it("the genuine file imports once; a byte-identical or reformatted copy is the same table", async () => {
    const a = await importFile(genuine);
    expect(a).toMatchObject({ status: 201, json: { existing: false, origin: "unsigned" } });
    table = (a.json as Imported).table;
    expect(await send(stringifySession(genuine))).toMatchObject({ status: 200, json: { table, existing: true } });
    // Same content, other formatting and key order: canonically identical.
    const { actions, ...rest } = genuine;
    expect(await send(JSON.stringify({ actions, ...rest }))).toMatchObject({ status: 200, json: { table, existing: true } });
  });

  const vote = genuine.actions.findIndex((a) => a.type === "vote" && a.choice === "no");
  const tampered: [string, (j: any) => void][] = [
    ["a vote flipped", (j) => { j.actions[vote].choice = "yes"; }],
    ["a vote dropped", (j) => { j.actions.splice(vote, 1); }],
    ["another scenario hash", (j) => { j.header.scenario.hash = "0123456789abcdef"; }],
    ["an edited roster", (j) => { j.header.roster[0].name = "Somebody else"; }],
  ];

  it("a changed copy of it is refused (409 DIFFERENT_COPY), never answered as existing", async () => {
    for (const [what, change] of tampered) {
      const r = await importFile(copy(genuine, change));
      expect(r.status, what).toBe(409);
      expect(r.json, what).toMatchObject({ error: "DIFFERENT_COPY", code: "DIFFERENT_COPY" });
    }
  });

  it("the same changes without the source do not replay (422 with the verify code)", async () => {
    const codes: string[] = [];
    for (const [, change] of tampered) {
      const r = await importFile(copy(genuine, (j) => { change(j); j.header.source = null; }));
      expect(r.status).toBe(422);
      codes.push((r.json as { code: string }).code);
    }
    expect(codes[0]).toBe("HASH_MISMATCH");
    expect(["HASH_MISMATCH", "ACTION_REFUSED"]).toContain(codes[1]);
    expect(codes[2]).toBe("BAD_SCENARIO");
    expect(codes[3]).toBe("ROSTER_MISMATCH");
  });
});

describe("imports made before content digests were kept", () => {
  it("answer the same file as existing after replaying it, and still refuse a changed copy", async () => {
    const file = fileOf(historicalYerevan("manual", 9), { source: { table: "legacy01", seminar: "elsewhere", index: 0 } });
    const a = await importFile(file);
    expect(a.status).toBe(201);
    (server.running.store as SqliteStorage).db.prepare("UPDATE replay_imports SET digest = NULL WHERE table_id = ?").run((a.json as Imported).table);
    const vote = file.actions.findIndex((x) => x.type === "vote");
    expect(await importFile(copy(file, (j) => { j.actions[vote].choice = j.actions[vote].choice === "yes" ? "no" : "yes"; })))
      .toMatchObject({ status: 422, json: { code: "HASH_MISMATCH" } });
    expect(await importFile(file)).toMatchObject({ status: 200, json: { table: (a.json as Imported).table, existing: true } });
    // Its digest is now kept: the next answer needs no replay.
    expect((server.running.store as SqliteStorage).db.prepare("SELECT digest FROM replay_imports WHERE table_id = ?").get((a.json as Imported).table)).toEqual({ digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});

describe("signed exports and origins", () => {
  let recorded = "";
  let exported: SessionFile;
  let exportedText = "";

  it("a session recorded here is exported signed with the secret in DATA_DIR (0600); the signature round-trips", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: true, title: "Signed here" });
    recorded = sem.tables[0]!;
    const host = await new Player(server.url).join(recorded, { hostKey: sem.hostKey });
    await host.must({ type: "host.start" });
    await host.must({ type: "host.end" });
    await host.leave();
    const res = await fetch(`${server.url}/api/replays/${recorded}/export`);
    exportedText = await res.text();
    const parsed = parseSessionFile(JSON.parse(exportedText));
    if (!parsed.ok) throw new Error(parsed.error);
    exported = parsed.file;

    const secretPath = join(server.dataDir, SECRET_FILE);
    expect(statSync(secretPath).mode & 0o777).toBe(0o600);
    const secret = Buffer.from(readFileSync(secretPath, "utf8").trim(), "hex");
    expect(secret.length).toBe(32);
    expect(exported.signature).toEqual({ alg: "HMAC-SHA256", key: keyIdOf(secret), mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(checkSignature(exported, secret)).toBe("ours");
    expect(signSession(exported, secret)).toEqual(exported);
    expect(checkSignature({ ...exported, header: { ...exported.header, title: "Edited" } }, secret)).toBe("altered");
    expect(checkSignature(exported, Buffer.alloc(32, 7))).toBe("other");

    // Importing our own export is the table recorded here.
    expect(await send(exportedText)).toMatchObject({ status: 200, json: { table: recorded, existing: true, origin: "recorded" } });
  });

  it("a changed copy of a session recorded here is refused, signed or not", async () => {
    const retitled = copy(exported, (j) => { j.header.title = "Something else"; });
    expect(await importFile(retitled)).toMatchObject({ status: 422, json: { code: "BAD_SIGNATURE" } });
    delete retitled.signature;
    expect(await importFile(retitled)).toMatchObject({ status: 409, json: { code: "DIFFERENT_COPY" } });
    // Our own export without its signature is still, byte for byte, the session recorded here.
    expect(await importFile(copy(exported, (j) => { delete j.signature; }))).toMatchObject({ status: 200, json: { table: recorded, existing: true } });
  });

  it("a forgery with recomputed hashes (an edited scenario, 150 fake names) is shown as unsigned; a made-up signature as another server's", async () => {
    const edited = structuredClone(yerevan);
    edited.title = "The Yerevan summit, as it never was";
    edited.delegations[0]!.name = "Invented Republic";
    const t = new Table("yerevan-2016");
    for (let i = 0; i < 150; i++) t.do("system", { type: "seat.join", seat: `fake-${i}`, name: `Fake student ${i}` });
    t.seatAll().start();
    while (t.state.status !== "ended") t.advance();
    const forged = fileOf(t, { scenario: edited });
    expect(forged.header.roster).toHaveLength(156);

    const f = await importFile(forged);
    expect(f).toMatchObject({ status: 201, json: { existing: false, origin: "unsigned" } });
    const elsewhere = await importFile({ ...fileOf(historicalYerevan("manual", 5)), signature: { alg: "HMAC-SHA256", key: "0123456789abcdef", mac: "ab".repeat(32) } });
    expect(elsewhere).toMatchObject({ status: 201, json: { origin: "signed-elsewhere" } });
    // Claiming this server's key without its secret is caught.
    const claimed = { ...fileOf(historicalYerevan("manual", 6)), signature: { ...exported.signature!, mac: "cd".repeat(32) } };
    expect(await importFile(claimed)).toMatchObject({ status: 422, json: { code: "BAD_SIGNATURE" } });

    const lib = (await (await fetch(`${server.url}/api/replays?status=ended&limit=100`)).json()) as ReplayLibrary;
    const origin = (table: string): string | undefined => lib.replays.find((r) => r.table === table)?.origin;
    expect(origin((f.json as Imported).table)).toBe("unsigned");
    expect(origin((elsewhere.json as Imported).table)).toBe("signed-elsewhere");
    expect(origin(recorded)).toBe("recorded");
    expect(lib.replays.filter((r) => r.imported).every((r) => r.origin !== "recorded")).toBe(true);
    // An import is never exported under this server's signature: it was not recorded here.
    const back = parseSessionFile(await (await fetch(`${server.url}/api/replays/${(f.json as Imported).table}/export`)).json());
    expect(back.ok && back.file.signature).toBeUndefined();
    // Nor is a fork played here from it: its log starts with the forgery's.
    const fork = await fetch(`${server.url}/api/replays/${(f.json as Imported).table}/fork`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seq: forged.actions.length - 1 }) });
    expect(fork.status).toBe(201);
    const forked = (await fork.json()) as { seminar: string; tables: string[] };
    const forkLib = (await (await fetch(`${server.url}/api/replays?seminar=${forked.seminar}`)).json()) as ReplayLibrary;
    expect(forkLib.replays).toEqual([expect.objectContaining({ table: forked.tables[0], imported: false, origin: "unsigned" })]);
  });

  it("npm run replay -- verify: says what an unsigned file proves and cannot; knows this server's signature with its DATA_DIR", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csto-verify-"));
    try {
      const unsigned = join(dir, "unsigned.json");
      writeFileSync(unsigned, stringifySession(fileOf(historicalYerevan())));
      const signed = join(dir, "signed.json");
      writeFileSync(signed, exportedText);
      const run = async (file: string, env: Record<string, string> = {}): Promise<{ code: number; out: string }> => {
        try {
          const r = await promisify(execFile)(process.execPath, ["--import", "tsx", "server/replayCli.ts", "verify", file], { env: { ...process.env, ...env }, timeout: 30_000 });
          return { code: 0, out: r.stdout + r.stderr };
        } catch (e) {
          const x = e as { code: number; stdout: string; stderr: string };
          return { code: x.code, out: x.stdout + x.stderr };
        }
      };
      const u = await run(unsigned);
      expect(u.code).toBe(0);
      expect(u.out).toMatch(/signature: unsigned/);
      expect(u.out).toMatch(/proves: the log replays, under the embedded scenario, to the recorded hashes/);
      expect(u.out).toMatch(/cannot prove: that a real class played it, or that the scenario and roster were not invented/);
      const s = await run(signed, { DATA_DIR: server.dataDir });
      expect(s.code).toBe(0);
      expect(s.out).toMatch(/signed by this server/);
      const elsewhere = await run(signed, { DATA_DIR: dir });
      expect(elsewhere.out).toMatch(/cannot be checked without the secret/);
      const altered = join(dir, "altered.json");
      writeFileSync(altered, JSON.stringify(copy(exported, (j) => { j.header.title = "Changed"; })));
      const a = await run(altered, { DATA_DIR: server.dataDir });
      expect(a.code).toBe(1);
      expect(a.out).toMatch(/NOT what this server signed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the server secret", () => {
  it("is created 0600 on first start and reused across restarts", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "csto-secret-"));
    try {
      const config = { ...configFromEnv({}), port: 0, host: "127.0.0.1", dataDir };
      const first = await startServer(config);
      const path = join(dataDir, SECRET_FILE);
      const text = readFileSync(path, "utf8");
      expect(statSync(path).mode & 0o777).toBe(0o600);
      await first.close();
      const second = await startServer(config);
      expect(readFileSync(path, "utf8")).toBe(text);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
