/** The replay library: which sessions can be reviewed, with what anyone may know of them, and which were imported. */
import type Database from "better-sqlite3";
import type { ReplayLibrary, ReplayListing, ReplayQuery, SessionOrigin } from "../shared/replayProtocol";
import { getScenario } from "../shared/scenarios";
import type { TableSummary } from "../shared/protocol";
import { snapshotTables } from "./scenarioSnapshots";
import type { Store } from "./store";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS replay_imports (
  table_id TEXT PRIMARY KEY, imported_at INTEGER NOT NULL, final_hash TEXT NOT NULL, source TEXT) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replay_imports_by_hash ON replay_imports(final_hash);
`;
/**
 * Added with signed exports: the SHA-256 of the imported file's canonical content (one table per content), its origin
 * (SessionOrigin) and the key it was signed with. Imports made before have none of them and count as unsigned.
 */
const COLUMNS = { digest: "TEXT", origin: "TEXT", signer: "TEXT" } as const;
const DIGEST_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS replay_imports_by_digest ON replay_imports(digest) WHERE digest IS NOT NULL";
const ready = new WeakSet<Database.Database>();

function db(store: Store): Database.Database {
  if (!ready.has(store.db)) {
    store.db.exec(SCHEMA);
    const have = new Set((store.db.prepare("PRAGMA table_info(replay_imports)").all() as { name: string }[]).map((c) => c.name));
    for (const [name, type] of Object.entries(COLUMNS)) if (!have.has(name)) store.db.exec(`ALTER TABLE replay_imports ADD COLUMN ${name} ${type}`);
    store.db.exec(DIGEST_INDEX);
    snapshotTables(store); // joined below
    ready.add(store.db);
  }
  return store.db;
}

type Row = Record<string, unknown>;

const SELECT = `
SELECT t.id, t.seminar, t.idx, t.header, t.status, t.summary, t.created_at, t.parent, t.fork_seq,
  s.title AS seminar_title,
  (SELECT COUNT(*) FROM tables x WHERE x.seminar = t.seminar) AS table_count,
  (SELECT json_extract(st.json, '$.title') FROM table_scenarios ts JOIN scenario_texts st ON st.hash = ts.hash WHERE ts.table_id = t.id) AS scenario_title,
  (SELECT COUNT(*) FROM actions a WHERE a.table_id = t.id) AS action_count,
  (SELECT MIN(json_extract(a.action, '$.at')) FROM actions a WHERE a.table_id = t.id AND json_extract(a.action, '$.type') = 'host.start') AS started_at,
  (SELECT json_extract(a.action, '$.at') FROM actions a WHERE a.table_id = t.id ORDER BY a.seq DESC LIMIT 1) AS last_at,
  i.imported_at, i.origin
