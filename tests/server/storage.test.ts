/**
 * The storage contract, run against both stores: the SQLite file and PostgreSQL (a throwaway cluster started here).
 * `STORAGE_ONLY=sqlite` or `STORAGE_ONLY=postgres` runs one of them. Without PostgreSQL installed its half is
 * skipped, loudly — except in CI (CI=true), where that is a failure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Action } from "../../shared/actions";
import type { TableSummary } from "../../shared/protocol";
import { MIGRATIONS, SCHEMA_VERSION } from "../../server/storage/migrations";
import { openPostgres } from "../../server/storage/postgres";
import type { BatchItem, NewSession, SeminarRow, Storage, StorageOptions, TableRow } from "../../server/storage/types";
import { missingService, postgresInstalled, servicesRequired, startPostgres } from "../setup/services";

type Row = Record<string, unknown>;
interface Backend {
  name: "sqlite" | "postgres";
  /** A new, empty location: a file, a database. */
  fresh(): Promise<string>;
  open(location: string, options?: StorageOptions): Promise<Storage>;
  /** Runs SQL beside the store (on a connection of its own): rows for a query. */
  sql(location: string, text: string): Promise<Row[]>;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
}

function sqliteBackend(): Backend {
  let dir = "";
  let n = 0;
  return {
    name: "sqlite",
    async setUp() { dir = mkdtempSync(join(tmpdir(), "csto-storage-")); },
    async tearDown() { rmSync(dir, { recursive: true, force: true }); },
    async fresh() { return join(dir, `store-${++n}.db`); },
    // Loaded only when this half runs: STORAGE_ONLY=postgres needs no SQLite store.
    async open(file, options) { return (await import("../../server/storage/sqlite")).openSqlite(file, options); },
    async sql(file, text) {
      const db = new Database(file, { timeout: 10_000 });
      try {
        const stmt = db.prepare(text);
        if (stmt.reader) return stmt.all() as Row[];
        stmt.run();
        return [];
      } finally {
        db.close();
      }
    },
  };
}

function postgresBackend(): Backend {
  let server: { url: string; stop(): Promise<void> } | null = null;
  let n = 0;
  const query = async (url: string, text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(text)).rows as Row[];
    } finally {
      await c.end();
    }
  };
  return {
    name: "postgres",
    async setUp() {
      server = await startPostgres();
      if (!server) throw new Error("PostgreSQL is not installed");
    },
    async tearDown() { await server?.stop(); },
    async fresh() {
      const name = `contract_${++n}`;
      await query(server!.url, `CREATE DATABASE ${name}`);
      return server!.url.replace(/\/[^/]+$/, `/${name}`);
    },
    open: openPostgres,
    sql: query,
  };
}

const only = process.env.STORAGE_ONLY;
const wanted = (name: Backend["name"]) => !only || only === name;
const backends: Backend[] = [];
if (wanted("sqlite")) backends.push(sqliteBackend());
if (wanted("postgres")) {
  if (postgresInstalled()) backends.push(postgresBackend());
  else if (servicesRequired()) {
    describe("storage contract: postgres", () => {
      it("needs PostgreSQL, which CI must have", () => { throw new Error("PostgreSQL (initdb, postgres) is not installed"); });
    });
  } else describe.skip(`storage contract: postgres — ${missingService("PostgreSQL")}`, () => { it("skipped", () => undefined); });
}

