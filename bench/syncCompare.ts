/**
 * Live sync: whole views vs patches vs schema StateView. Replays a recorded busy class session action by action
 * and keeps the clients of a real table in step three ways (bench/syncEncoders.ts): the old whole views, ViewSync's
 * patches, and @colyseus/schema state sync with a StateView per kind of viewer. Counts the bytes each client is sent
 * as the wire carries them, times the server's encoding work, and checks on the client side that every client
 * holds exactly what `viewFor` lets it see (bench/syncCheck.ts). The Markdown is written by bench/syncReport.ts.
 */
import { pack } from "msgpackr";
import { deflateRawSync } from "node:zlib";
import { getScenario } from "../shared/scenarios";
import { canRead } from "../shared/viewFor";
import { median } from "./measure";
import { PatchesCheck, SchemaCheck } from "./syncCheck";
import { DEFLATE } from "../server/config";
import { Patches, SchemaState, type SyncEncoder, WholeViews } from "./syncEncoders";
import { type Measured, report, ROLES, type SyncRow } from "./syncReport";
import { type ClientSide, runEncoder, type RunResult } from "./syncRun";
import { recordTable, type RecordedTable, type Role, type TableClient } from "./syncTable";
import { deflatedSize } from "./wsDeflate";

export const SESSION = { name: "class of 30, 1 msg/min each (busy)", options: { seed: 4, timing: "90", perDelegation: 5, chatPerMinute: 1 } } as const;
/** Timed runs per encoder, interleaved so the machine's drift falls on all three; the first also checks every client. */
export const RUNS = 3;
/** Whole views cost over 10 ms an action to build and pack: they are measured on every 10th action. */
export const WHOLE_EVERY = 10;
export const CHECK_EVERY = 100;

const kib = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/** Mean KiB per client of each role. */
export function byRole(t: RecordedTable, perClient: Map<TableClient, number>): Record<Role, number> {
  const out = {} as Record<Role, number>;
  for (const role of ROLES) {
    const of = t.clients.filter((c) => c.role === role).map((c) => perClient.get(c) ?? 0);
    out[role] = kib(of.reduce((a, b) => a + b, 0) / of.length);
  }
  return out;
}

function patchesSide(t: RecordedTable): { side: ClientSide; check: PatchesCheck; join: PatchesCheck } {
  const check = new PatchesCheck(), join = new PatchesCheck();
  const last = t.steps.length - 1;
  return {
    check, join, side: {
      receive: (c, kind, bytes) => check.receive(c, kind, bytes),
      after: (i) => { const st = t.steps[i]!; check.check(st.state, st.viewers, i, i % CHECK_EVERY === 0 || i === last); },
      joined: (c, frames, i) => { for (const [kind, bytes] of frames) join.receive(c, kind, bytes); join.checkJoin(c, t.steps[i]!.state); },
    },
  };
}

function schemaSide(t: RecordedTable): { side: ClientSide; check: SchemaCheck; join: SchemaCheck } {
  const check = new SchemaCheck(), join = new SchemaCheck();
  const last = t.steps.length - 1;
  return {
    check, join, side: {
      receive: (c, kind, bytes) => check.receive(c, kind, bytes),
      after: (i) => { const st = t.steps[i]!; if (i % CHECK_EVERY === 0 || i === last || i === t.lateJoin) check.check(st.state, st.viewers, st.presence, i); },
      joined: (c, frames, i) => {
        for (const [kind, bytes] of frames) join.receive(c, kind, bytes);
        join.check(t.steps[i]!.state, new Map([[c, { kind: "spectator" }]]), t.steps[i]!.presence, i);
      },
    },
  };
}

/** Each client's frames sent over one compressed connection, by role. */
async function deflated(t: RecordedTable, frames: Map<TableClient, Uint8Array[]> | undefined, threshold: number, windowBits = 15, memLevel = 8): Promise<Record<Role, number> | undefined> {
  if (!frames) return undefined;
  const sizes = new Map<TableClient, number>();
  for (const [c, list] of frames) sizes.set(c, await deflatedSize(list, threshold, windowBits, memLevel));
  return byRole(t, sizes);
}