FROM tables t JOIN seminars s ON s.id = t.seminar LEFT JOIN replay_imports i ON i.table_id = t.id`;

function originOfRow(r: Row): SessionOrigin {
  if (r.imported_at == null) return "recorded";
  return r.origin === "recorded" || r.origin === "signed-elsewhere" ? r.origin : "unsigned";
}

function listingOfRow(r: Row): ReplayListing {
  const header = JSON.parse(String(r.header)) as { scenarioId: string; scenarioVersion: number };
  const summary = r.summary ? (JSON.parse(String(r.summary)) as TableSummary) : null;
  const startedAt = r.started_at == null ? null : Number(r.started_at);
  const lastAt = r.last_at == null ? null : Number(r.last_at);
  const id = String(r.id);
  return {
    table: id,
    seminar: String(r.seminar),
    seminarTitle: String(r.seminar_title),
    index: Number(r.idx),
    tables: Number(r.table_count),
    scenario: { id: header.scenarioId, version: header.scenarioVersion, title: r.scenario_title == null ? getScenario(header.scenarioId)?.title ?? header.scenarioId : String(r.scenario_title) },
    status: String(r.status) as ReplayListing["status"],
    createdAt: Number(r.created_at),
    startedAt,
    lastAt,
    minutes: startedAt !== null && lastAt !== null ? Math.round((lastAt - startedAt) / 6000) / 10 : 0,
    actions: Number(r.action_count),
    round: summary?.round ?? 0,
    phase: summary?.phase ?? null,
    outcomes: summary?.outcomes ?? {},
    winners: summary?.status === "ended" ? summary.winners : [],
    imported: r.imported_at != null,
    origin: originOfRow(r),
    parent: r.parent == null ? null : String(r.parent),
    forkSeq: r.fork_seq == null ? null : Number(r.fork_seq),
    link: `/replay/${id}`,
  };
}

/** Sessions worth reviewing (started ones: running, paused or ended), newest first, filtered. */
export function listReplays(store: Store, q: Required<Pick<ReplayQuery, "status" | "limit" | "offset">> & ReplayQuery): ReplayLibrary {
  const where: string[] = [q.status === "ended" ? "t.status = 'ended'" : q.status === "live" ? "t.status IN ('running', 'paused')" : "t.status IN ('running', 'paused', 'ended')"];
  const params: unknown[] = [];
  if (q.scenario) { where.push("json_extract(t.header, '$.scenarioId') = ?"); params.push(q.scenario); }
  if (q.seminar) { where.push("t.seminar = ?"); params.push(q.seminar); }
  if (q.q) { where.push("(s.title LIKE ? ESCAPE '\\' OR json_extract(t.header, '$.scenarioId') LIKE ? ESCAPE '\\')"); const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`; params.push(like, like); }
  if (q.from) { where.push("t.created_at >= ?"); params.push(Date.parse(`${q.from}T00:00:00Z`)); }
  if (q.to) { where.push("t.created_at < ?"); params.push(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000); }
  const d = db(store);
  const clause = `WHERE ${where.join(" AND ")}`;
  const total = Number((d.prepare(`SELECT COUNT(*) AS n FROM tables t JOIN seminars s ON s.id = t.seminar ${clause}`).get(...params) as Row).n);
  const rows = d.prepare(`${SELECT} ${clause} ORDER BY t.created_at DESC, t.idx LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Row[];
  return { replays: rows.map((r) => withForkOrigin(store, listingOfRow(r))), total };
}

/** One table's listing (whatever its status), or null. */
export function listingOf(store: Store, table: string): ReplayListing | null {
  const r = db(store).prepare(`${SELECT} WHERE t.id = ?`).get(table) as Row | undefined;
  return r ? withForkOrigin(store, listingOfRow(r)) : null;
}

/** Makes sure the library's tables exist (the import thread writes to them from its own connection). */
export function prepareLibrary(store: Store): void {
  db(store);
}

export interface ImportMark { finalHash: string; source: string | null; digest: string; origin: SessionOrigin; signer: string | null }

/** Marks a table as imported from a file with this content digest, final hash, source and origin. */
export function markImported(store: Store, table: string, m: ImportMark): void {
  db(store).prepare("INSERT INTO replay_imports (table_id, imported_at, final_hash, source, digest, origin, signer) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(table, Date.now(), m.finalHash, m.source, m.digest, m.origin, m.signer);
}

/** The table imported from a file with exactly this canonical content, if any. */
export function findImportByDigest(store: Store, digest: string): string | null {
  const r = db(store).prepare("SELECT table_id FROM replay_imports WHERE digest = ?").get(digest) as Row | undefined;
  return r ? String(r.table_id) : null;
}

/**
 * A table already imported from a file naming this source (seminar/table on the server that exported it), with its
 * final hash and content digest (null for imports made before digests were kept).
 */
export function findImportBySource(store: Store, source: string): { table: string; finalHash: string; digest: string | null } | null {
  const r = db(store).prepare("SELECT table_id, final_hash, digest FROM replay_imports WHERE source = ? LIMIT 1").get(source) as Row | undefined;
  return r ? { table: String(r.table_id), finalHash: String(r.final_hash), digest: r.digest == null ? null : String(r.digest) } : null;
}

/** Records the content digest of an import made before digests were kept (once: a later call changes nothing). */
export function claimDigest(store: Store, table: string, digest: string): void {
  db(store).prepare("UPDATE replay_imports SET digest = ? WHERE table_id = ? AND digest IS NULL").run(digest, table);
}

/**
 * Where a table's session comes from: recorded here, or imported (and how it was signed). A fork played here from an
 * imported session starts with that session's log, so it has its parent's origin: this server did not see all of it.
 */
export function originOf(store: Store, table: string): SessionOrigin {
  const imported = db(store).prepare("SELECT imported_at, origin FROM replay_imports WHERE table_id = ?");
  const parentOf = store.db.prepare("SELECT parent FROM tables WHERE id = ?");
  let id: string | null = table;
  // Forks of forks: followed a bounded number of steps.
  for (let step = 0; id !== null && step < 32; step++) {
    const r = imported.get(id) as Row | undefined;
    if (r) return originOfRow(r);
    const p = parentOf.get(id) as Row | undefined;
    id = p?.parent == null ? null : String(p.parent);
  }
  return "recorded";
}

function withForkOrigin(store: Store, l: ReplayListing): ReplayListing {
  return l.parent !== null && !l.imported ? { ...l, origin: originOf(store, l.table) } : l;
}
