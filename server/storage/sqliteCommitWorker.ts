/**
 * The SQLite commit thread: writes each group commit in one transaction with full sync, off the event loop, so that
 * the rooms keep answering while the disk flushes. Its replies, in order, are what the acks wait for.
 */
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { batchWriter } from "./sqliteBatch";
import type { BatchItem, StorageOptions } from "./types";

const { file, fence } = workerData as { file: string; fence?: StorageOptions["fence"] };
const db = new Database(file, { timeout: 10_000 });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
const write = batchWriter(db, fence);

parentPort!.on("message", (m: { id: number; batch: BatchItem[] } | { close: true }) => {
  if ("close" in m) {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    write(m.batch);
    parentPort!.postMessage({ id: m.id });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
