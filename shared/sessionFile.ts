/**
 * The session file: one versioned JSON document holding everything needed to replay a summit exactly —
 * a header (format, engine and scenario versions, seed, timing, rule overrides, roster, creation time),
 * the scenario itself when it travels with the file, the ordered actions, and the final hash.
 */
import { z } from "zod";
import type { Action } from "./actions";
import { canonicalJson, hash } from "./hash";
import { replay, type SessionHeader } from "./replay";
import { scenarioHash, VOTING_RULES, type Scenario } from "./scenario";
import type { State } from "./state";
import { TIMING_PRESETS } from "./timing";

export const SESSION_FORMAT = "csto-summit-session";
/** Bump when the file's shape changes; a reader refuses files newer than it knows. */
export const SESSION_FORMAT_VERSION = 1;

const rosterEntry = z.object({
  seat: z.string().min(1).max(40),
  name: z.string().max(80),
  /** The delegation the seat sat for last (null if it never sat anywhere). */
  delegation: z.string().max(3).nullable(),
  bot: z.boolean(),
  /** True when the seat had left before the session's last action. */
  left: z.boolean(),
}).strict();

/**
 * A server's signature over the file's canonical content (everything but this field): an HMAC-SHA256 under a secret
 * only that server holds. `key` names the secret (a digest of it, not the secret): a reader that holds the same secret
 * can check the MAC; any other reader learns only which server the file claims to come from.
 */
const signature = z.object({
  alg: z.literal("HMAC-SHA256"),
  key: z.string().regex(/^[0-9a-f]{16}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();

const phaseHash = z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{16}$/) }).strict();

export const sessionFileSchema = z.object({
  format: z.literal(SESSION_FORMAT),
  formatVersion: z.number().int().min(1),
  header: z.object({
    engineVersion: z.number().int().min(1),
    scenario: z.object({ id: z.string().min(1).max(40), version: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{16}$/) }).strict(),
    seed: z.number().int(),
    timing: z.enum(TIMING_PRESETS),
    ruleOverrides: z.record(z.string().max(40), z.enum(VOTING_RULES)).default({}),
    roster: z.array(rosterEntry).max(1000),
    createdAt: z.iso.datetime(),
    title: z.string().max(120).default(""),
    /** Where the session was recorded (ids on the server that exported it). */
    source: z.object({ table: z.string().max(40), seminar: z.string().max(40), index: z.number().int().min(0) }).strict().nullable().default(null),
    /** A fork's parent table and the action it forked after; its log starts with the parent's first `seq` actions. */
    fork: z.object({ parent: z.string().max(40), seq: z.number().int().min(0) }).strict().nullable().default(null),
  }).strict(),
  /** The exact scenario the session was played with; when absent, a reader must have the same one (same hash). */
  scenario: z.unknown().optional(),
  /** Each action is checked in full by the engine during the replay. */
  actions: z.array(z.looseObject({ type: z.string().min(1).max(40) })).max(200_000),
  final: z.object({
    seq: z.number().int().min(0),
    status: z.enum(["lobby", "running", "paused", "ended"]),
    hash: z.string().regex(/^[0-9a-f]{16}$/),
    /** Hashes at phase boundaries: a replay that drifts shows where it began. */
    phaseHashes: z.array(phaseHash).max(1000),
  }).strict(),
  /** Added by the server that exported the file, when the session was recorded there. Absent: unsigned. */
  signature: signature.optional(),
}).strict();

export type SessionFile = z.output<typeof sessionFileSchema>;
export type SessionFileHeader = SessionFile["header"];
export type Roster = SessionFileHeader["roster"];
export type SessionSignature = NonNullable<SessionFile["signature"]>;

export type ParsedSession = { ok: true; file: SessionFile } | { ok: false; code: "NOT_A_SESSION" | "FORMAT_TOO_NEW" | "BAD_FILE"; error: string };