// Builders: small rows with every field set, unique ids per call.
let uid = 0;
const id = (prefix: string) => `${prefix}${++uid}`;
const seminarRow = (over: Partial<SeminarRow> = {}): SeminarRow => {
  const i = id("sem");
  return {
    id: i, code: `C${i}`, hostKey: `key-${i}`, scenario: "yerevan-2016", title: `Seminar ${i}`, timing: "manual", bots: true,
    ruleOverrides: { "item-a": "majority", "item-b": "unanimity" }, createdAt: 1_700_000_000_123, botStrength: "plain", ...over,
  };
};
const tableRow = (seminar: string, index: number, over: Partial<TableRow> = {}): TableRow => ({
  id: id("tab"), seminar, index, header: { scenarioId: "yerevan-2016", scenarioVersion: 3, engineVersion: 2, seed: 42, timing: "manual", ruleOverrides: { "item-a": "majority" } },
  status: "lobby", summary: null, createdAt: 1_700_000_000_500 + index, endedAt: null, parent: null, forkSeq: null, ...over,
});
const act = (type: string, at: number, extra: Record<string, unknown> = {}): Action => ({ type, by: "host", at, ...extra }) as Action;
const say = (at: number, text = "hello"): Action => act("say", at, { channel: "all", text });
const summary = (table: string, status: string, seq = 0): TableSummary => ({
  table, index: 0, status, round: 2, phase: "debate", endsAt: null, remaining: null, seq, outcomes: { "item-a": "rejected" }, teams: { AM: 1 }, winners: [], hash: `h-${seq}`,
});
const scenarioText = (title: string) => { const json = JSON.stringify({ id: "yerevan-2016", version: 3, title }); return { hash: `sha-${title}`, json }; };

/** Enqueues every item in this turn; resolves with each `done`'s error (or undefined) in the order they were called. */
function commit(s: Storage, items: BatchItem[], onDone?: (item: BatchItem) => void): Promise<{ index: number; err?: Error }[]> {
  return new Promise((resolve) => {
    const calls: { index: number; err?: Error }[] = [];
    items.forEach((item, index) => s.enqueue({
      ...item,
      done: (err) => {
        calls.push({ index, err });
        onDone?.(item);
        if (calls.length === items.length) resolve(calls);
      },
    }));
  });
}

