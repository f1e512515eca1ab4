/**
 * Importing a session file as a finished, read-only table. Runs in the import thread (server/importWorker.ts): the
 * caps come first, then parsing, the signature, the one-answer-per-file checks, the replay, and one transaction.
 */
import { customAlphabet, nanoid } from "nanoid";
import { gunzipSync } from "node:zlib";
import type { Action } from "../shared/actions";
import { CODE_ALPHABET, CODE_LENGTH } from "../shared/protocol";
import type { Imported, SessionOrigin } from "../shared/replayProtocol";
import type { Scenario } from "../shared/scenario";
import { parseSessionFile, type SessionFile, sessionHeaderOf } from "../shared/sessionFile";
import { verifySession } from "../shared/verifySession";
import { originOf } from "./replayLibrary";
import { type Failure, sessionFileOf } from "./replaySessions";
import { scenarioText } from "./scenarioSnapshots";
import { checkSignature, contentDigest } from "./signing";
import type { SeminarRow, Storage, TableRow } from "./storage/types";
import { TableAuthority } from "./tableAuthority";

/**
 * Caps, checked before any heavy work. Measured on engine-played 90-minute Yerevan classes (tests/classSession.ts):
 * a busy class of 30 at 1 message a minute each is 385 KB, 2,070 actions, 1,871 lines, 30 names; a very chatty one
 * at 3 a minute 1.06 MB, 5,850 actions, 5,635 lines. Lines are capped hardest because the engine's message list makes
 * a replay's cost grow faster than linearly with them: 10,000 replay in 0.3 s, 12,000 in 1.3 s, 20,000 in 23 s.
 */
export const IMPORT_LIMITS = {
  /** Bytes of the request body (and of the JSON once gunzipped). */
  bytes: 4 * 1024 * 1024,
  actions: 12_000,
  /** `say` actions: public statements, private lines and caucus lines. */
  lines: 10_000,
  /** Seats in the roster (and seat.join actions in the log); a table holds at most 80 clients at once. */
  names: 200,
} as const;

export type ImportOutcome = { ok: true; imported: Imported } | Failure;
const failure = (status: number, code: string, detail?: string): Failure => ({ ok: false, status, code, detail });

const newCode = customAlphabet(CODE_ALPHABET, CODE_LENGTH);
const newId = customAlphabet("abcdefghijkmnpqrstuvwxyz23456789", 12);

