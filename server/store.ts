/** The durable store: SQLite in WAL mode with full sync. An action is on disk before anyone hears of it. */
import Database from "better-sqlite3";
import { Worker } from "node:worker_threads";
import { type BatchItem, batchWriter, type SeatRow, SET_SUMMARY, summaryArgs } from "./batchWrites";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { log } from "./log";
import type { Action } from "../shared/actions";
import type { SessionHeader } from "../shared/replay";
import type { TableSummary } from "../shared/protocol";
import type { VotingRule } from "../shared/scenario";
import type { TimingPreset } from "../shared/state";
import type { BotMix } from "../shared/botSeats";

export interface SeminarRow {
  id: string; code: string; hostKey: string; scenario: string; title: string;
  timing: TimingPreset; bots: boolean; ruleOverrides: Record<string, VotingRule>; createdAt: number;
  /** How the seminar's bots play; "mixed" when not given. */
  botStrength?: BotMix;
}
export interface TableRow {
  id: string; seminar: string; index: number; header: SessionHeader; status: string;
  summary: TableSummary | null; createdAt: number; endedAt: number | null; parent: string | null; forkSeq: number | null;
}
export type { SeatRow };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS seminars (
  id TEXT PRIMARY KEY, code TEXT UNIQUE NOT NULL, host_key TEXT UNIQUE NOT NULL, scenario TEXT NOT NULL,
  title TEXT NOT NULL, timing TEXT NOT NULL, bots INTEGER NOT NULL, rule_overrides TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tables (
  id TEXT PRIMARY KEY, seminar TEXT NOT NULL REFERENCES seminars(id), idx INTEGER NOT NULL, header TEXT NOT NULL,
  status TEXT NOT NULL, summary TEXT, created_at INTEGER NOT NULL, ended_at INTEGER, parent TEXT, fork_seq INTEGER);
CREATE TABLE IF NOT EXISTS actions (
  table_id TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, PRIMARY KEY (table_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seats (
  token TEXT PRIMARY KEY, table_id TEXT NOT NULL, seat TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS seats_by_table ON seats(table_id);
`;

type Row = Record<string, unknown>;
const seminarOf = (r: Row): SeminarRow => ({
  id: String(r.id), code: String(r.code), hostKey: String(r.host_key), scenario: String(r.scenario), title: String(r.title),
  timing: r.timing as TimingPreset, bots: r.bots === 1, ruleOverrides: JSON.parse(String(r.rule_overrides)), createdAt: Number(r.created_at),
  botStrength: r.bot_strength as BotMix,
});
const tableOf = (r: Row): TableRow => ({
  id: String(r.id), seminar: String(r.seminar), index: Number(r.idx), header: JSON.parse(String(r.header)), status: String(r.status),
  summary: r.summary ? JSON.parse(String(r.summary)) : null, createdAt: Number(r.created_at),
  endedAt: r.ended_at == null ? null : Number(r.ended_at), parent: r.parent == null ? null : String(r.parent),
  forkSeq: r.fork_seq == null ? null : Number(r.fork_seq),
});

/** One accepted action waiting for the next group commit, and who to tell when it is on disk (or failed to get there). */
interface Queued extends BatchItem { done: (err?: Error) => void }

const COMMIT_WORKER = new URL("./commitWorker.ts", import.meta.url).href;
const TSX = import.meta.resolve("tsx/esm/api");

export class Store {
  readonly db: Database.Database;
  private readonly q;
  private queued: Queued[] = [];
  private flushScheduled = false;
  /** The group commit on its way to disk, if any: the next one waits for it. */
  private inFlight = false;
  private worker: Worker | null = null;
  /** Whether the commit thread has loaded and opened its connection; until then commits are written here (see commitBatch). */
  private workerReady = false;
  private replies = new Map<number, (err?: Error) => void>();
  private nextBatch = 0;
  private writeHere: ((batch: readonly BatchItem[]) => void) | null = null;
  private closing = false;
  private restarts = 0;

  /**
   * `commitThread` (on for a file): group commits are written by a worker thread with its own connection, so that the
   * event loop does not wait for the disk to sync; reads stay here (WAL lets them run beside the writer).
   */
  constructor(file: string, options: { commitThread?: boolean } = {}) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: 10_000 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.db.exec(SCHEMA);
    // Seminars created before the host could choose bot strength played with strong bots: they keep it.
    const columns = (this.db.prepare("PRAGMA table_info(seminars)").all() as { name: string }[]).map((c) => c.name);
    if (!columns.includes("bot_strength")) this.db.exec("ALTER TABLE seminars ADD COLUMN bot_strength TEXT NOT NULL DEFAULT 'strong'");
    const d = this.db;
    this.q = {
      insertSeminar: d.prepare("INSERT INTO seminars (id, code, host_key, scenario, title, timing, bots, rule_overrides, created_at, bot_strength) VALUES (@id, @code, @hostKey, @scenario, @title, @timing, @bots, @ruleOverrides, @createdAt, @botStrength)"),
      seminarByCode: d.prepare("SELECT * FROM seminars WHERE code = ?"),
      seminarByHostKey: d.prepare("SELECT * FROM seminars WHERE host_key = ?"),
      seminarById: d.prepare("SELECT * FROM seminars WHERE id = ?"),
      insertTable: d.prepare("INSERT INTO tables VALUES (@id, @seminar, @index, @header, @status, NULL, @createdAt, NULL, @parent, @forkSeq)"),
      table: d.prepare("SELECT * FROM tables WHERE id = ?"),
      tablesOf: d.prepare("SELECT * FROM tables WHERE seminar = ? ORDER BY idx"),
      unfinished: d.prepare("SELECT * FROM tables WHERE status != 'ended' ORDER BY created_at"),
      endedSince: d.prepare("SELECT * FROM tables WHERE status = 'ended' AND ended_at >= ? ORDER BY created_at"),
      allTables: d.prepare("SELECT * FROM tables ORDER BY created_at DESC LIMIT ?"),
      append: d.prepare("INSERT INTO actions (table_id, seq, action) VALUES (?, ?, ?)"),
      actions: d.prepare("SELECT action FROM actions WHERE table_id = ? ORDER BY seq"),
      insertSeat: d.prepare("INSERT INTO seats VALUES (?, ?, ?, ?)"),
      seat: d.prepare("SELECT * FROM seats WHERE token = ?"),
      setSummary: d.prepare(SET_SUMMARY),
    };
    if (file !== ":memory:" && (options.commitThread ?? true)) this.worker = this.startWorker(file);
    else this.writeHere = batchWriter(d);
  }

  private startWorker(file: string): Worker {
    // Worker threads do not inherit the tsx loader: register it first, then load the TypeScript worker.
    const code = `import(${JSON.stringify(TSX)}).then((t) => { t.register(); return import(${JSON.stringify(COMMIT_WORKER)}); });`;
    const w = new Worker(code, { eval: true, workerData: { file } });
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
      this.worker = ++this.restarts <= 5 ? this.startWorker(file) : null;
      if (!this.worker) {
        log.fatal("commit thread: gave up restarting it; actions are refused until the server restarts");
        this.commitBatch = (_batch, done) => done(new Error("no commit thread"));
      }
    });
    w.unref();
    return w;
  }

  createSeminar(s: SeminarRow, tables: TableRow[]): void {
    this.db.transaction(() => {
      this.q.insertSeminar.run({ ...s, bots: s.bots ? 1 : 0, ruleOverrides: JSON.stringify(s.ruleOverrides), botStrength: s.botStrength ?? "mixed" });
      for (const t of tables) this.insertTable(t);
    })();
  }

  insertTable(t: TableRow): void {
    this.q.insertTable.run({ id: t.id, seminar: t.seminar, index: t.index, header: JSON.stringify(t.header), status: t.status, createdAt: t.createdAt, parent: t.parent, forkSeq: t.forkSeq });
  }

  seminarByCode(code: string): SeminarRow | null { const r = this.q.seminarByCode.get(code) as Row | undefined; return r ? seminarOf(r) : null; }
  seminarByHostKey(key: string): SeminarRow | null { const r = this.q.seminarByHostKey.get(key) as Row | undefined; return r ? seminarOf(r) : null; }
  seminar(id: string): SeminarRow | null { const r = this.q.seminarById.get(id) as Row | undefined; return r ? seminarOf(r) : null; }
  table(id: string): TableRow | null { const r = this.q.table.get(id) as Row | undefined; return r ? tableOf(r) : null; }
  tablesOf(seminar: string): TableRow[] { return (this.q.tablesOf.all(seminar) as Row[]).map(tableOf); }
  unfinishedTables(): TableRow[] { return (this.q.unfinished.all() as Row[]).map(tableOf); }
  /** Tables that ended at or after `since` (ms). */
  endedSince(since: number): TableRow[] { return (this.q.endedSince.all(since) as Row[]).map(tableOf); }
  recentTables(limit: number): TableRow[] { return (this.q.allTables.all(limit) as Row[]).map(tableOf); }

  /** Appends accepted actions (and a new seat, if any) in one durable transaction. */
  append(table: string, entries: { seq: number; action: Action }[], seat?: SeatRow): void {
    this.db.transaction(() => {
      if (seat) this.q.insertSeat.run(seat.token, seat.table, seat.seat, seat.name);
      for (const e of entries) this.q.append.run(table, e.seq, JSON.stringify(e.action));
    })();
  }

  /**
   * Queues accepted actions for the next group commit: everything queued in this turn of the event loop goes to disk
   * in one transaction (one fsync), and only then is each `done` called, in order — with the error if the write
   * failed, in which case none of the batch was written.
   */
  enqueue(item: Queued): void {
    this.queued.push(item);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes everything queued in one transaction (after the commit before it, if one is on its way), then tells each waiter. */
  flush(): void {
    this.flushScheduled = false;
    if (this.inFlight || this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    const finish = (failure?: Error) => {
      this.inFlight = false;
      for (const b of batch) {
        try {
          b.done(failure);
        } catch (e) {
          log.error({ err: e }, "after commit: a waiter threw");
        }
      }
      // What arrived while this commit was on its way goes next, as one.
      if (this.queued.length > 0) this.flush();
    };
    if (!batch.some((b) => b.entries.length > 0 || b.seat || b.summary)) return finish();
    this.inFlight = true;
    this.commitBatch(batch.map(({ done: _done, ...item }) => item), finish);
  }

  /** Writes one group commit, then calls `done` (with the error if nothing was written). */
  commitBatch(batch: BatchItem[], done: (err?: Error) => void): void {
    // The thread takes a second or more to load (longer on a busy machine): right after a restart the first commits
    // are written here, on the event loop's own connection, so that a returning player's first ack does not wait
    // for it. Commits never overlap (flush waits for the one in flight), so the two connections never race.
    if (this.worker && !this.workerReady) {
      this.writeHere ??= batchWriter(this.db);
    } else if (this.worker) {
      const id = ++this.nextBatch;
      this.replies.set(id, done);
      this.worker.postMessage({ id, batch });
      return;
    }
    let failure: Error | undefined;
    try {
      this.writeHere!(batch);
    } catch (e) {
      failure = e as Error;
    }
    done(failure);
  }

  actions(table: string): Action[] {
    return (this.q.actions.all(table) as { action: string }[]).map((r) => JSON.parse(r.action) as Action);
  }

  setSummary(table: string, summary: TableSummary): void {
    this.q.setSummary.run(...summaryArgs(table, summary));
  }

  seat(token: string): SeatRow | null {
    const r = this.q.seat.get(token) as Row | undefined;
    return r ? { token: String(r.token), table: String(r.table_id), seat: String(r.seat), name: String(r.name) } : null;
  }

  /** Waits (a few seconds at most) for the commits on their way, stops the commit thread, and closes the database. */
  async close(): Promise<void> {
    this.closing = true;
    const end = Date.now() + 5000;
    while ((this.inFlight || this.queued.length > 0) && Date.now() < end) {
      this.flush();
      await new Promise((r) => setTimeout(r, 5));
    }
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
