/**
 * Plays the client side of the sync comparison (bench/syncCompare.ts): every frame is decoded as a client would
 * (msgpackr for room messages, a schema Decoder for state), checked against what `viewFor` says the viewer may
 * hold, and its bytes attributed to the parts of the payload they carry.
 */
import { isDeepStrictEqual } from "node:util";
import { Decoder, Reflection } from "@colyseus/schema";
import { pack, unpack } from "msgpackr";
import { type FullView, LiveModel, MESSAGE_WINDOW, type Patch, type Presence, viewRest } from "../shared/liveSync";
import type { State } from "../shared/state";
import { canRead, viewFor, viewWithoutMessages, type Viewer } from "../shared/viewFor";
import { type FrameKind, payloadOffset, wireSize } from "./syncEncoders";
import type { TableClient } from "./syncTable";

/** Where a value and another first differ, as a JSON path (for failure reports). */
export function firstDifference(a: unknown, b: unknown, path = ""): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${path || "/"}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`);
    if (d) return d;
  }
  return `${path || "/"}: differ`;
}

/** Bytes by part of the payload, summed over every client. */
export class Parts {
  readonly bytes = new Map<string, number>();
  add(part: string, n: number): void { this.bytes.set(part, (this.bytes.get(part) ?? 0) + n); }
  /** Sizes of `parts` of a payload (each with its key, the label's last segment); what they leave of the frame counts as `rest`. */
  split(frame: number, parts: [string, unknown][], rest: string): void {
    let used = 0;
    for (const [name, value] of parts) {
      if (value === undefined) continue;
      const n = pack(value).length + name.split(".").at(-1)!.length + 1;
      this.add(name, n);
      used += n;
    }
    this.add(rest, frame - used);
  }
}

type Failures = string[];
const MAX_FAILURES = 20;
const fail = (out: Failures, text: string): void => { if (out.length < MAX_FAILURES) out.push(text); };

/** A view without the action counters, which a client holds as of the last action it could see. */
const withoutCounters = <T extends object>(v: T): T => ({ ...v, seq: 0, now: 0 });

/** What a patch client holds: its LiveModel, checked against viewFor after every update. */
export class PatchesCheck {
  readonly parts = new Parts();
  /** The whole views' bytes by field. */
  readonly viewParts = new Parts();
  readonly failures: Failures = [];
  private models = new Map<TableClient, LiveModel>();

  receive(c: TableClient, kind: FrameKind, bytes: Uint8Array): void {
    const payload: unknown = unpack(bytes.subarray(payloadOffset(kind)));
    const frame = wireSize(kind, bytes);
    let model = this.models.get(c);
    if (!model) { model = new LiveModel(); this.models.set(c, model); }
    if (kind === "view") {
      const v = payload as FullView;
      model.applyView(v);
      this.viewParts.split(frame, [
        ...Object.entries(v.view).map(([k, x]): [string, unknown] => [`view.${k}`, x]),
        ["events", v.events], ["briefing", v.briefing], ["presence", v.presence], ["you", v.you], ["legal", v.legal],
      ], "envelope (headers, rev, seq, serverNow, olderMessages)");
      this.parts.add("whole views (joins, the reveal)", frame);
      return;
    }
    const p = payload as Patch;
    if (model.applyPatch(p) === "gap") fail(this.failures, `${c.id}: patch rev ${p.rev} made a gap (held rev ${model.rev})`);
    let ops = 0;
    for (const op of p.ops) {
      const n = pack(op).length;
      this.parts.add(`ops on /${op.path.split("/")[1]}`, n);
      ops += n;
    }
    this.parts.split(frame - ops, [["lines", p.lines], ["events", p.events], ["legal", p.legal], ["legal (changes)", p.legalOps], ["presence", p.presence], ["you", p.you]], "patch envelope (headers, rev, seq, now)");
  }

  /** Each client's view (without messages) must be exactly `viewWithoutMessages`; with `messages`, its lines the tail of those readable. */
  check(s: State, viewers: Map<TableClient, Viewer>, step: number, messages: boolean): void {
    for (const [c, viewer] of viewers) {
      const u = this.models.get(c)?.update;
      if (!u) { fail(this.failures, `${c.id}: no view after step ${step}`); continue; }
      const { scenario: _scenario, ...expected } = viewWithoutMessages(s, viewer);
      // A client hears of an action only when something it may see changed: its `seq` and `now` may lag.
      const d = firstDifference(withoutCounters(viewRest(u.view)), withoutCounters(expected));
      if (d) fail(this.failures, `${c.id} after step ${step} (${s.phase}, seq ${s.seq}): LiveModel ≠ viewFor at ${d}`);
      if (!messages) continue;
      const readable = s.messages.filter((m) => canRead(s, viewer, m.channel));
      const held = u.view.messages;
      if (held.length < Math.min(MESSAGE_WINDOW, readable.length) || !isDeepStrictEqual(held, readable.slice(readable.length - held.length))) {
        fail(this.failures, `${c.id} after step ${step}: holds ${held.length} lines that are not the tail of the ${readable.length} it may read`);
      }
    }
  }

  /** A late joiner's first view: the latest lines only. */
  checkJoin(c: TableClient, s: State): void {
    this.check(s, new Map([[c, { kind: "spectator" }]]), -1, true);
  }
}

/** Drops what a schema client cannot tell from absent: nulls, empty lists and maps. */
export function prune(x: unknown): unknown {
  if (x === null || x === undefined) return undefined;
  if (Array.isArray(x)) { const a = x.map(prune); return a.length > 0 ? a : undefined; }
  if (typeof x !== "object") return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) { const p = prune(v); if (p !== undefined) out[k] = p; }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What a viewer's decoded schema state must equal: its view in the mirror's shape. */
export function expectedSchemaState(s: State, viewer: Viewer, presence: Record<string, Presence>): unknown {
  const { scenario: _scenario, viewer: _viewer, eventLibrary, seats, delegations, ...rest } = viewFor(s, viewer);
  const each = <T, U>(r: Record<string, T>, f: (x: T, k: string) => U): Record<string, U> => Object.fromEntries(Object.entries(r).map(([k, x]) => [k, f(x, k)]));
  return prune({
    ...rest,
    seats: each(seats, (seat, id) => ({ ...seat, presence: presence[id] ?? "away" })),
    delegations: each(delegations, ({ priorities, ...d }) => ({ ...d, priorities: priorities && each(priorities, (outcomes) => ({ outcomes })) })),
    host: { eventLibrary },
  });
}

/** What a state-sync client holds: a schema Decoder built from the handshake, checked against viewFor. */
export class SchemaCheck {
  readonly parts = new Parts();
  readonly failures: Failures = [];
  /** Clients whose lines arrived out of order (see `check`). */
  readonly reordered = new Set<TableClient>();
  private decoders = new Map<TableClient, Decoder>();

  receive(c: TableClient, kind: FrameKind, bytes: Uint8Array): void {
    const frame = wireSize(kind, bytes);
    if (kind === "handshake") { this.decoders.set(c, Reflection.decode(bytes)); this.parts.add("handshake (schema reflection)", frame); return; }
    if (kind === "update") {
      const u = unpack(bytes.subarray(payloadOffset(kind))) as Record<string, unknown>;
      this.parts.split(frame, [["events", u.events], ["legal", u.legal], ["you", u.you]], "update envelope (headers)");
      return;
    }
    const decoder = this.decoders.get(c);
    if (!decoder) { fail(this.failures, `${c.id}: state before the handshake`); return; }
    decoder.decode(bytes, { offset: 1 });
    this.parts.add(kind === "state" ? "whole state (joins)" : "state patches", frame);
  }

  check(s: State, viewers: Map<TableClient, Viewer>, presence: Record<string, Presence>, step: number): void {
    for (const [c, viewer] of viewers) {
      const decoder = this.decoders.get(c);
      if (!decoder) { fail(this.failures, `${c.id}: no state after step ${step}`); continue; }
      const held = decoder.state.toJSON() as { messages?: { seq: number }[]; commitments?: { id: string }[] };
      // A filtered list's client copy keeps items in the order they became visible: lines and commitments shown at
      // the reveal come after those seen before it. A client sorts them back; so does the check (and counts it).
      const bySeq = [...(held.messages ?? [])].sort((a, b) => a.seq - b.seq);
      if (bySeq.some((m, i) => m !== held.messages![i])) this.reordered.add(c);
      const order = new Map(s.commitments.map((x, i) => [x.id, i]));
      const commitments = [...(held.commitments ?? [])].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      const d = firstDifference(prune({ ...held, messages: bySeq, commitments }), expectedSchemaState(s, viewer, presence));
      if (d) fail(this.failures, `${c.id} after step ${step} (${s.phase}, seq ${s.seq}): decoded state ≠ viewFor at ${d}`);
    }
  }
}