/** Checks a parsed JSON value against the format; names the first bad field. Actions are checked later, by the engine. */
export function parseSessionFile(json: unknown): ParsedSession {
  const head = json as { format?: unknown; formatVersion?: unknown } | null;
  if (!head || typeof head !== "object" || head.format !== SESSION_FORMAT) {
    return { ok: false, code: "NOT_A_SESSION", error: `not a session file (expected "format": "${SESSION_FORMAT}")` };
  }
  if (typeof head.formatVersion === "number" && head.formatVersion > SESSION_FORMAT_VERSION) {
    return { ok: false, code: "FORMAT_TOO_NEW", error: `written in session format ${head.formatVersion}; this version of the game reads up to format ${SESSION_FORMAT_VERSION}` };
  }
  const parsed = sessionFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map(String).join(".") : "";
    return { ok: false, code: "BAD_FILE", error: `${path || "(root)"}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, file: parsed.data };
}

/** The engine-facing header of a file. */
export function sessionHeaderOf(file: SessionFile): SessionHeader {
  const h = file.header;
  return { scenarioId: h.scenario.id, scenarioVersion: h.scenario.version, engineVersion: h.engineVersion, seed: h.seed, timing: h.timing, ruleOverrides: h.ruleOverrides };
}

/** Everyone who sat at the table, from the log: name, last delegation, bot or not, and whether they left. */
export function rosterOf(actions: readonly Action[]): Roster {
  const seats = new Map<string, Roster[number]>();
  for (const a of actions) {
    if (a.type === "seat.join") seats.set(a.seat, { seat: a.seat, name: a.name, delegation: null, bot: a.bot ?? false, left: false });
    else if (a.type === "seat.pick") { const s = seats.get(a.by); if (s) s.delegation = a.delegation; }
    else if (a.type === "seat.assign") { const s = seats.get(a.seat); if (s && a.delegation) s.delegation = a.delegation; }
    else if (a.type === "seat.leave") { const s = seats.get(a.seat); if (s) s.left = true; }
  }
  return [...seats.values()];
}

export interface ExportInput {
  scenario: Scenario;
  header: SessionHeader;
  actions: readonly Action[];
  createdAt: number;
  title?: string;
  source?: SessionFileHeader["source"];
  fork?: SessionFileHeader["fork"];
  /** Leave the scenario out of the file (the reader must then have the very same one). */
  withoutScenario?: boolean;
}

export type Exported = { ok: true; file: SessionFile; state: State } | { ok: false; error: string };

/** Builds a session file, replaying the log to record its final state hash and the hashes at phase boundaries. */
export function exportSession(input: ExportInput): Exported {
  const r = replay(input.scenario, input.header, input.actions, undefined, { phaseHashes: true });
  if (!r.ok) return { ok: false, error: r.error };
  const file: SessionFile = {
    format: SESSION_FORMAT,
    formatVersion: SESSION_FORMAT_VERSION,
    header: {
      engineVersion: input.header.engineVersion,
      scenario: { id: input.scenario.id, version: input.scenario.version, hash: scenarioHash(input.scenario) },
      seed: input.header.seed,
      timing: input.header.timing,
      ruleOverrides: input.header.ruleOverrides ?? {},
      roster: rosterOf(input.actions),
      createdAt: new Date(input.createdAt).toISOString(),
      title: (input.title ?? input.scenario.title).slice(0, 120),
      source: input.source ?? null,
      fork: input.fork ?? null,
    },
    ...(input.withoutScenario ? {} : { scenario: input.scenario }),
    actions: [...input.actions] as SessionFile["actions"],
    final: { seq: r.state.seq, status: r.state.status, hash: r.hash, phaseHashes: r.phaseHashes },
  };
  return { ok: true, file, state: r.state };
}

/**
 * The text a signature covers and a copy is compared by: the parsed file (defaults filled in) without its signature,
 * with sorted keys. Two files with the same canonical content are the same session, however they were formatted.
 */
export function canonicalSessionContent(file: SessionFile): string {
  return canonicalJson({ ...file, signature: undefined });
}

/** Writes a file as JSON with one action per line: readable, diffable, and it compresses as well as minified JSON. */
export function stringifySession(file: SessionFile): string {
  const parts = Object.entries(file)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === "actions"
      ? `"actions": [\n${file.actions.map((a) => JSON.stringify(a)).join(",\n")}\n]`
      : `${JSON.stringify(k)}: ${JSON.stringify(v)}`));
  return `{\n${parts.join(",\n")}\n}\n`;
}
