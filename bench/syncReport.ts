/** The Markdown of the sync comparison (bench/syncCompare.ts): the table, where the bytes go, what caused them, the checks. */
import type { Parts } from "./syncCheck";
import { causeOf, type RunResult } from "./syncRun";
import type { RecordedTable, Role } from "./syncTable";

export const ROLES: Role[] = ["signatory", "adviser", "host", "projector"];

export interface SyncRow {
  encoder: string;
  /** KiB down per client over the summit, by role (the mean of the six for signatories and advisers). */
  kib: Record<Role, number>;
  largestKiB: number;
  largestWhere: string;
  lateJoinKiB: number;
  /** Encoding work per action: this process's CPU time and the wall clock (medians of the runs), and the slowest action. */
  cpuUsPerAction: number;
  wallUsPerAction: number;
  maxStepMs: number;
  /** With WebSocket compression: ws's defaults (messages of 1 KiB and more), and every message. */
  deflatedKiB?: Record<Role, number>;
  deflatedAllKiB?: Record<Role, number>;
}

export interface Measured {
  name: string;
  /** The checking run: its bytes are the ones reported. */
  first: RunResult;
  cpuUs: number;
  wallUs: number;
  maxStepMs: number;
  failures: string[];
  parts?: Parts;
  /** Schema clients that got lines out of order (at the reveal). */
  reordered?: number;
  deflated?: Record<Role, number>;
  deflatedAll?: Record<Role, number>;
  /** Median bytes a client is sent after a chat line it may not read. */
  unreadLine: number;
}

export interface ReportInput {
  t: RecordedTable;
  all: Measured[];
  rows: SyncRow[];
  floor: { raw: Record<Role, number>; deflated: Record<Role, number> };
  patchesJoinParts: Parts;
  publicLinesKiB: number;
  settings: { runs: number; wholeEvery: number; checkEvery: number };
}

const kib = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;
const fmt = (x: number): string => x.toLocaleString("en-GB", { maximumFractionDigits: 1 });
const goal = (x: number, limit: number): string => (x <= limit ? fmt(x) : `**${fmt(x)}**`);

