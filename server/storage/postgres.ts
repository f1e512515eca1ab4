/**
 * The store on PostgreSQL (`DATABASE_URL`): the same tables and guarantees as the SQLite file, for a cluster of
 * server processes sharing one database. Times are the application's `Date.now()` in ms, never the database's
 * clock, exactly as in SQLite: the processes of a cluster already compare the ms they stamp on actions, and a lease
 * written by one is read by another with the same meaning.
 */
import { Pool, type PoolClient } from "pg";
import { log } from "../log";
import type { TableSummary } from "../../shared/protocol";
import type { Action } from "../../shared/actions";
import { GroupCommit } from "./groupCommit";
import { MIGRATIONS } from "./migrations";
import { endedAtOf, importOf, lastSummaries, leaseLost, libraryRowOf, likeAnywhere, type Row, seatOf, seminarOf, STATUS_CLAUSE, str, tableOf, writtenTables } from "./rows";
import type {
  BatchItem, ImportRow, NewSession, ScenarioText, SeatRow, SeminarRow, Storage, StorageOptions, TableRow,
} from "./types";

/** Held (per transaction) while migrations run, so that processes starting together apply each one once. */
const MIGRATION_LOCK = 0x4353544f; // "CSTO"
type Db = Pick<PoolClient, "query">;

/**
 * The library's text filter matches like SQLite's LIKE: a substring, with `\ % _` in the words taken literally (the
 * store escapes them; callers pass the raw words), and ASCII letters only matched without regard to case (SQLite's
 * LIKE folds A–Z and nothing else, whatever the database's locale).
 */
const asciiLower = (sql: string): string => `translate(${sql}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

const LIBRARY_SELECT = `
SELECT t.*, s.title AS seminar_title,
  (SELECT COUNT(*) FROM tables x WHERE x.seminar = t.seminar) AS table_count,
  (SELECT st.json::jsonb->>'title' FROM table_scenarios ts JOIN scenario_texts st ON st.hash = ts.hash WHERE ts.table_id = t.id) AS scenario_title,
  (SELECT COUNT(*) FROM actions a WHERE a.table_id = t.id) AS action_count,
  (SELECT MIN((a.action::jsonb->>'at')::numeric) FROM actions a WHERE a.table_id = t.id AND a.action::jsonb->>'type' = 'host.start') AS started_at,
  (SELECT (a.action::jsonb->>'at')::numeric FROM actions a WHERE a.table_id = t.id ORDER BY a.seq DESC LIMIT 1) AS last_at,
  i.imported_at, i.origin