/** The body as JSON text: gunzipped (never past the byte cap) when it starts with the gzip magic bytes. */
function textOf(bytes: Uint8Array): string | Failure {
  if (bytes.length > IMPORT_LIMITS.bytes) return failure(413, "FILE_TOO_LARGE", `a session file may be at most ${IMPORT_LIMITS.bytes} bytes`);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
  try {
    return gunzipSync(bytes, { maxOutputLength: IMPORT_LIMITS.bytes }).toString("utf8");
  } catch (e) {
    const big = (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
    return big ? failure(413, "FILE_TOO_LARGE", `unpacked, a session file may be at most ${IMPORT_LIMITS.bytes} bytes`) : failure(400, "BAD_JSON", "not valid gzip");
  }
}

/** Counts what the caps limit, on the raw JSON, before the schema or the engine look at it. */
export function checkCaps(json: unknown): Failure | null {
  const j = json as { actions?: unknown; header?: { roster?: unknown } } | null;
  const actions = Array.isArray(j?.actions) ? (j.actions as unknown[]) : [];
  if (actions.length > IMPORT_LIMITS.actions) return failure(413, "TOO_MANY_ACTIONS", `${actions.length} actions; a session file may hold at most ${IMPORT_LIMITS.actions}`);
  let lines = 0, joins = 0;
  for (const a of actions) {
    const type = (a as { type?: unknown } | null)?.type;
    if (type === "say") lines++;
    else if (type === "seat.join") joins++;
  }
  if (lines > IMPORT_LIMITS.lines) return failure(413, "TOO_MANY_LINES", `${lines} lines of talk; a session file may hold at most ${IMPORT_LIMITS.lines}`);
  const roster = Array.isArray(j?.header?.roster) ? j.header.roster.length : 0;
  if (Math.max(roster, joins) > IMPORT_LIMITS.names) return failure(413, "TOO_MANY_NAMES", `${Math.max(roster, joins)} seats; a session file may name at most ${IMPORT_LIMITS.names}`);
  return null;
}

const existing = async (store: Storage, table: string): Promise<ImportOutcome> =>
  ({ ok: true, imported: { table, seminar: (await store.table(table))!.seminar, link: `/replay/${table}`, existing: true, origin: await originOf(store, table) } });

/**
 * One answer for one file: the copy already here when the content is the same; a refusal when the file names a
 * session already here (imported from the same source, or recorded here) but says something else about it. An import
 * made before content digests were kept is matched, after the replay, by its source and final hash ("legacy").
 */
async function sameSession(store: Storage, file: SessionFile, digest: string, signedHere: boolean): Promise<ImportOutcome | "legacy" | null> {
  const same = await store.importByDigest(digest);
  if (same) return existing(store, same);
  const src = file.header.source;
  if (!src) return null;
  const other = await store.importBySource(`${src.seminar}/${src.table}`);
  if (other && other.digest === null && other.finalHash === file.final.hash) return "legacy";
  if (other) return failure(409, "DIFFERENT_COPY", `a different copy of this session (${src.seminar}/${src.table}) is already here as /replay/${other.table}: this file has been changed`);
  const local = await store.table(src.table);
  if (!local || local.seminar !== src.seminar || (await originOf(store, local.id)) !== "recorded") return null;
  // A session recorded here: a file signed by this server is its export; any other must have its very content.
  if (signedHere) return existing(store, local.id);
  const ours = await sessionFileOf(store, local.id);
  if (ours.ok && contentDigest(ours.file) === digest) return existing(store, local.id);
  return failure(409, "DIFFERENT_COPY", `this session was recorded here (/replay/${local.id}) and this file differs from it: it has been changed`);
}

/**
 * Imports a session file (the request body's bytes) as a finished, read-only table, after replaying it to its
 * recorded hash. `lookup` finds the scenarios installed on this server.
 */
export async function importSessionBytes(store: Storage, bytes: Uint8Array, secret: Buffer | null, lookup: (id: string) => Scenario | undefined): Promise<ImportOutcome> {
  const text = textOf(bytes);
  if (typeof text !== "string") return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return failure(400, "BAD_JSON", (e as Error).message.slice(0, 200));
  }
  const capped = checkCaps(json);
  if (capped) return capped;
  const parsed = parseSessionFile(json);
  if (!parsed.ok) return failure(400, parsed.code, parsed.error);
  const file = parsed.file;
  if (file.final.status !== "ended") return failure(409, "NOT_ENDED", "only a finished session can be imported");
  const signed = checkSignature(file, secret);
  if (signed === "altered") return failure(422, "BAD_SIGNATURE", "the file carries this server's signature, but its content has changed since it was signed");
  const digest = contentDigest(file);
  const same = await sameSession(store, file, digest, signed === "ours");
  if (same && same !== "legacy") return same;
  const v = verifySession(file, lookup);
  if (!v.ok) return failure(422, v.code, v.error);
  if (same === "legacy") {
    const old = (await store.importBySource(`${file.header.source!.seminar}/${file.header.source!.table}`))!;
    await store.claimDigest(old.table, digest);
    return existing(store, old.table);
  }

  const origin: SessionOrigin = signed === "ours" ? "recorded" : signed === "other" ? "signed-elsewhere" : "unsigned";
  const seminar: SeminarRow = {
    id: newId(), code: newCode(), hostKey: nanoid(24), scenario: v.scenario.id, title: (file.header.title || v.scenario.title).slice(0, 80),
    timing: file.header.timing, bots: false, ruleOverrides: file.header.ruleOverrides, createdAt: Date.now(),
  };
  const table: TableRow = {
    id: newId(), seminar: seminar.id, index: 0, header: sessionHeaderOf(file), status: "ended", summary: null,
    createdAt: Date.parse(file.header.createdAt), endedAt: null, parent: file.header.fork?.parent ?? null, forkSeq: file.header.fork?.seq ?? null,
  };
  const src = file.header.source;
  try {
    await store.storeSession({
      seminar, table, actions: file.actions as Action[], scenario: scenarioText(v.scenario),
      imported: { finalHash: file.final.hash, source: src ? `${src.seminar}/${src.table}` : null, digest, origin, signer: file.signature?.key ?? null },
    });
  } catch (e) {
    // The same file imported twice at once: the unique digest lets one in; the other answers with it.
    const won = await store.importByDigest(digest);
    if (won) return existing(store, won);
    throw e;
  }
  // The dashboard line with the final hash (a table loaded without one gets it then, should this write not happen).
  await store.setSummary(table.id, (await TableAuthority.load(store, table.id)).summary(true));
  return { ok: true, imported: { table: table.id, seminar: seminar.id, link: `/replay/${table.id}`, existing: false, origin } };
}