/** Polls `check` (every 10 ms, at most `ms`) until it holds. */
async function until(check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (let i = 0; i < 10_000 && Date.now() < end; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(backends)("storage contract: $name", (b) => {
  const opened: Storage[] = [];
  /** Closes a store now (afterEach closes the others). */
  const close = async (...stores: Storage[]) => {
    for (const s of stores) opened.splice(opened.indexOf(s), 1);
    await Promise.all(stores.map((s) => s.close()));
  };
  const open = async (location?: string, options?: StorageOptions) => {
    const s = await b.open(location ?? (await b.fresh()), options);
    opened.push(s);
    return s;
  };
  /** A fresh store with one seminar and its tables already created. */
  const withTables = async (statuses: string[], options?: StorageOptions) => {
    const s = await open(undefined, options);
    const sem = seminarRow();
    const tables = statuses.map((status, i) => tableRow(sem.id, i, { status }));
    await s.createSeminar(sem, tables);
    return { s, sem, tables, ids: tables.map((t) => t.id) };
  };

  beforeAll(() => b.setUp(), 180_000);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(() => b.tearDown(), 60_000);

  it("applies every migration once, and again changes nothing; two processes opening a new store together both succeed", async () => {
    const location = await b.fresh();
    const [one, two] = await Promise.all([b.open(location), b.open(location)]);
    opened.push(one, two);
    expect(one.schemaVersion).toBe(SCHEMA_VERSION);
    expect(two.schemaVersion).toBe(SCHEMA_VERSION);
    expect(one.kind).toBe(b.name);
    expect(one.location).toBe(location);
    await close(one, two);
    const again = await open(location);
    expect(again.schemaVersion).toBe(SCHEMA_VERSION);
    const rows = await b.sql(location, "SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("keeps seminars and tables exactly, every field", async () => {
    const s = await open();
    const sem = seminarRow({ bots: false, botStrength: "strong" });
    // Stored out of order: tablesOf answers by index.
    const fork = tableRow(sem.id, 2, { status: "running", parent: "tab-parent", forkSeq: 17 });
    const tables = [fork, tableRow(sem.id, 0), tableRow(sem.id, 1, { status: "paused" })];
    await s.createSeminar(sem, tables);
    expect(await s.seminar(sem.id)).toEqual(sem);
    expect(await s.seminarByCode(sem.code)).toEqual(sem);
    expect(await s.seminarByHostKey(sem.hostKey)).toEqual(sem);
    for (const t of tables) expect(await s.table(t.id)).toEqual(t);
    expect((await s.tablesOf(sem.id)).map((t) => t.index)).toEqual([0, 1, 2]);
    expect((await s.tablesOf(sem.id))[2]).toEqual(fork);

    const plain = seminarRow({ botStrength: undefined });
    await s.createSeminar(plain, []);
    expect(await s.seminar(plain.id)).toEqual({ ...plain, bots: true, botStrength: "mixed" });
    expect(await s.tablesOf(plain.id)).toEqual([]);
    expect(await s.seminar("nope")).toBeNull();
    expect(await s.seminarByCode("nope")).toBeNull();
    expect(await s.seminarByHostKey("nope")).toBeNull();
    expect(await s.table("nope")).toBeNull();
  });

  it("lists the tables not ended, oldest first", async () => {
    const s = await open();
    const sem = seminarRow();
    const at = (createdAt: number, status: string) => tableRow(sem.id, createdAt % 10, { createdAt, status });
    const tables = [at(3_000, "running"), at(1_001, "ended"), at(2_002, "lobby"), at(1_503, "paused")];
    await s.createSeminar(sem, tables);
    expect((await s.unfinishedTables()).map((t) => t.createdAt)).toEqual([1_503, 2_002, 3_000]);
    await s.setSummary(tables[0]!.id, summary(tables[0]!.id, "ended"));
    expect((await s.unfinishedTables()).map((t) => t.createdAt)).toEqual([1_503, 2_002]);
  });

  it("group-commits many items of several tables queued in one turn: each done in order, after its data is readable", async () => {
    const { s, ids } = await withTables(["running", "running", "running"]);
    const items: BatchItem[] = [];
    for (let seq = 1; seq <= 20; seq++) for (const table of ids) items.push({ table, entries: [{ seq, action: say(seq, `${table}#${seq}`) }] });
    const seen: Promise<Action[]>[] = [];
    const calls = await commit(s, items, (item) => seen.push(s.actions(item.table)));
    expect(calls.map((c) => c.index)).toEqual(items.map((_, i) => i));
    expect(calls.every((c) => c.err === undefined)).toBe(true);
    // What each waiter could read as soon as it heard: its own action at least.
    const reads = await Promise.all(seen);
    items.forEach((item, i) => expect(reads[i]!.length).toBeGreaterThanOrEqual(item.entries[0]!.seq));
    for (const table of ids) {
      const log = await s.actions(table);
      expect(log.map((a) => a.at)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(log.map((a) => (a as { text: string }).text)).toEqual(Array.from({ length: 20 }, (_, i) => `${table}#${i + 1}`));
    }
  });

  it("fails a whole batch when one item cannot be written: every done hears the error and nothing of it is stored", async () => {
    const { s, ids: [a, b2] } = await withTables(["running", "running"]);
    expect((await commit(s, [{ table: a!, entries: [{ seq: 1, action: say(1) }] }]))[0]!.err).toBeUndefined();
    const calls = await commit(s, [
      { table: b2!, entries: [{ seq: 1, action: say(2) }], seat: { token: "tok-lost", table: b2!, seat: "seat-x", name: "X" }, summary: summary(b2!, "ended", 1) },
      { table: a!, entries: [{ seq: 2, action: say(3) }] },
      { table: a!, entries: [{ seq: 1, action: say(4) }] }, // seq 1 is taken
      { table: a!, entries: [] },
    ]);
    expect(calls.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    for (const c of calls) expect(c.err).toBeInstanceOf(Error);
    expect((await s.actions(a!)).map((x) => x.at)).toEqual([1]);
    expect(await s.actions(b2!)).toEqual([]);
    expect(await s.seat("tok-lost")).toBeNull();
    expect(await s.table(b2!)).toMatchObject({ status: "running", summary: null, endedAt: null });
    // The store goes on: the next batch is written.
    expect((await commit(s, [{ table: a!, entries: [{ seq: 2, action: say(5) }] }]))[0]!.err).toBeUndefined();
    expect((await s.actions(a!)).map((x) => x.at)).toEqual([1, 5]);
  });

  it("answers a barrier (an item with nothing to write) after the writes queued before it", async () => {
    const { s, ids: [t] } = await withTables(["running"]);
    const order: string[] = [];
    const readAtBarrier: Promise<Action[]>[] = [];
    const wrote = new Promise<void>((r) => s.enqueue({ table: t!, entries: [{ seq: 1, action: say(1) }], done: () => { order.push("write"); r(); } }));
    const barrier = new Promise<void>((r) => s.enqueue({ table: t!, entries: [], done: (err) => { order.push(err ? "barrier failed" : "barrier"); readAtBarrier.push(s.actions(t!)); r(); } }));
    await Promise.all([wrote, barrier]);
    expect(order).toEqual(["write", "barrier"]);
    expect(await readAtBarrier[0]).toHaveLength(1);
    // Alone, a barrier is answered too.
    expect((await commit(s, [{ table: t!, entries: [] }]))[0]!.err).toBeUndefined();
  });

  it("writes seats and summaries with the batch: the last summary of a table wins, ended_at set when it ended", async () => {
    const { s, ids: [a, b2] } = await withTables(["running", "lobby"]);
    const before = Date.now();
    const calls = await commit(s, [
      { table: a!, entries: [{ seq: 1, action: act("seat.join", 1, { seat: "seat-am", name: "Ani" }) }], seat: { token: "tok-am", table: a!, seat: "seat-am", name: "Ani" }, summary: summary(a!, "running", 1) },
      { table: b2!, entries: [], summary: summary(b2!, "running", 0) },
      { table: a!, entries: [{ seq: 2, action: act("host.end", 2) }], summary: summary(a!, "ended", 2) },
    ]);
    const after = Date.now();
    expect(calls.every((c) => c.err === undefined)).toBe(true);
    expect(await s.seat("tok-am")).toEqual({ token: "tok-am", table: a!, seat: "seat-am", name: "Ani" });
    expect(await s.seat("tok-none")).toBeNull();
    const ended = (await s.table(a!))!;
    expect(ended.status).toBe("ended");
    expect(ended.summary).toEqual(summary(a!, "ended", 2));
    expect(ended.endedAt).toBeGreaterThanOrEqual(before);
    expect(ended.endedAt).toBeLessThanOrEqual(after);
    expect(await s.table(b2!)).toMatchObject({ status: "running", summary: summary(b2!, "running", 0), endedAt: null });
    // setSummary on its own, the same way (a table reopened has no end any more).
    await s.setSummary(a!, summary(a!, "paused", 3));
    expect(await s.table(a!)).toMatchObject({ status: "paused", summary: summary(a!, "paused", 3), endedAt: null });
  });

  it("reads a log whole or after a seq", async () => {
    const { s, ids: [t] } = await withTables(["running"]);
    await commit(s, [{ table: t!, entries: [1, 2, 3, 4, 5].map((seq) => ({ seq, action: say(seq * 10) })) }]);
    expect((await s.actions(t!)).map((a) => a.at)).toEqual([10, 20, 30, 40, 50]);
    expect((await s.actions(t!, 0)).map((a) => a.at)).toEqual([10, 20, 30, 40, 50]);
    expect((await s.actions(t!, 2)).map((a) => a.at)).toEqual([30, 40, 50]);
    expect(await s.actions(t!, 5)).toEqual([]);
    expect(await s.actions("nope")).toEqual([]);
    expect((await s.actions(t!))[0]).toEqual(say(10));
  });

  it("stores a table's scenario once: a second save changes nothing; identical texts are shared", async () => {
    const { s, ids: [t, u] } = await withTables(["running", "running"]);
    const first = scenarioText("First");
    await s.saveTableScenario(t!, first);
    await s.saveTableScenario(t!, scenarioText("Second"));
    expect(await s.tableScenario(t!)).toBe(first.json);
    await s.saveTableScenario(u!, first);
    expect(await s.tableScenario(u!)).toBe(first.json);
    expect(await s.tableScenario("nope")).toBeNull();
  });

  it("stores a whole session in one transaction, or none of it", async () => {
    const s = await open();
    const sem = seminarRow();
    const table = tableRow(sem.id, 0, { status: "ended" });
    const actions = [act("host.start", 100), say(200), act("host.end", 300)];
    const session: NewSession = {
      seminar: sem, table, actions, scenario: scenarioText("Stored"),
      imported: { finalHash: "fin", source: "semX/tabY", digest: "dig-1", origin: "signed-elsewhere", signer: "key-1" },
      summary: summary(table.id, "ended", 3),
    };
    const before = Date.now();
    await s.storeSession(session);
    expect(await s.seminar(sem.id)).toEqual(sem);
    expect(await s.table(table.id)).toEqual({ ...table, summary: summary(table.id, "ended", 3), endedAt: expect.any(Number) });
    expect((await s.table(table.id))!.endedAt).toBeGreaterThanOrEqual(before);
    expect(await s.actions(table.id)).toEqual(actions);
    expect(await s.tableScenario(table.id)).toBe(session.scenario.json);
    expect(await s.importOf(table.id)).toMatchObject({ table: table.id, finalHash: "fin", source: "semX/tabY", digest: "dig-1", origin: "signed-elsewhere", signer: "key-1" });

    // The same table id again, under a new seminar: refused, and the new seminar is not left behind.
    const other = seminarRow();
    await expect(s.storeSession({ ...session, seminar: other, table: { ...table, seminar: other.id }, imported: undefined, summary: undefined })).rejects.toThrow();
    expect(await s.seminar(other.id)).toBeNull();
    expect(await s.seminarByCode(other.code)).toBeNull();
    expect(await s.actions(table.id)).toEqual(actions);
  });

  it("lists the library: filters, paging, total, literal % _ \\ in the words, and what each row knows", async () => {
    const s = await open();
    const yerevan = seminarRow({ title: "Yerevan Summit 100%" });
    const a0 = tableRow(yerevan.id, 0, { status: "running", createdAt: 10_000 });
    const a1 = tableRow(yerevan.id, 1, { status: "ended", createdAt: 10_000 });
    const astana = seminarRow({ title: "Plain_title", scenario: "astana-2020" });
    const b0 = tableRow(astana.id, 0, { status: "paused", createdAt: 20_000, header: { ...a0.header, scenarioId: "astana-2020" } });
    const other = seminarRow({ title: "Other 50 percent \\ mixed" });
    const c0 = tableRow(other.id, 0, { status: "ended", createdAt: 30_000 });
    const c1 = tableRow(other.id, 1, { status: "lobby", createdAt: 40_000 });
    await s.createSeminar(yerevan, [a0, a1]);
    await s.createSeminar(astana, [b0]);
    await s.createSeminar(other, [c0, c1]);
    await s.setSummary(a1.id, summary(a1.id, "ended", 0));
    await s.saveTableScenario(a0.id, scenarioText("Yerevan 2016"));
    await commit(s, [{
      table: a0.id,
      entries: [act("seat.join", 10_100, { seat: "s1", name: "A" }), act("host.start", 10_200), say(10_500), act("clock.tick", 10_400)].map((action, i) => ({ seq: i + 1, action })),
    }]);
    const imported = seminarRow({ title: "Imported" });
    const d0 = tableRow(imported.id, 0, { status: "ended", createdAt: 5_000 });
    await s.storeSession({
      seminar: imported, table: d0, actions: [act("host.start", 6_000), act("host.start", 5_500)], scenario: scenarioText("Imported scenario"),
      imported: { finalHash: "f", source: null, digest: "dig-lib", origin: "unsigned", signer: null },
    });

    const list = async (f: Partial<Parameters<Storage["library"]>[0]> = {}) => {
      const r = await s.library({ status: "all", limit: 50, offset: 0, ...f });
      return { ids: r.rows.map((row) => row.id), total: r.total, rows: r.rows };
    };
    expect(await list()).toMatchObject({ ids: [c0.id, b0.id, a0.id, a1.id, d0.id], total: 5 });
    expect((await list({ status: "live" })).ids).toEqual([b0.id, a0.id]);
    expect((await list({ status: "ended" })).ids).toEqual([c0.id, a1.id, d0.id]);
    expect(await list({ limit: 2, offset: 1 })).toMatchObject({ ids: [b0.id, a0.id], total: 5 });
    expect(await list({ limit: 2, offset: 4 })).toMatchObject({ ids: [d0.id], total: 5 });
    // The words are taken literally: % _ and \ are no wildcards.
    expect((await list({ text: "%" })).ids).toEqual([a0.id, a1.id]);
    expect((await list({ text: "_" })).ids).toEqual([b0.id]);
    expect((await list({ text: "\\" })).ids).toEqual([c0.id]);
    expect((await list({ text: "0 p" })).ids).toEqual([c0.id]);
    // Like SQLite's LIKE: ASCII letters match whatever their case; the scenario id is searched too.
    expect((await list({ text: "summit 1" })).ids).toEqual([a0.id, a1.id]);
    expect((await list({ text: "ASTANA" })).ids).toEqual([b0.id]);
    expect(await list({ text: "nothing like it" })).toMatchObject({ ids: [], total: 0 });
    expect((await list({ scenario: "yerevan-2016" })).ids).toEqual([c0.id, a0.id, a1.id, d0.id]);
    expect((await list({ seminar: other.id })).ids).toEqual([c0.id]);
    expect(await list({ fromMs: 10_000, toMs: 30_000 })).toMatchObject({ ids: [b0.id, a0.id, a1.id], total: 3 });

    const rows = (await list()).rows;
    const row = (t: TableRow) => rows.find((r) => r.id === t.id)!;
    expect(row(a0)).toEqual({
      ...a0, seminarTitle: yerevan.title, tableCount: 2, scenarioTitle: "Yerevan 2016", actionCount: 4, startedAt: 10_200, lastAt: 10_400, importedAt: null, origin: null,
    });
    expect(row(a1)).toMatchObject({ status: "ended", summary: summary(a1.id, "ended", 0), scenarioTitle: null, actionCount: 0, startedAt: null, lastAt: null });
    expect(row(c0)).toMatchObject({ tableCount: 2, seminarTitle: other.title });
    expect(row(d0)).toMatchObject({ startedAt: 5_500, lastAt: 5_500, actionCount: 2, scenarioTitle: "Imported scenario", origin: "unsigned" });
    expect(row(d0).importedAt).toEqual(expect.any(Number));
    // One row whatever its status (a table in its lobby is in no listing).
    expect(await s.libraryRow(c1.id)).toMatchObject({ id: c1.id, status: "lobby", tableCount: 2, actionCount: 0 });
    expect(await s.libraryRow(a0.id)).toEqual(row(a0));
    expect(await s.libraryRow("nope")).toBeNull();
  });

  it("keeps import marks: by digest, by source, and a digest claimed once for an import made before digests", async () => {
    const s = await open();
    const sem = seminarRow();
    const t = tableRow(sem.id, 0, { status: "ended" });
    await s.storeSession({ seminar: sem, table: t, actions: [say(1)], scenario: scenarioText("S"), imported: { finalHash: "fh", source: "s1/t1", digest: "d-1", origin: "recorded", signer: "k" } });
    expect(await s.importByDigest("d-1")).toBe(t.id);
    expect(await s.importByDigest("d-none")).toBeNull();
    expect(await s.importBySource("s1/t1")).toEqual({ table: t.id, finalHash: "fh", digest: "d-1" });
    expect(await s.importBySource("s9/t9")).toBeNull();
    await s.claimDigest(t.id, "d-other");
    expect((await s.importOf(t.id))!.digest).toBe("d-1");
    expect(await s.importOf("nope")).toBeNull();

    // An import made before digests were kept (as old stores have them).
    const oldSem = seminarRow();
    const old = tableRow(oldSem.id, 0, { status: "ended" });
    await s.createSeminar(oldSem, [old]);
    await b.sql(s.location, `INSERT INTO replay_imports (table_id, imported_at, final_hash, source) VALUES ('${old.id}', 1234, 'fh-old', 's2/t2')`);
    expect(await s.importOf(old.id)).toEqual({ table: old.id, importedAt: 1234, finalHash: "fh-old", source: "s2/t2", digest: null, origin: null, signer: null });
    expect(await s.importBySource("s2/t2")).toEqual({ table: old.id, finalHash: "fh-old", digest: null });
    await s.claimDigest(old.id, "d-2");
    await s.claimDigest(old.id, "d-3");
    expect(await s.importBySource("s2/t2")).toEqual({ table: old.id, finalHash: "fh-old", digest: "d-2" });
    expect(await s.importByDigest("d-2")).toBe(old.id);
    expect(await s.importByDigest("d-3")).toBeNull();
  });

  it("leases a table to one owner: free, held, re-claimed, lapsed and taken over, renewed, released", async () => {
    const { s, ids: [t1, t2, t3] } = await withTables(["running", "running", "running"]);
    expect(await s.claimTable(t1!, "A", 60_000)).toBe(true);
    expect(await s.claimTable(t1!, "B", 60_000)).toBe(false);
    expect(await s.claimTable(t1!, "A", 60_000)).toBe(true);
    expect(await s.claimTable(t2!, "A", 60_000)).toBe(true);
    expect(await s.claimTable(t3!, "B", 60_000)).toBe(true);
    expect((await s.renewLeases("A", 60_000)).sort()).toEqual([t1!, t2!].sort());
    expect(await s.renewLeases("nobody", 60_000)).toEqual([]);

    // A lease of 1 ms lapses: B takes it over as soon as it has.
    expect(await s.claimTable(t1!, "A", 1)).toBe(true);
    await until(() => s.claimTable(t1!, "B", 60_000), "B to take over the lapsed lease");
    expect(await s.claimTable(t1!, "A", 60_000)).toBe(false);
    expect(await s.renewLeases("A", 60_000)).toEqual([t2!]);

    await s.releaseTable(t2!, "B"); // not B's: nothing happens
    expect(await s.claimTable(t2!, "C", 60_000)).toBe(false);
    await s.releaseTable(t2!, "A");
    expect(await s.claimTable(t2!, "C", 60_000)).toBe(true);
    expect(await s.renewLeases("A", 60_000)).toEqual([]);
  });

  it("finds orphaned tables: unfinished, with no lease or a lapsed one (and who let it lapse)", async () => {
    const { s, ids: [never, held, lapsed, ended] } = await withTables(["running", "paused", "lobby", "ended"]);
    expect(await s.claimTable(held!, "A", 60_000)).toBe(true);
    expect(await s.claimTable(lapsed!, "C", 1)).toBe(true);
    expect(await s.claimTable(ended!, "C", 1)).toBe(true);
    const orphans = async () => (await s.orphanedTables()).sort((x, y) => x.table.localeCompare(y.table));
    const expected = [{ table: never!, owner: null }, { table: lapsed!, owner: "C" }].sort((x, y) => x.table.localeCompare(y.table));
    await until(async () => JSON.stringify(await orphans()) === JSON.stringify(expected), "the 1 ms lease to lapse");
    await s.releaseTable(held!, "A");
    expect((await orphans()).map((o) => o.table)).toContain(held!);
    expect((await s.orphanedTables()).find((o) => o.table === held)).toEqual({ table: held!, owner: null });
  });

  it("with a fence, refuses a batch for a table it no longer holds (LEASE_LOST, nothing written) and extends the ones it does", async () => {
    const { s, ids: [mine, theirs, unleased] } = await withTables(["running", "running", "running"], { fence: { owner: "A", ttlMs: 60_000 } });
    expect(await s.claimTable(mine!, "A", 1)).toBe(true);
    const claimedAt = Date.now();
    expect(await s.claimTable(theirs!, "B", 60_000)).toBe(true);

    const lost = await commit(s, [
      { table: mine!, entries: [{ seq: 1, action: say(1) }] },
      { table: theirs!, entries: [{ seq: 1, action: say(2) }] },
    ]);
    for (const c of lost) expect(c.err?.message).toMatch(/^LEASE_LOST/);
    expect(await s.actions(mine!)).toEqual([]);
    expect(await s.actions(theirs!)).toEqual([]);
    const none = await commit(s, [{ table: unleased!, entries: [], summary: summary(unleased!, "ended") }]);
    expect(none[0]!.err?.message).toMatch(/^LEASE_LOST/);
    expect((await s.table(unleased!))!.status).toBe("running");

    // Its own table: written, and its 1 ms lease extended by the fence's ttl, so B cannot take it once 1 ms is past.
    expect((await commit(s, [{ table: mine!, entries: [{ seq: 1, action: say(3) }] }]))[0]!.err).toBeUndefined();
    await until(async () => Date.now() > claimedAt + 5, "the 1 ms lease's own expiry to pass");
    expect(await s.claimTable(mine!, "B", 60_000)).toBe(false);
    expect((await s.actions(mine!)).map((a) => a.at)).toEqual([3]);

    // Without a fence nothing is checked.
    const free = await open(s.location);
    expect((await commit(free, [{ table: theirs!, entries: [{ seq: 1, action: say(4) }] }]))[0]!.err).toBeUndefined();
  });

  it("is durable: what one instance wrote (and what close waited for), the next one opened on the same location reads back", async () => {
    const s = await open();
    const sem = seminarRow();
    const t = tableRow(sem.id, 0, { status: "running" });
    await s.createSeminar(sem, [t]);
    await s.saveTableScenario(t.id, scenarioText("Durable"));
    expect(await s.claimTable(t.id, "A", 60_000)).toBe(true);
    await commit(s, [{ table: t.id, entries: [{ seq: 1, action: act("host.start", 7) }], seat: { token: "tok-d", table: t.id, seat: "seat-d", name: "D" }, summary: summary(t.id, "running", 1) }]);
    // Queued just before close: close waits for it.
    let lastDone: Error | undefined | "pending" = "pending";
    s.enqueue({ table: t.id, entries: [{ seq: 2, action: say(8) }], done: (err) => (lastDone = err) });
    const readBack = async (r: Storage) => {
      expect(await r.seminar(sem.id)).toEqual(sem);
      expect(await r.table(t.id)).toMatchObject({ ...t, summary: summary(t.id, "running", 1) });
      expect(await r.actions(t.id)).toEqual([act("host.start", 7), say(8)]);
      expect(await r.seat("tok-d")).toEqual({ token: "tok-d", table: t.id, seat: "seat-d", name: "D" });
      expect(await r.tableScenario(t.id)).toBe(scenarioText("Durable").json);
      expect(await r.claimTable(t.id, "B", 60_000)).toBe(false);
    };
    await close(s);
    expect(lastDone).toBeUndefined();
    const second = await open(s.location);
    await readBack(second);
    await close(second);
    const third = await open(s.location);
    await readBack(third);
  });

  it("sees another instance's writes while both are open", async () => {
    const s = await open();
    const other = await open(s.location);
    const sem = seminarRow();
    const t = tableRow(sem.id, 0, { status: "running" });
    await s.createSeminar(sem, [t]);
    await commit(s, [{ table: t.id, entries: [{ seq: 1, action: say(1) }] }]);
    expect(await other.table(t.id)).toEqual(t);
    expect(await other.actions(t.id)).toEqual([say(1)]);
  });
});
