/**
 * The embedded store: one SQLite file in WAL mode with full sync, no set-up. Group commits are written by a commit
 * thread with its own connection (the event loop never waits for the disk); reads run here beside it.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Worker } from "node:worker_threads";
import type { Action } from "../../shared/actions";
import type { TableSummary } from "../../shared/protocol";
import { log } from "../log";
import { GroupCommit } from "./groupCommit";
import { LEGACY_SQLITE_COLUMNS, MIGRATIONS } from "./migrations";
import { importOf, libraryRowOf, likeAnywhere, type Row, seatOf, seminarOf, STATUS_CLAUSE, str, tableOf } from "./rows";
import { batchWriter, SET_SUMMARY, summaryArgs } from "./sqliteBatch";
import type {
  BatchItem, ImportRow, LibraryFilter, LibraryRow, NewSession, Queued, ScenarioText, SeatRow, SeminarRow, Storage,
  StorageOptions, TableRow,
} from "./types";

const LIBRARY_SELECT = `
SELECT t.*, s.title AS seminar_title,
  (SELECT COUNT(*) FROM tables x WHERE x.seminar = t.seminar) AS table_count,
  (SELECT json_extract(st.json, '$.title') FROM table_scenarios ts JOIN scenario_texts st ON st.hash = ts.hash WHERE ts.table_id = t.id) AS scenario_title,
  (SELECT COUNT(*) FROM actions a WHERE a.table_id = t.id) AS action_count,
  (SELECT MIN(json_extract(a.action, '$.at')) FROM actions a WHERE a.table_id = t.id AND json_extract(a.action, '$.type') = 'host.start') AS started_at,
  (SELECT json_extract(a.action, '$.at') FROM actions a WHERE a.table_id = t.id ORDER BY a.seq DESC LIMIT 1) AS last_at,
  i.imported_at, i.origin
FROM tables t JOIN seminars s ON s.id = t.seminar LEFT JOIN replay_imports i ON i.table_id = t.id`;

/** Brings a database to the latest schema version; returns it. One writer at a time (BEGIN IMMEDIATE). */
function migrate(db: Database.Database): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  const step = db.transaction((m: (typeof MIGRATIONS)[number]) => {
    if (db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").get(m.version)) return;
    db.exec(m.sqlite);
    if (m.version === 1) {
      // Files made before migrations: their tables exist, some without the columns added later.
      for (const [table, columns] of Object.entries(LEGACY_SQLITE_COLUMNS)) {
        const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
        for (const [name, type] of Object.entries(columns)) if (!have.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
      }
    }
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, Date.now());
  });
  for (const m of MIGRATIONS) step.immediate(m);
  return Number((db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as Row).v);
}

const COMMIT_WORKER = new URL("./sqliteCommitWorker.ts", import.meta.url).href;
const TSX = import.meta.resolve("tsx/esm/api");

export class SqliteStorage implements Storage {
  readonly kind = "sqlite";
  readonly db: Database.Database;
  readonly schemaVersion: number;
  private readonly q;
  readonly commits: GroupCommit;
  private worker: Worker | null = null;
  /** Whether the commit thread has loaded and opened its connection; until then commits are written here. */
  private workerReady = false;
  private replies = new Map<number, (err?: Error) => void>();
  private nextBatch = 0;
  private writeHere: ((batch: readonly BatchItem[]) => void) | null = null;
  private closing = false;
  private restarts = 0;
  private failed: Error | null = null;

