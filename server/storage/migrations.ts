/**
 * The schema, as versioned migrations applied in order at start (each once, recorded in `schema_migrations`). Each
 * step has its SQLite and its PostgreSQL text. A database made before migrations existed (SQLite only) is at
 * version 0 with some of version 1's tables: version 1 creates what is missing and adds the columns old files lack.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "seminars, tables, action logs, seats, scenario snapshots, replay imports",
    sqlite: `
CREATE TABLE IF NOT EXISTS seminars (
  id TEXT PRIMARY KEY, code TEXT UNIQUE NOT NULL, host_key TEXT UNIQUE NOT NULL, scenario TEXT NOT NULL,
  title TEXT NOT NULL, timing TEXT NOT NULL, bots INTEGER NOT NULL, rule_overrides TEXT NOT NULL, created_at INTEGER NOT NULL,
  bot_strength TEXT NOT NULL DEFAULT 'strong');
CREATE TABLE IF NOT EXISTS tables (
  id TEXT PRIMARY KEY, seminar TEXT NOT NULL REFERENCES seminars(id), idx INTEGER NOT NULL, header TEXT NOT NULL,
  status TEXT NOT NULL, summary TEXT, created_at INTEGER NOT NULL, ended_at INTEGER, parent TEXT, fork_seq INTEGER);
CREATE TABLE IF NOT EXISTS actions (
  table_id TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, PRIMARY KEY (table_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seats (
  token TEXT PRIMARY KEY, table_id TEXT NOT NULL, seat TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS seats_by_table ON seats(table_id);
CREATE TABLE IF NOT EXISTS scenario_texts (hash TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS table_scenarios (table_id TEXT PRIMARY KEY, hash TEXT NOT NULL REFERENCES scenario_texts(hash)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS replay_imports (
  table_id TEXT PRIMARY KEY, imported_at INTEGER NOT NULL, final_hash TEXT NOT NULL, source TEXT,
  digest TEXT, origin TEXT, signer TEXT) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replay_imports_by_hash ON replay_imports(final_hash);
`,
    postgres: `
CREATE TABLE IF NOT EXISTS seminars (
  id TEXT PRIMARY KEY, code TEXT UNIQUE NOT NULL, host_key TEXT UNIQUE NOT NULL, scenario TEXT NOT NULL,
  title TEXT NOT NULL, timing TEXT NOT NULL, bots BOOLEAN NOT NULL, rule_overrides TEXT NOT NULL, created_at BIGINT NOT NULL,
  bot_strength TEXT NOT NULL DEFAULT 'strong');
CREATE TABLE IF NOT EXISTS tables (
  id TEXT PRIMARY KEY, seminar TEXT NOT NULL REFERENCES seminars(id), idx INTEGER NOT NULL, header TEXT NOT NULL,
  status TEXT NOT NULL, summary TEXT, created_at BIGINT NOT NULL, ended_at BIGINT, parent TEXT, fork_seq INTEGER);
CREATE INDEX IF NOT EXISTS tables_by_seminar ON tables(seminar, idx);
CREATE INDEX IF NOT EXISTS tables_by_status ON tables(status, created_at);
CREATE TABLE IF NOT EXISTS actions (
  table_id TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, PRIMARY KEY (table_id, seq));
CREATE TABLE IF NOT EXISTS seats (
  token TEXT PRIMARY KEY, table_id TEXT NOT NULL, seat TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS seats_by_table ON seats(table_id);
CREATE TABLE IF NOT EXISTS scenario_texts (hash TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS table_scenarios (table_id TEXT PRIMARY KEY, hash TEXT NOT NULL REFERENCES scenario_texts(hash));
CREATE TABLE IF NOT EXISTS replay_imports (
  table_id TEXT PRIMARY KEY, imported_at BIGINT NOT NULL, final_hash TEXT NOT NULL, source TEXT,
  digest TEXT, origin TEXT, signer TEXT);
CREATE INDEX IF NOT EXISTS replay_imports_by_hash ON replay_imports(final_hash);
`,
  },
  {
    version: 2,
    name: "one import per file content",
    sqlite: "CREATE UNIQUE INDEX IF NOT EXISTS replay_imports_by_digest ON replay_imports(digest) WHERE digest IS NOT NULL;",
    postgres: "CREATE UNIQUE INDEX IF NOT EXISTS replay_imports_by_digest ON replay_imports(digest) WHERE digest IS NOT NULL;",
  },
  {
    version: 3,
    name: "table leases: which process owns an unfinished table, until when",
    sqlite: "CREATE TABLE IF NOT EXISTS table_leases (table_id TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;",
    postgres: "CREATE TABLE IF NOT EXISTS table_leases (table_id TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at BIGINT NOT NULL);",
  },
];

/** Columns that SQLite files made before migrations may lack (added by version 1 when missing). */
export const LEGACY_SQLITE_COLUMNS: Record<string, Record<string, string>> = {
  seminars: { bot_strength: "TEXT NOT NULL DEFAULT 'strong'" },
  replay_imports: { digest: "TEXT", origin: "TEXT", signer: "TEXT" },
};

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
