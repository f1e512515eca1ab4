/**
 * The three ways of keeping clients in step that bench/syncCompare.ts measures, each producing the frames a room
 * would send after every action: whole views (the old protocol), ViewSync's patches (the current one), and
 * @colyseus/schema state sync through a Schema mirror with a StateView per kind of viewer. Room messages are
 * encoded by Colyseus's own `getMessageBytes` (msgpackr), state frames by the schema Encoder as its room does.
 */
import { getMessageBytes, Protocol } from "@colyseus/core";
import { Encoder, Reflection, type StateView } from "@colyseus/schema";
import type { FullView, Patch, WireEvent } from "../shared/liveSync";
import type { GameEvent, Message } from "../shared/state";
import { canSee, viewFor, type Viewer } from "../shared/viewFor";
import { type Recipient, viewerKey, ViewSync } from "../server/viewSync";
import { SchemaMirror } from "./schemaMirror";
import type { SummitMirror } from "./summitSchema";
import type { RecordedTable, Step, TableClient } from "./syncTable";

/** How a frame travels: a room message of a type, or (for state sync) a raw schema frame. */
export type FrameKind = "update" | "view" | "patch" | "state" | "state patch" | "handshake";
export type Send = (client: TableClient, kind: FrameKind, bytes: Uint8Array) => void;

/** Bytes on the wire for a frame: a WebSocket header (server frames are unmasked), then the frame itself. */
export function wireSize(kind: FrameKind, bytes: Uint8Array): number {
  // The reflection rides inside the JOIN_ROOM frame every approach is sent anyway.
  if (kind === "handshake") return bytes.length;
  const n = bytes.length;
  return n + (n < 126 ? 2 : n < 65_536 ? 4 : 10);
}

/** The offset of the msgpack payload in a room-message frame: the protocol byte, then the type as a short string. */
export const payloadOffset = (kind: FrameKind): number => 2 + kind.length;

/** A room message as Colyseus frames it (the type, then the msgpackr payload). */
export const roomMessage = (kind: FrameKind, payload: unknown): Uint8Array => getMessageBytes.raw(Protocol.ROOM_DATA, kind, payload);
const message = roomMessage;

/** A delegation's view does not depend on which of its seats looks (as in ViewSync). */
const keyViewer = (v: Viewer): Viewer => (v.kind === "delegation" ? { kind: "delegation", delegation: v.delegation } : v);

/** Events as ViewSync sends them: a message event is left out (the client rebuilds it from the line). */
function wireEvents(events: GameEvent[]): WireEvent[] {
  return events.filter((e): e is WireEvent => e.type !== "message");
}

export interface SyncEncoder {
  readonly name: string;
  /** Sends every connected client what step `i` changed for it. */
  step(i: number, send: Send): void;
  /** What a projector joining right after step `i` is sent. */
  join(i: number, send: Send, projector: TableClient): void;
}

/** The old protocol: every client gets its whole view, every message it may read included, after every action. */
export class WholeViews implements SyncEncoder {
  readonly name = "whole views (before)";
  constructor(private t: RecordedTable) {}

  step(i: number, send: Send): void {
    const st = this.t.steps[i]!;
    const byKind = new Map<string, { view: Omit<ReturnType<typeof viewFor>, "scenario">; events: GameEvent[] }>();
    for (const [c, viewer] of st.viewers) {
      const key = viewerKey(viewer);
      let e = byKind.get(key);
      if (!e) {
        const { scenario: _scenario, ...view } = viewFor(st.state, viewer);
        e = { view, events: st.events.filter((x) => canSee(st.state, viewer, x)) };
        byKind.set(key, e);
      }
      send(c, "update", message("update", {
        seq: st.state.seq, view: { ...e.view, viewer }, events: e.events, briefing: c.briefing,
        presence: st.presence, you: st.you.get(c), legal: st.legal.get(c), serverNow: Date.now(),
      }));
    }
  }

  join(i: number, send: Send, projector: TableClient): void {
    const st = this.t.steps[i]!;
    const viewer: Viewer = { kind: "spectator" };
    const { scenario: _scenario, ...view } = viewFor(st.state, viewer);
    send(projector, "update", message("update", {
      seq: st.state.seq, view, events: [], briefing: null, presence: st.presence,
      you: { seat: null, delegation: null, signatory: false, host: false, spectator: true }, legal: [], serverNow: Date.now(),
    }));
  }
}

/** The current protocol: the real ViewSync, its recipients sending as SummitRoom does. */
export class Patches implements SyncEncoder {
  readonly name = "patches (ViewSync)";
  private sync = new ViewSync();
  constructor(private t: RecordedTable) {}

  private recipient(st: Step, c: TableClient, viewer: Viewer, send: Send): Recipient {
    return {
      id: c.id, viewer, you: st.you.get(c)!, briefing: c.briefing, legal: () => st.legal.get(c)!,
      sendView: (v: FullView) => send(c, "view", message("view", v)),
      sendPatch: (p: Patch) => send(c, "patch", message("patch", p)),
    };
  }

