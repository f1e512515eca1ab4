/**
 * Opens the server's store: PostgreSQL when `DATABASE_URL` is set, else the embedded SQLite file in the data
 * directory. A second connection (an import thread's) opens the same store from its kind and location.
 */
import { join } from "node:path";
import { openSqlite } from "./sqlite";
import type { Storage, StorageOptions } from "./types";

export type { Storage } from "./types";
export interface StoreAddress { kind: Storage["kind"]; location: string }

/** Where this server's store is: `databaseUrl` (PostgreSQL) or `<dataDir>/csto.sqlite`. */
export function storeAddress(config: { dataDir: string; databaseUrl?: string | null }): StoreAddress {
  return config.databaseUrl ? { kind: "postgres", location: config.databaseUrl } : { kind: "sqlite", location: join(config.dataDir, "csto.sqlite") };
}

/** `commitThread: false` for a connection that only stores whole sessions (an import thread's). */
export async function openStorage(at: StoreAddress, options: StorageOptions & { commitThread?: boolean } = {}): Promise<Storage> {
  if (at.kind === "postgres") {
    const { openPostgres } = await import("./postgres");
    return openPostgres(at.location, options);
  }
  return openSqlite(at.location, options);
}
