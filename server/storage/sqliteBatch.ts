/**
 * The writes of one SQLite group commit, in one transaction: accepted actions, the seats they created, and the
 * tables' dashboard summaries. Used on the event loop's own connection and by the commit thread.
 */
import type Database from "better-sqlite3";
import type { TableSummary } from "../../shared/protocol";
import { endedAtOf, lastSummaries, leaseLost, writtenTables } from "./rows";
import type { BatchItem, StorageOptions } from "./types";

export const SET_SUMMARY = "UPDATE tables SET summary = ?, status = ?, ended_at = ? WHERE id = ?";

/** The arguments of SET_SUMMARY for a summary. */
export const summaryArgs = (table: string, s: TableSummary): unknown[] => [JSON.stringify(s), s.status, endedAtOf(s), table];

/** A function that writes a batch in one transaction on `db` (all of it or, if it throws, none). */
export function batchWriter(db: Database.Database, fence?: StorageOptions["fence"]): (batch: readonly BatchItem[]) => void {
  const insertSeat = db.prepare("INSERT INTO seats VALUES (?, ?, ?, ?)");
  const append = db.prepare("INSERT INTO actions (table_id, seq, action) VALUES (?, ?, ?)");
  const setSummary = db.prepare(SET_SUMMARY);
  const renew = db.prepare("UPDATE table_leases SET expires_at = ? WHERE table_id = ? AND owner = ?");
  return db.transaction((batch: readonly BatchItem[]) => {
    if (fence) {
      const until = Date.now() + fence.ttlMs;
      for (const table of writtenTables(batch)) if (renew.run(until, table, fence.owner).changes === 0) throw leaseLost(table, fence.owner);
    }
    for (const b of batch) {
      if (b.seat) insertSeat.run(b.seat.token, b.seat.table, b.seat.seat, b.seat.name);
      for (const e of b.entries) append.run(b.table, e.seq, JSON.stringify(e.action));
    }
    for (const [table, summary] of lastSummaries(batch)) setSummary.run(...summaryArgs(table, summary));
  });
}
