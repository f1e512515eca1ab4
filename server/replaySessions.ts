/**
 * Sessions as replays: the session file of a finished table, the public timeline and views of a running one, and
 * forking a finished one into a new live summit. Importing a file is server/importSession.ts.
 */
import { customAlphabet, nanoid } from "nanoid";
import { gzipSync } from "node:zlib";
import { forkSession } from "../shared/forkSession";
import { CODE_ALPHABET, CODE_LENGTH } from "../shared/protocol";
import { openCursor, type ReplayCursor } from "../shared/replayCursor";
import { type ForkCreated, forkSchema, LIVE_FORMAT, type LiveReplay, type PublicMoment } from "../shared/replayProtocol";
import { getScenario } from "../shared/scenarios";
import { exportSession, type SessionFile, stringifySession } from "../shared/sessionFile";
import { canSee, viewFor } from "../shared/viewFor";
import { listingOf, originOf } from "./replayLibrary";
import { signSession } from "./signing";
import { scenarioText, tableScenario, tableTranslations } from "./scenarioSnapshots";
import { publicTranslations, viewerTranslations } from "../shared/scenarioTexts";
import type { SeminarRow, Storage, TableRow } from "./storage/types";
import { TableAuthority } from "./tableAuthority";

export type Failure = { ok: false; status: number; code: string; detail?: string };
const failure = (status: number, code: string, detail?: string): Failure => ({ ok: false, status, code, detail });

const newCode = customAlphabet(CODE_ALPHABET, CODE_LENGTH);
const newId = customAlphabet("abcdefghijkmnpqrstuvwxyz23456789", 12);

/** Small LRU caches: finished files never change; live cursors grow with their tables. */
class Lru<V> {
  private map = new Map<string, V>();
  constructor(private max: number) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) { this.map.delete(k); this.map.set(k, v); }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}
interface Caches { files: Lru<{ file: SessionFile; text: string; gzip: Buffer }>; cursors: Lru<ReplayCursor> }
/** One set of caches per store, so that two servers in one process never answer from each other's. */
const cachesByStore = new WeakMap<Storage, Caches>();
function cachesOf(store: Storage): Caches {
  let c = cachesByStore.get(store);
  if (!c) {
    c = { files: new Lru(24), cursors: new Lru(16) };
    cachesByStore.set(store, c);
  }
  return c;
}

async function tableOrFail(store: Storage, table: string): Promise<TableRow | Failure> {
  return (await store.table(table)) ?? failure(404, "NO_SUCH_TABLE");
}

/**
 * The session file of a finished table (with its scenario: everything is revealed once a summit ends), signed with
 * `secret` when the session was recorded here — never an imported one's, which this server did not see played.
 */
export async function sessionFileOf(store: Storage, table: string, secret?: Buffer | null): Promise<{ ok: true; file: SessionFile; text: string; gzip: Buffer } | Failure> {
  const row = await tableOrFail(store, table);
  if ("ok" in row) return row;
  if (row.status !== "ended") return failure(409, "SESSION_RUNNING", "the session has not ended: its log holds private talk and secret priorities until the reveal");
  const { files } = cachesOf(store);
  const hit = files.get(table);
  if (hit) return { ok: true, ...hit };
  const actions = await store.actions(table);
  const found = await tableScenario(store, row, actions);
  if (!found.ok) return failure(409, "SCENARIO_UNAVAILABLE", found.error);
  const seminar = await store.seminar(row.seminar);
  const many = (await store.tablesOf(row.seminar)).length > 1;
  // A snapshot from before translations existed gets the installed ones: they change no rule and no hash.
  const translations = found.scenario.translations ?? tableTranslations(row.header.scenarioId, row.header.scenarioVersion);
  const e = exportSession({
    scenario: translations ? { ...found.scenario, translations } : found.scenario, header: row.header, actions, createdAt: row.createdAt,
    title: `${seminar?.title ?? found.scenario.title}${many ? ` · table ${row.index + 1}` : ""}`,
    source: { table: row.id, seminar: row.seminar, index: row.index },
    fork: row.parent ? { parent: row.parent, seq: row.forkSeq ?? 0 } : null,
  });
  if (!e.ok) return failure(500, "INTERNAL", `table ${table} does not replay: ${e.error}`);
  const file = secret && (await originOf(store, table)) === "recorded" ? signSession(e.file, secret) : e.file;
  const text = stringifySession(file);
  const entry = { file, text, gzip: gzipSync(text) };
  files.set(table, entry);
  return { ok: true, ...entry };
}

