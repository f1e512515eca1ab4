/**
 * What both stores share above their SQL: turning a row into the interface's types (the same column names in
 * SQLite and PostgreSQL), the library's status filter and text pattern, and the fence's refusal.
 */
import type { TableSummary } from "../../shared/protocol";
import type { BotMix } from "../../shared/botSeats";
import type { TimingPreset } from "../../shared/state";
import type { BatchItem, ImportRow, LibraryFilter, LibraryRow, SeminarRow, TableRow } from "./types";

export type Row = Record<string, unknown>;

// PostgreSQL's BIGINT and COUNT(*) come back as strings: Number() them. JSON columns are TEXT in both stores.
export const num = (v: unknown): number | null => (v == null ? null : Number(v));
export const str = (v: unknown): string | null => (v == null ? null : String(v));

export const seminarOf = (r: Row): SeminarRow => ({
  id: String(r.id), code: String(r.code), hostKey: String(r.host_key), scenario: String(r.scenario), title: String(r.title),
  // SQLite keeps the flag as 1/0, PostgreSQL as a boolean.
  timing: r.timing as TimingPreset, bots: r.bots === 1 || r.bots === true, ruleOverrides: JSON.parse(String(r.rule_overrides)), createdAt: Number(r.created_at),
  botStrength: r.bot_strength as BotMix,
});

export const tableOf = (r: Row): TableRow => ({
  id: String(r.id), seminar: String(r.seminar), index: Number(r.idx), header: JSON.parse(String(r.header)), status: String(r.status),
  summary: r.summary ? (JSON.parse(String(r.summary)) as TableSummary) : null, createdAt: Number(r.created_at),
  endedAt: num(r.ended_at), parent: str(r.parent), forkSeq: num(r.fork_seq),
});

export const libraryRowOf = (r: Row): LibraryRow => ({
  ...tableOf(r), seminarTitle: String(r.seminar_title), tableCount: Number(r.table_count), scenarioTitle: str(r.scenario_title),
  actionCount: Number(r.action_count), startedAt: num(r.started_at), lastAt: num(r.last_at), importedAt: num(r.imported_at), origin: str(r.origin),
});

export const importOf = (r: Row): ImportRow => ({
  table: String(r.table_id), importedAt: Number(r.imported_at), finalHash: String(r.final_hash), source: str(r.source),
  digest: str(r.digest), origin: str(r.origin), signer: str(r.signer),
});

export const seatOf = (r: Row) => ({ token: String(r.token), table: String(r.table_id), seat: String(r.seat), name: String(r.name) });

/** The library's status filter, as a WHERE clause on `tables t`. */
export const STATUS_CLAUSE: Record<LibraryFilter["status"], string> = {
  ended: "t.status = 'ended'",
  live: "t.status IN ('running', 'paused')",
  all: "t.status IN ('running', 'paused', 'ended')",
};

/** A library filter's words as a LIKE pattern matching them literally anywhere (with ESCAPE '\'): the store escapes. */
export const likeAnywhere = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `ended_at` for a summary being written: now when it ended. */
export const endedAtOf = (s: TableSummary): number | null => (s.status === "ended" ? Date.now() : null);

/** The tables a group commit writes to (a barrier writes nothing), in one order: the fence renews their leases. */
export const writtenTables = (batch: readonly BatchItem[]): string[] =>
  [...new Set(batch.filter((b) => b.entries.length > 0 || b.seat !== undefined || b.summary !== undefined).map((b) => b.table))].sort();

/** The error a fenced commit fails with when this process no longer holds a table's lease (nothing was written). */
export const leaseLost = (table: string, owner: string): Error => new Error(`LEASE_LOST: table ${table} is no longer leased to ${owner}`);

/** The last summary each table got in a group commit: the one written. */
export function lastSummaries(batch: readonly BatchItem[]): Map<string, TableSummary> {
  const out = new Map<string, TableSummary>();
  for (const b of batch) if (b.summary) out.set(b.table, b.summary);
  return out;
}
