/** The replay routes' payloads (/api/replays…), shared by the server and the client. */
import { z } from "zod";
import type { Marker } from "./replayCursor";
import type { GameEvent, PublicScenario } from "./state";
import type { View } from "./viewFor";

/**
 * "recorded": played on this server (or imported with this server's own signature); "signed-elsewhere": imported with
 * another server's signature, which this server cannot check; "unsigned": imported without a signature. An imported
 * file only ever proves that its log replays to its hashes, not that a class played it.
 */
export type SessionOrigin = "recorded" | "signed-elsewhere" | "unsigned";

/** One session in the replay library. Never a join code, host key or seat token. */
export interface ReplayListing {
  table: string;
  seminar: string;
  seminarTitle: string;
  /** Position of the table in its seminar, and how many tables the seminar has. */
  index: number;
  tables: number;
  scenario: { id: string; version: number; title: string };
  status: "running" | "paused" | "ended";
  /** When the table was created, the summit started, and its latest action (ms since 1970). */
  createdAt: number;
  startedAt: number | null;
  lastAt: number | null;
  /** Minutes from the start to the latest action. */
  minutes: number;
  actions: number;
  round: number;
  phase: string | null;
  /** Items decided so far (all of them once ended). */
  outcomes: Record<string, string>;
  winners: string[];
  imported: boolean;
  /** Where the session comes from: see SessionOrigin. */
  origin: SessionOrigin;
  parent: string | null;
  forkSeq: number | null;
  /** Where the viewer opens it. */
  link: string;
}

/** GET /api/replays query: every filter optional. */
export const replayQuerySchema = z.object({
  scenario: z.string().max(40).optional(),
  status: z.enum(["ended", "live", "all"]).default("all"),
  seminar: z.string().max(40).optional(),
  q: z.string().max(80).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
}).strict();
export type ReplayQuery = z.input<typeof replayQuerySchema>;

export interface ReplayLibrary { replays: ReplayListing[]; total: number }

export const LIVE_FORMAT = "csto-summit-live";

/**
 * GET /api/replays/:table of a session that has not ended: what anyone may see of it — no actions (they hold
 * private talk and secrets), only the public timeline; each moment's public view comes from /view?seq=N.
 */
export interface LiveReplay {
  format: typeof LIVE_FORMAT;
  listing: ReplayListing;
  scenario: PublicScenario;
  length: number;
  markers: Marker[];
}

/** GET /api/replays/:table/view?seq=N: the public view at moment N and the public events of action N. */
export interface PublicMoment { seq: number; at: number; view: Omit<View, "scenario">; events: GameEvent[] }

/** POST /api/replays/:table/fork body. */
export const forkSchema = z.object({
  seq: z.number().int().min(0),
  /** Whether bots take the seats nobody takes in the new summit (default: yes). */
  bots: z.boolean().default(true),
}).strict();
export type ForkRequest = z.input<typeof forkSchema>;

/** A fork: a new seminar with one table, paused at the moment forked from. */
export interface ForkCreated { seminar: string; code: string; hostKey: string; tables: string[]; parent: string; seq: number }

/** POST /api/replays/import answer. */
export interface Imported { table: string; seminar: string; link: string; existing: boolean; origin: SessionOrigin }
