/**
 * The storage interface: everything the server keeps (seminars, tables, action logs, seats, scenario snapshots, the
 * replay library's import marks, table leases) goes through it. Two implementations: the embedded SQLite file (the
 * default, no set-up) and PostgreSQL (`DATABASE_URL`). Both give the same guarantees: an action is durable before
 * anyone hears of it (enqueue's `done`), and a crash loses nothing acknowledged.
 */
import type { Action } from "../../shared/actions";
import type { SessionHeader } from "../../shared/replay";
import type { TableSummary } from "../../shared/protocol";
import type { VotingRule } from "../../shared/scenario";
import type { TimingPreset } from "../../shared/state";
import type { BotMix } from "../../shared/botSeats";
import type { SessionOrigin } from "../../shared/replayProtocol";
import type { GroupCommit } from "./groupCommit";

export interface SeminarRow {
  id: string; code: string; hostKey: string; scenario: string; title: string;
  timing: TimingPreset; bots: boolean; ruleOverrides: Record<string, VotingRule>; createdAt: number;
  /** How the seminar's bots play; "mixed" when not given. */
  botStrength?: BotMix;
}
export interface TableRow {
  id: string; seminar: string; index: number; header: SessionHeader; status: string;
  summary: TableSummary | null; createdAt: number; endedAt: number | null; parent: string | null; forkSeq: number | null;
}
export interface SeatRow { token: string; table: string; seat: string; name: string }

/** What one queued item of a group commit writes. */
export interface BatchItem { table: string; entries: { seq: number; action: Action }[]; seat?: SeatRow; summary?: TableSummary }
/** One accepted action waiting for the next group commit, and who to tell when it is durable (or failed to get there). */
export interface Queued extends BatchItem { done: (err?: Error) => void }

/** A scenario text as stored beside the tables played with it (identical texts are stored once). */
export interface ScenarioText { hash: string; json: string }

/** How a table came to be in the library by import. */
export interface ImportMark { finalHash: string; source: string | null; digest: string; origin: SessionOrigin; signer: string | null }
export interface ImportRow extends Omit<ImportMark, "digest" | "origin"> { table: string; importedAt: number; digest: string | null; origin: string | null }

/** A whole session stored at once, in one transaction (an import, a fork). */
export interface NewSession {
  seminar: SeminarRow;
  table: TableRow;
  actions: Action[];
  scenario: ScenarioText;
  imported?: ImportMark;
  /** Written last, once the log replays (its hash is the final state's). */
  summary?: TableSummary;
}

/** The replay library's filter (dates already turned into ms bounds). */
export interface LibraryFilter {
  status: "ended" | "live" | "all";
  scenario?: string; seminar?: string;
  /** Words to look for in the seminar's title or the scenario id (matched as a substring, case as stored). */
  text?: string;
  fromMs?: number; toMs?: number;
  limit: number; offset: number;
}
/** One row of the library: the table, with what the listing needs about its seminar, scenario, log and import. */
export interface LibraryRow extends TableRow {
  seminarTitle: string;
  tableCount: number;
  /** The stored scenario's title, if a snapshot is stored. */
  scenarioTitle: string | null;
  actionCount: number;
  /** `at` of the first host.start, and of the last action. */
  startedAt: number | null;
  lastAt: number | null;
  importedAt: number | null;
  origin: string | null;
}

export interface Storage {
  readonly kind: "sqlite" | "postgres";
  /** Where another connection (an import thread's) opens the same store: a file path or a database URL. */
  readonly location: string;
  /** The schema version the store is at after its migrations ran. */
  readonly schemaVersion: number;

  createSeminar(s: SeminarRow, tables: TableRow[]): Promise<void>;
  seminarByCode(code: string): Promise<SeminarRow | null>;
  seminarByHostKey(key: string): Promise<SeminarRow | null>;
  seminar(id: string): Promise<SeminarRow | null>;
  table(id: string): Promise<TableRow | null>;
  /** A seminar's tables, by index. */
  tablesOf(seminar: string): Promise<TableRow[]>;
  /** Tables not ended, oldest first. */
  unfinishedTables(): Promise<TableRow[]>;
  /** A table's log in order: all of it, or the actions after `afterSeq`. */
  actions(table: string, afterSeq?: number): Promise<Action[]>;
  seat(token: string): Promise<SeatRow | null>;
  /** Writes a table's dashboard summary (and its status; `ended_at` when it ended). */
  setSummary(table: string, summary: TableSummary): Promise<void>;
  /**
   * Queues accepted actions for the next group commit: everything queued in one turn of the event loop is written in
   * one transaction, and only then is each `done` called, in order — with the error if the write failed, in which case
   * none of the batch was written. An item with no entries is a barrier: its `done` runs after what was queued before.
   */
  enqueue(item: Queued): void;
  /** The group commit behind enqueue. */
  readonly commits: GroupCommit;

  /** Records the scenario a table is played with (once; a later call for the same table changes nothing). */
  saveTableScenario(table: string, scenario: ScenarioText): Promise<void>;
  /** The scenario text stored for a table, or null when the table predates snapshots. */
  tableScenario(table: string): Promise<string | null>;

  /** Stores a whole session in one transaction (all of it or nothing). */
  storeSession(s: NewSession): Promise<void>;
  /** The library's page of rows, newest first, and how many match in all. */
  library(filter: LibraryFilter): Promise<{ rows: LibraryRow[]; total: number }>;
  /** One table's library row (whatever its status), or null. */
  libraryRow(table: string): Promise<LibraryRow | null>;
  importOf(table: string): Promise<ImportRow | null>;
  /** The table imported from a file with exactly this canonical content, if any. */
  importByDigest(digest: string): Promise<string | null>;
  /** A table already imported from a file naming this source (seminar/table on the server that exported it). */
  importBySource(source: string): Promise<{ table: string; finalHash: string; digest: string | null } | null>;
  /** Records the digest of an import made before digests were kept (once: a later call changes nothing). */
  claimDigest(table: string, digest: string): Promise<void>;

  /**
   * Table leases: exactly one process owns an unfinished table's room. `claim` takes the lease when it is free, lapsed
   * or already this owner's, for `ttlMs`; true when `owner` holds it afterwards.
   */
  claimTable(table: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends every lease `owner` holds; returns the tables it still holds. */
  renewLeases(owner: string, ttlMs: number): Promise<string[]>;
  releaseTable(table: string, owner: string): Promise<void>;
  /** Unfinished tables whose lease is missing or lapsed, with the owner that let it lapse (null: never leased). */
  orphanedTables(): Promise<{ table: string; owner: string | null }[]>;

  /** Waits (a few seconds at most) for the commits on their way, then closes. */
  close(): Promise<void>;
}

/**
 * Options every store takes. `fence`: in a cluster, each group commit also extends the lease of every table it
 * writes to, and fails (nothing written) when `owner` no longer holds one of them — a process that lost a table to
 * another never writes to its log again.
 */
export interface StorageOptions {
  fence?: { owner: string; ttlMs: number };
}
