/** The wire protocol between clients and the server: message names, payloads and join options. */
import { z } from "zod";
import type { PublicScenario, TimingPreset } from "./state";
import type { Viewer } from "./viewFor";
import type { FullView, HistoryPage, Patch, Presence, You } from "./liveSync";
import type { VotingRule } from "./scenario";
import type { Translations } from "./scenarioTexts";
import { BOT_MIXES, type BotMix } from "./botSeats";
import { TIMING_PRESETS, type ScenarioTimings } from "./timing";
export { ErrorCode, errorText } from "./errors";
import type { ErrorCode } from "./errors";

/** The Colyseus room type of one summit table. */
export const SUMMIT_ROOM = "summit";
/** Unambiguous alphabet for join codes: no 0/O, 1/I/L. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 7;

const code = z.string().regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** Options a client passes when joining a summit room: exactly one way in. */
export const joinOptionsSchema = z.union([
  z.object({ token }).strict(),
  z.object({ hostKey: token }).strict(),
  z.object({ code, name: z.string().trim().min(1).max(40), delegation: z.string().regex(/^[A-Z]{2,3}$/).optional() }).strict(),
  z.object({ code, spectate: z.literal(true) }).strict(),
]);
export type JoinOptions = z.output<typeof joinOptionsSchema>;

/** Client → server messages. The action inside "act" is checked in full by the engine. */
export const clientMessages = {
  act: z.object({
    ref: z.number().int().min(0).max(2 ** 31).optional(),
    action: z.looseObject({ type: z.string().min(1).max(40) }),
  }).strict(),
  /** Asks for a fresh full view (a client that missed a patch). */
  resync: z.object({}).strict().optional(),
  /** Asks for the page of messages before the message with seq `before`. */
  history: z.object({ ref: z.number().int().min(0).max(2 ** 31).optional(), before: z.number().int().min(0).max(2 ** 31) }).strict(),
} as const;
export type ClientMessages = { [K in keyof typeof clientMessages]: z.output<(typeof clientMessages)[K]> };

export type { Presence, You };

/** Server → client messages. */
export interface ServerMessages {
  /** Sent once after joining; `token` only when a new seat was created (keep it to come back). */
  welcome: {
    table: string; seminar: string; code: string | null; you: You; token?: string; scenario: PublicScenario;
    /** The students' join link (PUBLIC_URL-based), for the host and the projector's lobby wall. */
    joinUrl?: string;
  };
  /** The whole view, its latest messages only: after joining, after a reconnection, at the reveal, on "resync". */
  view: FullView;
  /** What changed for this client (sent after every accepted action, and when presence changes). */
  patch: Patch;
  /** An older page of messages, the answer to "history". */
  history: HistoryPage;
  /** A refused message or action. */
  error: { code: ErrorCode; text: string; ref?: number };
  /** An accepted action: it is in the durable log at `seq`. */
  ack: { ref?: number; seq: number };
}

/** Body of POST /api/seminars. */
export const createSeminarSchema = z.object({
  scenario: z.string().min(1).max(40),
  tables: z.number().int().min(1).max(8).default(1),
  timing: z.enum(TIMING_PRESETS).default("90"),
  ruleOverrides: z.record(z.string().max(40), z.enum(["consensus", "unanimity", "majority", "qualified"])).default({}),
  bots: z.boolean().default(true),
  /** How the bots play: all plain, all strong, or mixed (each seat by a seeded coin toss: the mix the balance is tuned for). */
  botStrength: z.enum(BOT_MIXES).default("mixed"),
  title: z.string().trim().max(80).optional(),
}).strict();
export type CreateSeminar = z.input<typeof createSeminarSchema>;

export interface SeminarCreated { seminar: string; code: string; hostKey: string; tables: string[] }

/** One table as the host dashboard and the replay library show it. */
export interface TableSummary {
  table: string;
  index: number;
  status: string;
  round: number;
  phase: string | null;
  endsAt: number | null;
  remaining: number | null;
  seq: number;
  outcomes: Record<string, string>;
  teams: Record<string, number>;
  winners: string[];
  /** Hash of the table's full state when the summary was written. */
  hash: string;
}

export interface SeminarInfo {
  seminar: string; code: string; scenario: string; title: string; timing: TimingPreset; bots: boolean; botStrength: BotMix; ruleOverrides: Record<string, VotingRule>; tables: TableSummary[];
  /** The link students open to join (PUBLIC_URL's origin when set, else the address this request came to). */
  joinUrl: string;
  /** True when that link points at this machine only (127.x, localhost, ::1): the host console warns, phones cannot open it. */
  publicUrlIsLoopback: boolean;
}

/** Body of POST /api/join: where a student with this name should sit. */
export const placementSchema = z.object({
  code,
  delegation: z.string().regex(/^[A-Z]{2,3}$/).optional(),
  /** The table number (1 = the first), so that a team can sit together; any table when left out. */
  table: z.number().int().min(1).max(8).optional(),
}).strict();
export interface Placement { table: string; delegation: string }

/** Body of POST /api/host/:key/control: a host action for some or all tables. */
export const hostControlSchema = z.object({
  action: z.looseObject({ type: z.string().regex(/^host\./) }),
  tables: z.array(z.string().max(40)).max(8).optional(),
}).strict();

export type { Viewer };

/** GET /api/scenarios: what the create form may show of each built-in scenario. */
export interface ScenarioListing {
  id: string; version: number; title: string; summary: string; rounds: number;
  /** Seconds per phase as the scenario lists them; other presets are derived with `presetSeconds`. */
  timings: ScenarioTimings;
  delegations: { id: string; name: string }[];
  items: { id: string; title: string; rule: VotingRule }[];
  /** The public texts in other languages (shared/scenarioTexts.ts). */
  translations?: Translations;
}

/** A seat as the host's dashboard lists it: the name as the seat took it, who is there, and whether it signs. */
export interface HostSeat { seat: string; name: string; delegation: string | null; bot: boolean; presence: Presence; signatory: boolean }

/** A table as its live room sees it now (the stored summary can lag behind a clock the host extended). */
export interface HostTableLive {
  status: string; round: number; rounds: number; phase: string | null;
  clock: { endsAt: number | null; remaining: number | null };
  seats: HostSeat[];
  delegations: { id: string; name: string }[];
  items: { id: string; title: string; options: { id: string; title: string }[] }[];
  outcomes: Record<string, string>;
}

/** GET /api/host/:key: the seminar, with each table's live state when this server holds its room, and the server's clock. */
export interface HostDashboard extends SeminarInfo {
  hostKey: string;
  /** The server's clock (ms since the epoch) when it answered, so that the page runs every table's clock on the server's one clock. */
  serverNow: number;
  /** Addresses refused this seminar's code only because a guesser had locked them ("let them in": POST …/admit). */
  waiting: number;
  tables: (TableSummary & { live?: HostTableLive })[];
}