export function report(r: ReportInput): string {
  const { t, all, rows, settings } = r;
  const out: string[] = [];
  const joinAgo = (t.steps.at(-1)!.state.now - t.steps[t.lateJoin]!.state.now) / 1000;
  out.push(`${t.name}: Yerevan, 90-minute timing, ${t.steps.length} actions over ${fmt(t.minutes)} minutes, ${t.messages} chat lines. `
    + `Clients: each delegation's signatory and one adviser (12), the host and a projector, each connected from its seat's arrival; `
    + `a second projector joins ${Math.round(joinAgo)} s before the end. KB = 1024 bytes on the wire (WebSocket header, Colyseus frame, `
    + `msgpackr or schema bytes) per client over the whole summit; bold misses the goal.`, "");
  out.push("| encoder | signatory KB | adviser KB | host KB | projector KB | largest update KB | late projector joins, KB | server CPU µs/action (wall µs; slowest ms) |");
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|");
  out.push("| goal | < 50 | < 50 | < 50 | < 50 | | < 20 | |");
  for (const row of rows) {
    const k = row.kib;
    out.push(`| ${row.encoder} | ${goal(k.signatory, 50)} | ${goal(k.adviser, 50)} | ${goal(k.host, 50)} | ${goal(k.projector, 50)} | ${fmt(row.largestKiB)} | ${goal(row.lateJoinKiB, 20)} | ${fmt(row.cpuUsPerAction)} (${fmt(row.wallUsPerAction)}; ${fmt(row.maxStepMs)}) |`);
  }
  const extra = (label: string, k: Record<Role, number> | undefined): void => {
    if (k) out.push(`| ${label} | ${goal(k.signatory, 50)} | ${goal(k.adviser, 50)} | ${goal(k.host, 50)} | ${goal(k.projector, 50)} | | | |`);
  };
  for (const row of rows) extra(`${row.encoder}, permessage-deflate as ws defaults it (messages ≥ 1 KiB; estimate)`, row.deflatedKiB);
  for (const row of rows) extra(`${row.encoder}, permessage-deflate as this server sends it (8 KiB window, messages ≥ 64 B; estimate)`, row.deflatedAllKiB);
  extra("the lines alone: each line the client may read before the end, msgpack", r.floor.raw);
  extra("the lines alone, deflated as one stream", r.floor.deflated);
  out.push("");
  out.push(`Largest updates: ${rows.map((row) => `${row.encoder}: ${row.largestWhere}`).join("; ")}.`, "");
  out.push(`A chat line a client may not read still costs it (median bytes): ${all.map((m) => `${m.name} ${fmt(m.unreadLine)}`).join(", ")}.`, "");
  const joinParts = [...r.patchesJoinParts.bytes].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, b]) => `${name} ${fmt(kib(b))}`);
  out.push(`The late projector's whole view (patches) holds: ${joinParts.join(", ")} KB, and the rest. Its schema state holds every public line `
    + `said so far (${fmt(r.publicLinesKiB)} KB of them in msgpack): state sync has no window.`, "");
  out.push(`Whole views are measured on every ${settings.wholeEvery}th action (the last included) and their totals scaled by ${settings.wholeEvery}. `
    + `Times are of the encoding work alone (building views or syncing the mirror, diffing, encoding, packing; legal moves are worked out `
    + `beforehand for all three), on one thread: medians over ${settings.runs} interleaved runs of the mean per action; the slowest is the slowest action in any run.`, "");
  out.push(partsTable(t, all), "", causeTable(t, all), "");
  const failures = all.flatMap((m) => m.failures.map((f) => `${m.name}: ${f}`));
  out.push(failures.length === 0
    ? `**Checked.** Each patch client's LiveModel (fed the unpacked frames) equals \`viewWithoutMessages\` after every one of the ${t.steps.length} actions, `
      + `and its lines are the tail of those it may read every ${settings.checkEvery} actions and at the end; each schema client's decoded state equals its \`viewFor\` `
      + `(in the mirror's shape, nulls and empty lists dropped) every ${settings.checkEvery} actions and at the end; so do both late projectors' first states.`
    : `**Check failures** (first ${failures.length}):\n${failures.map((f) => `- ${f}`).join("\n")}`);
  const reordered = all.find((m) => m.reordered)?.reordered ?? 0;
  if (reordered > 0) {
    out.push("", `At the end ${reordered} of ${t.clients.length} schema clients held their lines out of order: a filtered ArraySchema's client copy lists items `
      + "in the order they became visible, so the private lines revealed at the end come after the public ones. A client must sort them by seq (the check does).");
  }
  out.push("", "The schema mirror (bench/summitSchema.ts) carries everything the views carry except: the scenario (sent once on joining, in all three), "
    + "`viewer` (the client knows who it is), advisers' portfolios and prepared moves (none in this session; the check would fail if there were), "
    + "and the wall clock (`serverNow`) that patches carry for clock sync. Presence is a field of each seat; events, legal moves and the client's seat "
    + "travel in an \"update\" message when there are any. Clients of one kind share a StateView, so each kind is encoded once per action, as ViewSync diffs once per kind.");
  return out.join("\n");
}

function partsTable(t: RecordedTable, all: Measured[]): string {
  const clients = t.clients.length;
  const lines = ["Where the bytes go (all 14 clients together; KB per client on average):", "", "| encoder | part | KB per client | share |", "|---|---|---:|---:|"];
  for (const m of all) {
    if (!m.parts) continue;
    const parts = [...m.parts.bytes].sort((a, b) => b[1] - a[1]);
    const total = parts.reduce((s, [, b]) => s + b, 0);
    const shown = parts.filter(([, b]) => b / total >= 0.01);
    const rest = total - shown.reduce((s, [, b]) => s + b, 0);
    for (const [name, b] of shown) lines.push(`| ${m.name} | ${name} | ${fmt(kib(b / clients))} | ${Math.round((b / total) * 100)} % |`);
    if (rest > 0) lines.push(`| ${m.name} | (the rest) | ${fmt(kib(rest / clients))} | ${Math.round((rest / total) * 100)} % |`);
  }
  return lines.join("\n");
}

function causeTable(t: RecordedTable, all: Measured[]): string {
  const names = [...new Set(all.flatMap((m) => [...m.first.byCause.keys()]))];
  const actions = new Map(names.map((name) => [name, t.steps.filter((_, i) => causeOf(t, i) === name).length]));
  const lines = [
    "What caused the bytes (share of all bytes sent, and KB per client on average):", "",
    `| cause | actions | ${all.map((m) => m.name).join(" | ")} |`,
    `|---|---:|${all.map(() => "---:").join("|")}|`,
  ];
  for (const name of names) {
    const cells = all.map((m) => {
      const total = [...m.first.byCause.values()].reduce((a, b) => a + b, 0);
      const b = m.first.byCause.get(name) ?? 0;
      return `${Math.round((b / total) * 100)} % (${fmt(kib(b / t.clients.length))})`;
    });
    lines.push(`| ${name} | ${actions.get(name)} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