  step(i: number, send: Send): void {
    const st = this.t.steps[i]!;
    const recipients = [...st.viewers].map(([c, viewer]) => this.recipient(st, c, viewer, send));
    this.sync.broadcast(st.state, st.events, recipients, st.presence);
  }

  join(i: number, send: Send, projector: TableClient): void {
    const st = this.t.steps[i]!;
    const r = this.recipient(st, projector, { kind: "spectator" }, send);
    this.sync.sendFull(st.state, { ...r, you: { seat: null, delegation: null, signatory: false, host: false, spectator: true }, legal: () => [] }, st.presence);
    this.sync.reset(projector.id);
  }
}

/**
 * Colyseus state sync: the mirror is brought in line with each new state, then encoded as SchemaSerializer does
 * (one shared `encode`, one `encodeView` per StateView; clients of a kind share a view, so it is encoded once).
 * Events, legal moves and the client's seat are not state: they travel as an "update" message when there are any.
 */
export class SchemaState implements SyncEncoder {
  readonly name = "@colyseus/schema + StateView";
  readonly mirror = new SchemaMirror();
  private encoder: Encoder<SummitMirror> | null = null;
  private handshake: Uint8Array | null = null;
  private holders = new Set<TableClient>();
  private envelope = new Map<TableClient, { legal: string; you: string }>();
  private fullBuffer: Uint8Array;

  constructor(private t: RecordedTable) {
    // The state grows past the default 8 KB buffer; a room with this state would raise it once, as the encoder advises.
    if (Encoder.BUFFER_SIZE < 512 * 1024) Encoder.BUFFER_SIZE = 512 * 1024;
    this.fullBuffer = new Uint8Array(Encoder.BUFFER_SIZE);
  }

  private viewOf(viewer: Viewer): StateView {
    return this.mirror.viewOf(viewerKey(viewer), keyViewer(viewer));
  }

  step(i: number, send: Send): void {
    const st = this.t.steps[i]!;
    this.mirror.sync(st.state, st.presence);
    const enc = (this.encoder ??= new Encoder(this.mirror.root));
    const views = new Map<TableClient, StateView>();
    for (const [c, viewer] of st.viewers) views.set(c, this.viewOf(viewer));

    const holders = [...this.holders].filter((c) => views.has(c));
    const shared = enc.hasChanges;
    const it = { offset: 1 };
    enc.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
    if (shared) enc.encode(it);
    const sharedOffset = it.offset;
    const encoded = new Map<StateView, Uint8Array>();
    for (const c of holders) {
      const view = views.get(c)!;
      // With no shared change, only the clients whose view gained something are sent a patch.
      if (!shared && view.changes.size === 0 && !encoded.has(view)) continue;
      let bytes = encoded.get(view);
      if (!bytes) { bytes = enc.encodeView(view, sharedOffset, it); encoded.set(view, bytes); }
      send(c, "state patch", bytes);
    }
    enc.discardChanges();

    for (const [c, view] of views) {
      if (this.holders.has(c)) continue;
      this.holders.add(c);
      this.sendFull(view, c, send);
    }
    for (const [c, viewer] of st.viewers) {
      const events = wireEvents(st.events.filter((e) => canSee(st.state, viewer, e)));
      const legal = st.legal.get(c)!, you = st.you.get(c)!;
      const legalJson = JSON.stringify(legal), youJson = JSON.stringify(you);
      const before = this.envelope.get(c);
      this.envelope.set(c, { legal: legalJson, you: youJson });
      const update: { events: WireEvent[]; legal?: typeof legal; you?: typeof you } = { events };
      if (before?.legal !== legalJson) update.legal = legal;
      if (before?.you !== youJson) update.you = you;
      if (events.length > 0 || update.legal || update.you) send(c, "update", message("update", update));
    }
  }

  /** The handshake (the schema's reflection) and the whole state as the client's view shows it. */
  private sendFull(view: StateView, c: TableClient, send: Send): void {
    const enc = this.encoder!;
    this.handshake ??= Reflection.encode(enc);
    send(c, "handshake", this.handshake);
    const it = { offset: 1 };
    this.fullBuffer[0] = Protocol.ROOM_STATE;
    // encodeAll grows into a new buffer when the state outgrows this one: keep using the grown one.
    const shared = enc.encodeAll(it, this.fullBuffer);
    if (shared.buffer !== this.fullBuffer.buffer) this.fullBuffer = new Uint8Array(shared.buffer);
    send(c, "state", enc.encodeAllView(view, it.offset, it, this.fullBuffer));
  }

  join(i: number, send: Send, projector: TableClient): void {
    void i;
    this.sendFull(this.viewOf({ kind: "spectator" }), projector, send);
    send(projector, "update", message("update", { events: [], legal: [], you: { seat: null, delegation: null, signatory: false, host: false, spectator: true } }));
  }
}
