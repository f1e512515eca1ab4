/**
 * The writes of one group commit, in one transaction: accepted actions, the seats they created, and the tables'
 * dashboard summaries. Used on the event loop's own connection (an in-memory store) and by the commit worker.
 */
import type Database from "better-sqlite3";
import type { Action } from "../shared/actions";
import type { TableSummary } from "../shared/protocol";

export interface SeatRow { token: string; table: string; seat: string; name: string }
/** What one queued item writes. */
export interface BatchItem { table: string; entries: { seq: number; action: Action }[]; seat?: SeatRow; summary?: TableSummary }

export const SET_SUMMARY = "UPDATE tables SET summary = ?, status = ?, ended_at = ? WHERE id = ?";

/** The arguments of SET_SUMMARY for a summary. */
export const summaryArgs = (table: string, s: TableSummary): unknown[] => [JSON.stringify(s), s.status, s.status === "ended" ? Date.now() : null, table];

/** A function that writes a batch in one transaction on `db` (all of it or, if it throws, none). */
export function batchWriter(db: Database.Database): (batch: readonly BatchItem[]) => void {
  const insertSeat = db.prepare("INSERT INTO seats VALUES (?, ?, ?, ?)");
  const append = db.prepare("INSERT INTO actions (table_id, seq, action) VALUES (?, ?, ?)");
  const setSummary = db.prepare(SET_SUMMARY);
  return db.transaction((batch: readonly BatchItem[]) => {
    const summaries = new Map<string, TableSummary>();
    for (const b of batch) {
      if (b.seat) insertSeat.run(b.seat.token, b.seat.table, b.seat.seat, b.seat.name);
      for (const e of b.entries) append.run(b.table, e.seq, JSON.stringify(e.action));
      if (b.summary) summaries.set(b.table, b.summary);
    }
    for (const [table, summary] of summaries) setSummary.run(...summaryArgs(table, summary));
  });
}
