/**
 * The commit thread: writes each group commit in one transaction with full sync, off the event loop, so that the
 * rooms keep answering while the disk flushes. Its replies, in order, are what the acks wait for.
 */
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { batchWriter, type BatchItem } from "./batchWrites";

const db = new Database((workerData as { file: string }).file, { timeout: 10_000 });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
const write = batchWriter(db);

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