FROM tables t JOIN seminars s ON s.id = t.seminar LEFT JOIN replay_imports i ON i.table_id = t.id`;

/** Runs `fn` in one transaction on one pooled connection: all of it, or (when it throws) none. */
async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  let broken: Error | undefined;
  try {
    await c.query("BEGIN");
    const result = await fn(c);
    await c.query("COMMIT");
    return result;
  } catch (e) {
    // A connection that cannot even roll back is dropped, not handed to the next caller.
    await c.query("ROLLBACK").catch((rollback: Error) => { broken = rollback; });
    throw e;
  } finally {
    c.release(broken);
  }
}

/** Applies the migrations not yet recorded, each in its own transaction; returns the resulting version. */
async function migrate(pool: Pool): Promise<number> {
  let version = 0;
  for (const m of MIGRATIONS) {
    version = await inTransaction(pool, async (c) => {
      await c.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      // Checked again under the lock: another process may have applied it while this one waited.
      await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at BIGINT)");
      const done = await c.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (done.rowCount === 0) {
        await c.query(m.postgres);
        await c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
      }
      const r = await c.query("SELECT MAX(version) AS v FROM schema_migrations");
      return Number(r.rows[0]?.v ?? 0);
    });
  }
  return version;
}

async function insertSeminar(c: Db, s: SeminarRow): Promise<void> {
  await c.query(
    "INSERT INTO seminars (id, code, host_key, scenario, title, timing, bots, rule_overrides, created_at, bot_strength) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    [s.id, s.code, s.hostKey, s.scenario, s.title, s.timing, s.bots, JSON.stringify(s.ruleOverrides), s.createdAt, s.botStrength ?? "mixed"],
  );
}

async function insertTable(c: Db, t: TableRow): Promise<void> {
  await c.query(
    "INSERT INTO tables (id, seminar, idx, header, status, summary, created_at, ended_at, parent, fork_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    [t.id, t.seminar, t.index, JSON.stringify(t.header), t.status, t.summary ? JSON.stringify(t.summary) : null, t.createdAt, t.endedAt, t.parent, t.forkSeq],
  );
}

/** Appends log entries in one statement, whatever their number. */
async function appendActions(c: Db, rows: { table: string; seq: number; action: Action }[]): Promise<void> {
  if (rows.length === 0) return;
  await c.query("INSERT INTO actions (table_id, seq, action) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])", [
    rows.map((r) => r.table), rows.map((r) => r.seq), rows.map((r) => JSON.stringify(r.action)),
  ]);
}

async function insertSeats(c: Db, seats: SeatRow[]): Promise<void> {
  if (seats.length === 0) return;
  await c.query("INSERT INTO seats (token, table_id, seat, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])", [
    seats.map((s) => s.token), seats.map((s) => s.table), seats.map((s) => s.seat), seats.map((s) => s.name),
  ]);
}

/** The summary, the status it carries, and `ended_at` = now when it ended. */
async function writeSummary(c: Db, table: string, s: TableSummary): Promise<void> {
  await c.query("UPDATE tables SET summary = $1, status = $2, ended_at = $3 WHERE id = $4", [JSON.stringify(s), s.status, endedAtOf(s), table]);
}

async function saveScenario(c: Db, table: string, s: ScenarioText): Promise<void> {
  await c.query("INSERT INTO scenario_texts (hash, json) VALUES ($1, $2) ON CONFLICT DO NOTHING", [s.hash, s.json]);
  await c.query("INSERT INTO table_scenarios (table_id, hash) VALUES ($1, $2) ON CONFLICT DO NOTHING", [table, s.hash]);
}

/** One group commit: the fence first (nothing written when a lease is lost), then seats, actions and summaries. */
async function writeBatch(c: Db, batch: BatchItem[], fence: StorageOptions["fence"]): Promise<void> {
  if (fence) {
    // In one order everywhere: two commits never wait on each other's lease rows the other way round.
    for (const table of writtenTables(batch)) {
      const r = await c.query("UPDATE table_leases SET expires_at = $1 WHERE table_id = $2 AND owner = $3", [Date.now() + fence.ttlMs, table, fence.owner]);
      if (r.rowCount === 0) throw leaseLost(table, fence.owner);
    }
  }
  await insertSeats(c, batch.flatMap((b) => (b.seat ? [b.seat] : [])));
  await appendActions(c, batch.flatMap((b) => b.entries.map((e) => ({ table: b.table, seq: e.seq, action: e.action }))));
  for (const [table, s] of lastSummaries(batch)) await writeSummary(c, table, s);
}

/** Opens (and migrates) the store in the database at `url`. */
export async function openPostgres(url: string, options: StorageOptions = {}): Promise<Storage> {
  // synchronous_commit = on (PostgreSQL's default, set here in case the server's configuration says otherwise):
  // a COMMIT returns once the WAL is flushed, so `done` never runs before an action is durable.
  const pool = new Pool({ connectionString: url, max: 8, options: "-c synchronous_commit=on", application_name: "csto-summit" });
  // An idle connection that dies (the database restarted) must not take the process down.
  pool.on("error", (e) => log.error({ err: e }, "postgres: an idle connection failed"));
  let schemaVersion: number;
  try {
    schemaVersion = await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  const fence = options.fence;
  const group = new GroupCommit((batch) => inTransaction(pool, (c) => writeBatch(c, batch, fence)));
  const one = async (sql: string, params: unknown[]): Promise<Row | undefined> => (await pool.query(sql, params)).rows[0] as Row | undefined;
  const all = async (sql: string, params: unknown[] = []): Promise<Row[]> => (await pool.query(sql, params)).rows as Row[];
  const seminarWhere = async (column: string, value: string) => {
    const r = await one(`SELECT * FROM seminars WHERE ${column} = $1`, [value]);
    return r ? seminarOf(r) : null;
  };
  let closed = false;

  return {
    kind: "postgres",
    location: url,
    schemaVersion,
    commits: group,

    async createSeminar(s, tables) {
      await inTransaction(pool, async (c) => {
        await insertSeminar(c, s);
        for (const t of tables) await insertTable(c, t);
      });
    },
    seminarByCode: (code) => seminarWhere("code", code),
    seminarByHostKey: (key) => seminarWhere("host_key", key),
    seminar: (id) => seminarWhere("id", id),
    async table(id) {
      const r = await one("SELECT * FROM tables WHERE id = $1", [id]);
      return r ? tableOf(r) : null;
    },
    async tablesOf(seminar) { return (await all("SELECT * FROM tables WHERE seminar = $1 ORDER BY idx", [seminar])).map(tableOf); },
    async unfinishedTables() { return (await all("SELECT * FROM tables WHERE status != 'ended' ORDER BY created_at, id")).map(tableOf); },
    async actions(table, afterSeq) {
      const rows = afterSeq === undefined
        ? await all("SELECT action FROM actions WHERE table_id = $1 ORDER BY seq", [table])
        : await all("SELECT action FROM actions WHERE table_id = $1 AND seq > $2 ORDER BY seq", [table, afterSeq]);
      return rows.map((r) => JSON.parse(String(r.action)) as Action);
    },
    async seat(token) {
      const r = await one("SELECT * FROM seats WHERE token = $1", [token]);
      return r ? seatOf(r) : null;
    },
    setSummary: (table, summary) => writeSummary(pool, table, summary),
    enqueue: (item) => group.enqueue(item),

    saveTableScenario: (table, scenario) => inTransaction(pool, (c) => saveScenario(c, table, scenario)),
    async tableScenario(table) {
      const r = await one("SELECT s.json FROM table_scenarios t JOIN scenario_texts s ON s.hash = t.hash WHERE t.table_id = $1", [table]);
      return r ? String(r.json) : null;
    },

    async storeSession(s: NewSession) {
      await inTransaction(pool, async (c) => {
        await insertSeminar(c, s.seminar);
        await insertTable(c, s.table);
        await appendActions(c, s.actions.map((action, i) => ({ table: s.table.id, seq: i + 1, action })));
        await saveScenario(c, s.table.id, s.scenario);
        const m = s.imported;
        if (m) {
          await c.query("INSERT INTO replay_imports (table_id, imported_at, final_hash, source, digest, origin, signer) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [s.table.id, Date.now(), m.finalHash, m.source, m.digest, m.origin, m.signer]);
        }
        if (s.summary) await writeSummary(c, s.table.id, s.summary);
      });
    },
    async library(f) {
      const where = [STATUS_CLAUSE[f.status]];
      const params: unknown[] = [];
      const arg = (v: unknown) => `$${params.push(v)}`;
      if (f.scenario) where.push(`t.header::jsonb->>'scenarioId' = ${arg(f.scenario)}`);
      if (f.seminar) where.push(`t.seminar = ${arg(f.seminar)}`);
      if (f.text) {
        const like = asciiLower(arg(likeAnywhere(f.text)));
        where.push(`(${asciiLower("s.title")} LIKE ${like} ESCAPE '\\' OR ${asciiLower("t.header::jsonb->>'scenarioId'")} LIKE ${like} ESCAPE '\\')`);
      }
      if (f.fromMs !== undefined) where.push(`t.created_at >= ${arg(f.fromMs)}`);
      if (f.toMs !== undefined) where.push(`t.created_at < ${arg(f.toMs)}`);
      const clause = `WHERE ${where.join(" AND ")}`;
      const total = Number((await one(`SELECT COUNT(*) AS n FROM tables t JOIN seminars s ON s.id = t.seminar ${clause}`, params))?.n ?? 0);
      // t.id last: rows created in the same ms at the same index page in one stable order.
      const rows = await all(`${LIBRARY_SELECT} ${clause} ORDER BY t.created_at DESC, t.idx, t.id LIMIT ${arg(f.limit)} OFFSET ${arg(f.offset)}`, params);
      return { rows: rows.map(libraryRowOf), total };
    },
    async libraryRow(table) {
      const r = await one(`${LIBRARY_SELECT} WHERE t.id = $1`, [table]);
      return r ? libraryRowOf(r) : null;
    },
    async importOf(table): Promise<ImportRow | null> {
      const r = await one("SELECT * FROM replay_imports WHERE table_id = $1", [table]);
      return r ? importOf(r) : null;
    },
    async importByDigest(digest) { return str((await one("SELECT table_id FROM replay_imports WHERE digest = $1", [digest]))?.table_id); },
    async importBySource(source) {
      const r = await one("SELECT table_id, final_hash, digest FROM replay_imports WHERE source = $1 ORDER BY imported_at, table_id LIMIT 1", [source]);
      return r ? { table: String(r.table_id), finalHash: String(r.final_hash), digest: str(r.digest) } : null;
    },
    async claimDigest(table, digest) { await pool.query("UPDATE replay_imports SET digest = $1 WHERE table_id = $2 AND digest IS NULL", [digest, table]); },

    async claimTable(table, owner, ttlMs) {
      const now = Date.now();
      const r = await pool.query(
        `INSERT INTO table_leases (table_id, owner, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (table_id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE table_leases.expires_at < $4 OR table_leases.owner = EXCLUDED.owner RETURNING owner`,
        [table, owner, now + ttlMs, now],
      );
      return r.rowCount === 1;
    },
    async renewLeases(owner, ttlMs) {
      const rows = await all("UPDATE table_leases SET expires_at = $1 WHERE owner = $2 RETURNING table_id", [Date.now() + ttlMs, owner]);
      return rows.map((r) => String(r.table_id)).sort();
    },
    async releaseTable(table, owner) { await pool.query("DELETE FROM table_leases WHERE table_id = $1 AND owner = $2", [table, owner]); },
    async orphanedTables() {
      const rows = await all(
        `SELECT t.id, l.owner FROM tables t LEFT JOIN table_leases l ON l.table_id = t.id
         WHERE t.status != 'ended' AND (l.table_id IS NULL OR l.expires_at < $1) ORDER BY t.created_at, t.id`,
        [Date.now()],
      );
      return rows.map((r) => ({ table: String(r.id), owner: str(r.owner) }));
    },

    async close() {
      if (closed) return;
      closed = true;
      await group.drain();
      await pool.end();
    },
  };
}