async function measureAll(t: RecordedTable): Promise<{ all: Measured[]; patchesCheck: PatchesCheck; patchesJoin: PatchesCheck; schemaCheck: SchemaCheck }> {
  const p = patchesSide(t), s = schemaSide(t);
  const encoders: { make: () => SyncEncoder; every: number; side?: ClientSide; failures: () => string[] }[] = [
    { make: () => new WholeViews(t), every: WHOLE_EVERY, failures: () => [] },
    { make: () => new Patches(t), every: 1, side: p.side, failures: () => [...p.check.failures, ...p.join.failures] },
    { make: () => new SchemaState(t), every: 1, side: s.side, failures: () => [...s.check.failures, ...s.join.failures] },
  ];
  const runs: RunResult[][] = encoders.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    for (const [k, e] of encoders.entries()) {
      runs[k]!.push(runEncoder(t, e.make(), r === 0 ? { every: e.every, client: e.side, keepFrames: e.side !== undefined, keepSteps: true } : { every: e.every }));
    }
  }
  const all: Measured[] = [];
  for (const [k, e] of encoders.entries()) {
    const rs = runs[k]!, first = rs[0]!;
    all.push({
      name: e.make().name, first,
      cpuUs: median(rs.map((r) => (r.cpuMs / r.stepsTimed) * 1000)),
      wallUs: median(rs.map((r) => (r.ms / r.stepsTimed) * 1000)),
      maxStepMs: Math.max(...rs.map((r) => r.maxStepMs)),
      failures: e.failures(),
      // Whole views are too big to keep; their frames would not fit a compression estimate of one in ten anyway.
      deflated: e.side ? await deflated(t, first.frames, 1024) : undefined,
      deflatedAll: e.side ? await deflated(t, first.frames, DEFLATE.threshold, DEFLATE.windowBits, DEFLATE.memLevel) : undefined,
      unreadLine: unreadLineCost(t, first),
    });
  }
  all[1]!.parts = p.check.parts;
  all[2]!.parts = s.check.parts;
  all[2]!.reordered = s.check.reordered.size;
  return { all, patchesCheck: p.check, patchesJoin: p.join, schemaCheck: s.check };
}

/** What a chat line a client may not read still costs it: the median bytes it is sent after such a line. */
function unreadLineCost(t: RecordedTable, run: RunResult): number {
  const costs: number[] = [];
  for (const [i, sent] of run.stepBytes ?? []) {
    const st = t.steps[i]!;
    if (st.action.type !== "say" || st.state.status === "ended") continue;
    const channel = String((st.action as { channel?: unknown }).channel);
    for (const [c, viewer] of st.viewers) if (!canRead(st.state, viewer, channel)) costs.push(sent.get(c) ?? 0);
  }
  return median(costs);
}

/** The lines each client may read before the end, as msgpack and nothing else (and deflated as one stream): what any live sync must carry. */
function linesFloor(t: RecordedTable): { raw: Record<Role, number>; deflated: Record<Role, number> } {
  const before = t.steps.findLast((st) => st.state.status !== "ended")!;
  const s = before.state;
  const packed = s.messages.map((m) => pack(m));
  const raw = new Map<TableClient, number>(), small = new Map<TableClient, number>();
  for (const [c, viewer] of before.viewers) {
    const mine = packed.filter((_, i) => canRead(s, viewer, s.messages[i]!.channel));
    raw.set(c, mine.reduce((sum, b) => sum + b.length, 0));
    small.set(c, deflateRawSync(Buffer.concat(mine)).length);
  }
  return { raw: byRole(t, raw), deflated: byRole(t, small) };
}

/** Runs the comparison and returns its rows and Markdown. */
export async function syncCompareBench(): Promise<{ rows: SyncRow[]; markdown: string }> {
  const t = recordTable(SESSION.name, getScenario("yerevan-2016")!, SESSION.options);
  const { all, patchesCheck, patchesJoin } = await measureAll(t);
  const rows: SyncRow[] = all.map((m) => ({
    encoder: m.name,
    kib: byRole(t, m.first.perClient),
    largestKiB: kib(m.first.largest.bytes),
    largestWhere: `${m.first.largest.client}, after ${m.first.largest.after}`,
    lateJoinKiB: kib(m.first.join),
    cpuUsPerAction: Math.round(m.cpuUs),
    wallUsPerAction: Math.round(m.wallUs),
    maxStepMs: Math.round(m.maxStepMs * 10) / 10,
    deflatedKiB: m.deflated,
    deflatedAllKiB: m.deflatedAll,
  }));
  const publicLines = t.steps[t.lateJoin]!.state.messages.filter((m) => m.channel === "public").reduce((sum, m) => sum + pack(m).length, 0);
  const markdown = report({
    t, all, rows, floor: linesFloor(t),
    patchesJoinParts: patchesJoin.viewParts, publicLinesKiB: kib(publicLines),
    settings: { runs: RUNS, wholeEvery: WHOLE_EVERY, checkEvery: CHECK_EVERY },
  });
  return { rows, markdown };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await syncCompareBench();
  console.log(r.markdown);
}
