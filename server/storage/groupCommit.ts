/**
 * Group commit, the same for every store: everything queued in one turn of the event loop is written in one
 * transaction (one sync to disk), and only then is each waiter told, in order. Commits never overlap: what arrives
 * while one is on its way goes next, as one.
 */
import { log } from "../log";
import type { BatchItem, Queued } from "./types";

export class GroupCommit {
  private queued: Queued[] = [];
  private flushScheduled = false;
  /** The group commit on its way to disk, if any: the next one waits for it. */
  private inFlight = false;

  /**
   * `write` stores a batch in one transaction: all of it, or (when it rejects) none. It may be wrapped (the load
   * bench times it; a test makes it fail as a full disk would).
   */
  constructor(public write: (batch: BatchItem[]) => Promise<void>) {}

  enqueue(item: Queued): void {
    this.queued.push(item);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Whether anything is queued or on its way. */
  get busy(): boolean { return this.inFlight || this.queued.length > 0; }

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
      if (this.queued.length > 0) this.flush();
    };
    if (!batch.some((b) => b.entries.length > 0 || b.seat || b.summary)) return finish();
    this.inFlight = true;
    let written: Promise<void>;
    try {
      written = this.write(batch.map(({ done: _done, ...item }) => item));
    } catch (e) {
      written = Promise.reject(e as Error);
    }
    written.then(() => finish(), (e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
  }

  /** Waits (up to `ms`) until nothing is queued or on its way. */
  async drain(ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (this.busy && Date.now() < end) {
      this.flush();
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