/** A cursor over a table's log, brought up to date with the actions written since it was built. */
async function cursorOf(store: Storage, row: TableRow): Promise<ReplayCursor | Failure> {
  const { cursors } = cachesOf(store);
  const cursor = cursors.get(row.id);
  if (!cursor) {
    const actions = await store.actions(row.id);
    const found = await tableScenario(store, row, actions);
    if (!found.ok) return failure(409, "SCENARIO_UNAVAILABLE", found.error);
    const r = openCursor(found.scenario, row.header, actions);
    if (!r.ok) return failure(500, "INTERNAL", r.error);
    cursors.set(row.id, r.cursor);
    return r.cursor;
  }
  const from = cursor.length;
  const more = await store.actions(row.id, from);
  // Another request may have extended the cursor while this one read: only what it still lacks is added.
  const r = cursor.extend(more.slice(cursor.length - from));
  return r.ok ? cursor : failure(500, "INTERNAL", r.error);
}

/** What anyone may see of a session that has not ended: its public timeline, no actions. */
export async function liveReplayOf(store: Storage, table: string): Promise<{ ok: true; live: LiveReplay } | Failure> {
  const row = await tableOrFail(store, table);
  if ("ok" in row) return row;
  const cursor = await cursorOf(store, row);
  if ("ok" in cursor) return cursor;
  const listing = (await listingOf(store, table))!;
  const translations = publicTranslations(tableTranslations(row.header.scenarioId, row.header.scenarioVersion));
  const scenario = { ...viewFor(cursor.final, { kind: "spectator" }).scenario, translations };
  return { ok: true, live: { format: LIVE_FORMAT, listing, scenario, length: cursor.length, markers: cursor.markers } };
}

/** The public view at moment `seq` (a spectator's, which is also what a review sees before the end). */
export async function publicMoment(store: Storage, table: string, seq: number): Promise<{ ok: true; moment: PublicMoment } | Failure> {
  const row = await tableOrFail(store, table);
  if ("ok" in row) return row;
  const cursor = await cursorOf(store, row);
  if ("ok" in cursor) return cursor;
  if (!Number.isInteger(seq) || seq < 0 || seq > cursor.length) return failure(400, "BAD_SEQ", `moments run from 0 to ${cursor.length}`);
  const { state, events } = cursor.stepTo(seq);
  const viewer = { kind: "spectator" } as const;
  const { scenario: _s, ...view } = viewFor(state, viewer);
  // The fired events in other languages (what a spectator may read of them).
  const texts = viewerTranslations(tableTranslations(row.header.scenarioId, row.header.scenarioVersion), state, viewer);
  return { ok: true, moment: { seq, at: state.now, view: texts ? { ...view, texts } : view, events: events.filter((e) => canSee(state, viewer, e)) } };
}

/**
 * Forks a finished table at moment `seq` into a new seminar (fresh code and host key) with one table, paused, stored
 * (the caller brings its room up). A running table cannot be forked: the fork's log would reveal its private talk
 * once the fork ended.
 */
export async function forkTable(store: Storage, table: string, body: unknown): Promise<{ ok: true; fork: ForkCreated } | Failure> {
  const row = await tableOrFail(store, table);
  if ("ok" in row) return row;
  const parsed = forkSchema.safeParse(body);
  if (!parsed.success) return failure(400, "BAD_MESSAGE", parsed.error.issues[0]?.path.join("."));
  if (row.status !== "ended") return failure(409, "SESSION_RUNNING", "a session can be forked once it has ended");
  const actions = await store.actions(table);
  const found = await tableScenario(store, row, actions);
  if (!found.ok) return failure(409, "SCENARIO_UNAVAILABLE", found.error);
  if (!getScenario(found.scenario.id)) return failure(409, "SCENARIO_NOT_INSTALLED", `scenario "${found.scenario.id}" is not installed on this server, so nobody could take a seat in the fork`);
  const f = forkSession(found.scenario, row.header, actions, parsed.data.seq, { bots: parsed.data.bots });
  if (!f.ok) return failure(f.code === "ENDED" ? 409 : 400, f.code === "ENDED" ? "FORK_AFTER_END" : f.code, f.error);
  const parentTitle = (await store.seminar(row.seminar))?.title ?? found.scenario.title;
  const seminar: SeminarRow = {
    id: newId(), code: newCode(), hostKey: nanoid(24), scenario: found.scenario.id, title: `What if: ${parentTitle}`.slice(0, 80),
    timing: row.header.timing, bots: parsed.data.bots, ruleOverrides: row.header.ruleOverrides ?? {}, createdAt: Date.now(),
  };
  const fork: TableRow = {
    id: newId(), seminar: seminar.id, index: 0, header: row.header, status: f.state.status, summary: null,
    createdAt: Date.now(), endedAt: null, parent: row.id, forkSeq: parsed.data.seq,
  };
  await store.storeSession({ seminar, table: fork, actions: f.actions, scenario: scenarioText(found.scenario) });
  await store.setSummary(fork.id, (await TableAuthority.load(store, fork.id)).summary(true));
  return { ok: true, fork: { seminar: seminar.id, code: seminar.code, hostKey: seminar.hostKey, tables: [fork.id], parent: row.id, seq: parsed.data.seq } };
}