  /**
   * `commitThread` (on for a file): group commits are written by a worker thread with its own connection, so that
   * the event loop does not wait for the disk to sync; reads stay here (WAL lets them run beside the writer).
   */
  constructor(readonly location: string, private readonly options: StorageOptions & { commitThread?: boolean } = {}) {
    if (location !== ":memory:") mkdirSync(dirname(location), { recursive: true });
    const d = (this.db = new Database(location, { timeout: 10_000 }));
    d.pragma("journal_mode = WAL");
    d.pragma("synchronous = FULL");
    d.pragma("foreign_keys = ON");
    this.schemaVersion = migrate(d);
    this.q = {
      insertSeminar: d.prepare("INSERT INTO seminars (id, code, host_key, scenario, title, timing, bots, rule_overrides, created_at, bot_strength) VALUES (@id, @code, @hostKey, @scenario, @title, @timing, @bots, @ruleOverrides, @createdAt, @botStrength)"),
      seminarByCode: d.prepare("SELECT * FROM seminars WHERE code = ?"),
      seminarByHostKey: d.prepare("SELECT * FROM seminars WHERE host_key = ?"),
      seminarById: d.prepare("SELECT * FROM seminars WHERE id = ?"),
      insertTable: d.prepare("INSERT INTO tables (id, seminar, idx, header, status, summary, created_at, ended_at, parent, fork_seq) VALUES (@id, @seminar, @index, @header, @status, NULL, @createdAt, NULL, @parent, @forkSeq)"),
      table: d.prepare("SELECT * FROM tables WHERE id = ?"),
      tablesOf: d.prepare("SELECT * FROM tables WHERE seminar = ? ORDER BY idx"),
      unfinished: d.prepare("SELECT * FROM tables WHERE status != 'ended' ORDER BY created_at"),
      append: d.prepare("INSERT INTO actions (table_id, seq, action) VALUES (?, ?, ?)"),
      actions: d.prepare("SELECT action FROM actions WHERE table_id = ? AND seq > ? ORDER BY seq"),
      seat: d.prepare("SELECT * FROM seats WHERE token = ?"),
      setSummary: d.prepare(SET_SUMMARY),
      saveText: d.prepare("INSERT OR IGNORE INTO scenario_texts (hash, json) VALUES (?, ?)"),
      saveTableScenario: d.prepare("INSERT OR IGNORE INTO table_scenarios (table_id, hash) VALUES (?, ?)"),
      tableScenario: d.prepare("SELECT s.json FROM table_scenarios t JOIN scenario_texts s ON s.hash = t.hash WHERE t.table_id = ?"),
      libraryRow: d.prepare(`${LIBRARY_SELECT} WHERE t.id = ?`),
      markImported: d.prepare("INSERT INTO replay_imports (table_id, imported_at, final_hash, source, digest, origin, signer) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      importOf: d.prepare("SELECT * FROM replay_imports WHERE table_id = ?"),
      importByDigest: d.prepare("SELECT table_id FROM replay_imports WHERE digest = ?"),
      importBySource: d.prepare("SELECT * FROM replay_imports WHERE source = ? LIMIT 1"),
      claimDigest: d.prepare("UPDATE replay_imports SET digest = ? WHERE table_id = ? AND digest IS NULL"),
      claim: d.prepare(`INSERT INTO table_leases (table_id, owner, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (table_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE table_leases.expires_at < ? OR table_leases.owner = excluded.owner RETURNING owner`),
      renew: d.prepare("UPDATE table_leases SET expires_at = ? WHERE owner = ? RETURNING table_id"),
      release: d.prepare("DELETE FROM table_leases WHERE table_id = ? AND owner = ?"),
      orphaned: d.prepare(`SELECT t.id, l.owner FROM tables t LEFT JOIN table_leases l ON l.table_id = t.id
        WHERE t.status != 'ended' AND (l.table_id IS NULL OR l.expires_at < ?) ORDER BY t.created_at`),
    };
    this.commits = new GroupCommit((batch) => this.commitBatch(batch));
    if (location !== ":memory:" && (options.commitThread ?? true)) this.worker = this.startWorker();
    else this.writeHere = batchWriter(d, options.fence);
  }

  private startWorker(): Worker {
    // Worker threads do not inherit the tsx loader: register it first, then load the TypeScript worker.
    const code = `import(${JSON.stringify(TSX)}).then((t) => { t.register(); return import(${JSON.stringify(COMMIT_WORKER)}); });`;
    const w = new Worker(code, { eval: true, workerData: { file: this.location, fence: this.options.fence } });
    this.workerReady = false;
    w.on("message", (m: { id?: number; error?: string; ready?: boolean }) => {
      if (m.ready && this.worker === w) this.workerReady = true;
      if (m.id === undefined) return;
      const reply = this.replies.get(m.id);
      this.replies.delete(m.id);
      reply?.(m.error === undefined ? undefined : new Error(m.error));
    });
    // A commit thread that dies fails what it was writing (refused, never acknowledged) and is started again.
    w.on("error", (e) => {
      log.error({ err: e }, "commit thread failed");
      for (const reply of this.replies.values()) reply(e);
      this.replies.clear();
    });
    w.on("exit", () => {
      if (this.worker !== w || this.closing) return;
      // Started again a few times at most: a thread that cannot start at all leaves commits failing, not a loop.
      this.worker = ++this.restarts <= 5 ? this.startWorker() : null;
      if (!this.worker) {
        log.fatal("commit thread: gave up restarting it; actions are refused until the server restarts");
        this.failed = new Error("no commit thread");
      }
    });
    w.unref();
    return w;
  }

  /** Writes one group commit. */
  private commitBatch(batch: BatchItem[]): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    // The thread takes a second or more to load (longer on a busy machine): right after a restart the first commits
    // are written here, on the event loop's own connection, so that a returning player's first ack does not wait
    // for it. Commits never overlap (GroupCommit waits for the one in flight), so the two connections never race.
    if (this.worker && this.workerReady) {
      const id = ++this.nextBatch;
      const worker = this.worker;
      return new Promise((resolve, reject) => {
        this.replies.set(id, (err) => (err ? reject(err) : resolve()));
        worker.postMessage({ id, batch });
      });
    }
    this.writeHere ??= batchWriter(this.db, this.options.fence);
    try {
      this.writeHere(batch);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  enqueue(item: Queued): void { this.commits.enqueue(item); }

  private insertTableRow(t: TableRow): void {
    this.q.insertTable.run({ id: t.id, seminar: t.seminar, index: t.index, header: JSON.stringify(t.header), status: t.status, createdAt: t.createdAt, parent: t.parent, forkSeq: t.forkSeq });
  }
  private insertSeminarRow(s: SeminarRow): void {
    this.q.insertSeminar.run({ ...s, bots: s.bots ? 1 : 0, ruleOverrides: JSON.stringify(s.ruleOverrides), botStrength: s.botStrength ?? "mixed" });
  }

  async createSeminar(s: SeminarRow, tables: TableRow[]): Promise<void> {
    this.db.transaction(() => {
      this.insertSeminarRow(s);
      for (const t of tables) this.insertTableRow(t);
    })();
  }

  async seminarByCode(code: string) { const r = this.q.seminarByCode.get(code) as Row | undefined; return r ? seminarOf(r) : null; }
  async seminarByHostKey(key: string) { const r = this.q.seminarByHostKey.get(key) as Row | undefined; return r ? seminarOf(r) : null; }
  async seminar(id: string) { const r = this.q.seminarById.get(id) as Row | undefined; return r ? seminarOf(r) : null; }
  async table(id: string) { const r = this.q.table.get(id) as Row | undefined; return r ? tableOf(r) : null; }
  async tablesOf(seminar: string) { return (this.q.tablesOf.all(seminar) as Row[]).map(tableOf); }
  async unfinishedTables() { return (this.q.unfinished.all() as Row[]).map(tableOf); }

  async actions(table: string, afterSeq = 0): Promise<Action[]> {
    return (this.q.actions.all(table, afterSeq) as { action: string }[]).map((r) => JSON.parse(r.action) as Action);
  }

  async seat(token: string): Promise<SeatRow | null> {
    const r = this.q.seat.get(token) as Row | undefined;
    return r ? seatOf(r) : null;
  }

  async setSummary(table: string, summary: TableSummary): Promise<void> { this.q.setSummary.run(...summaryArgs(table, summary)); }

  async saveTableScenario(table: string, s: ScenarioText): Promise<void> {
    this.db.transaction(() => {
      this.q.saveText.run(s.hash, s.json);
      this.q.saveTableScenario.run(table, s.hash);
    })();
  }

  async tableScenario(table: string): Promise<string | null> {
    const r = this.q.tableScenario.get(table) as { json: string } | undefined;
    return r ? r.json : null;
  }

  async storeSession(s: NewSession): Promise<void> {
    this.db.transaction(() => {
      this.insertSeminarRow(s.seminar);
      this.insertTableRow(s.table);
      s.actions.forEach((action, i) => this.q.append.run(s.table.id, i + 1, JSON.stringify(action)));
      this.q.saveText.run(s.scenario.hash, s.scenario.json);
      this.q.saveTableScenario.run(s.table.id, s.scenario.hash);
      const m = s.imported;
      if (m) this.q.markImported.run(s.table.id, Date.now(), m.finalHash, m.source, m.digest, m.origin, m.signer);
      if (s.summary) this.q.setSummary.run(...summaryArgs(s.table.id, s.summary));
    })();
  }

  async library(f: LibraryFilter): Promise<{ rows: LibraryRow[]; total: number }> {
    const where = [STATUS_CLAUSE[f.status]];
    const params: unknown[] = [];
    if (f.scenario) { where.push("json_extract(t.header, '$.scenarioId') = ?"); params.push(f.scenario); }
    if (f.seminar) { where.push("t.seminar = ?"); params.push(f.seminar); }
    if (f.text) { where.push("(s.title LIKE ? ESCAPE '\\' OR json_extract(t.header, '$.scenarioId') LIKE ? ESCAPE '\\')"); params.push(likeAnywhere(f.text), likeAnywhere(f.text)); }
    if (f.fromMs !== undefined) { where.push("t.created_at >= ?"); params.push(f.fromMs); }
    if (f.toMs !== undefined) { where.push("t.created_at < ?"); params.push(f.toMs); }
    const clause = `WHERE ${where.join(" AND ")}`;
    const total = Number((this.db.prepare(`SELECT COUNT(*) AS n FROM tables t JOIN seminars s ON s.id = t.seminar ${clause}`).get(...params) as Row).n);
    const rows = this.db.prepare(`${LIBRARY_SELECT} ${clause} ORDER BY t.created_at DESC, t.idx LIMIT ? OFFSET ?`).all(...params, f.limit, f.offset) as Row[];
    return { rows: rows.map(libraryRowOf), total };
  }

  async libraryRow(table: string): Promise<LibraryRow | null> {
    const r = this.q.libraryRow.get(table) as Row | undefined;
    return r ? libraryRowOf(r) : null;
  }

  async importOf(table: string): Promise<ImportRow | null> { const r = this.q.importOf.get(table) as Row | undefined; return r ? importOf(r) : null; }
  async importByDigest(digest: string): Promise<string | null> { const r = this.q.importByDigest.get(digest) as Row | undefined; return r ? String(r.table_id) : null; }
  async importBySource(source: string) {
    const r = this.q.importBySource.get(source) as Row | undefined;
    return r ? { table: String(r.table_id), finalHash: String(r.final_hash), digest: str(r.digest) } : null;
  }
  async claimDigest(table: string, digest: string): Promise<void> { this.q.claimDigest.run(digest, table); }

  // Lease times are the processes' own clocks (Date.now), as in the PostgreSQL store: hosts of one cluster keep time.
  async claimTable(table: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    return this.q.claim.get(table, owner, now + ttlMs, now) !== undefined;
  }
  async renewLeases(owner: string, ttlMs: number): Promise<string[]> {
    return (this.q.renew.all(Date.now() + ttlMs, owner) as Row[]).map((r) => String(r.table_id));
  }
  async releaseTable(table: string, owner: string): Promise<void> { this.q.release.run(table, owner); }
  async orphanedTables(): Promise<{ table: string; owner: string | null }[]> {
    return (this.q.orphaned.all(Date.now()) as Row[]).map((r) => ({ table: String(r.id), owner: str(r.owner) }));
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.commits.drain();
    const w = this.worker;
    this.worker = null;
    if (w) {
      const exited = new Promise<void>((r) => w.once("exit", () => r()));
      w.postMessage({ close: true });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      await w.terminate();
    }
    this.db.close();
  }
}

export async function openSqlite(file: string, options: StorageOptions & { commitThread?: boolean } = {}): Promise<SqliteStorage> {
  return new SqliteStorage(file, options);
}
