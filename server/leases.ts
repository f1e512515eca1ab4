/**
 * Table leases in a cluster: exactly one process runs an unfinished table. A process takes a table's lease when it
 * makes its room, renews every lease it holds a few times per lease period (every group commit renews the lease of
 * the tables it writes, and fails if it is gone: see StorageOptions.fence), and lets it go when the room goes. A
 * surviving process looks for unfinished tables whose lease has lapsed — their process died — and brings them up
 * from the shared store; their players' clients come back with their seat tokens.
 */
import { matchMaker } from "@colyseus/core";
import { log } from "./log";
import type { Storage } from "./storage/types";

export class TableLeases {
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  /** `owner`: this process's Colyseus process id (what a health check asks after). */
  constructor(private readonly store: Storage, readonly owner: string, readonly ttlMs: number) {}

  /** Takes a table's lease (free, lapsed or already ours); false when a live process holds it. */
  claim(table: string): Promise<boolean> {
    return this.store.claimTable(table, this.owner, this.ttlMs);
  }

  release(table: string): Promise<void> {
    return this.store.releaseTable(table, this.owner).catch((e: unknown) => log.warn({ table, err: e }, `table ${table}: lease not released`));
  }

  /**
   * Starts renewing, and sweeping for tables whose process died: `lost` is told of tables this process no longer
   * holds, `adopt` brings up an orphaned table here (it claims the lease as its room is made).
   */
  start(hooks: { lost(table: string): void; adopt(table: string): Promise<void>; running(): string[] }): void {
    const every = Math.max(200, Math.floor(this.ttlMs / 3));
    this.timer = setInterval(() => void this.tick(hooks), every);
    this.timer.unref();
  }

  /** One renewal and one sweep (also run at start, so a process that boots into a cluster adopts orphans at once). */
  async tick(hooks: { lost(table: string): void; adopt(table: string): Promise<void>; running(): string[] }): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const held = new Set(await this.store.renewLeases(this.owner, this.ttlMs));
      for (const table of hooks.running()) if (!held.has(table)) hooks.lost(table);
      // Each owner is asked once per sweep (a dead one takes the health check's whole timeout to answer).
      const alive = new Map<string, Promise<boolean>>();
      for (const { table, owner } of await this.store.orphanedTables()) {
        // A lease that lapsed while its process still answers is only late (a busy machine): it renews it. A process
        // that fails the health check is dead, and Colyseus drops its room listings then.
        // A table never leased is normally one whose seminar is being created right now (its creator opens it next):
        // only one left so for a whole lease period lost its creator.
        if (!owner && ((await this.store.table(table))?.createdAt ?? 0) > Date.now() - this.ttlMs) continue;
        if (owner && owner !== this.owner) {
          if (!alive.has(owner)) alive.set(owner, matchMaker.healthCheckProcessId(owner).catch(() => false));
          if (await alive.get(owner)) continue;
        }
        try {
          await hooks.adopt(table);
          log.info({ table, from: owner }, `table ${table}: taken over${owner ? ` from process ${owner}` : ""}`);
        } catch (e) {
          log.warn({ table, err: e }, `table ${table}: could not take it over`);
        }
      }
    } catch (e) {
      log.warn({ err: e }, "leases: renewal failed");
    } finally {
      this.sweeping = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
