/**
 * Live updates as changes. A client gets one full view when it joins (with only the latest messages), then
 * patches: RFC 6902 operations on the view without its messages, the new message lines it may read, and the
 * parts of its envelope (presence, legal moves, its seat) that changed. `LiveModel` rebuilds the full update
 * from them; the live table, the projector, the tests and the load generator all keep one.
 */
import jsonPatch, { type Operation } from "fast-json-patch";

// The package is CommonJS for Node: its functions come through the default export.
const { applyPatch } = jsonPatch;
import type { LegalAction } from "./legalActions";
import type { GameEvent, Message, State } from "./state";
import { canRead, type View } from "./viewFor";
import { parseChannel } from "./rules/channels";

/** Messages a full view carries, and the most a history page returns. */
export const MESSAGE_WINDOW = 60;

export type Presence = "here" | "away" | "bot";
export interface You { seat: string | null; delegation: string | null; signatory: boolean; host: boolean; spectator: boolean }

/** What a client knows of its table after any number of patches: the old whole-update shape. */
export interface LiveUpdate {
  seq: number;
  view: Omit<View, "scenario">;
  events: GameEvent[];
  briefing: string | null;
  presence: Record<string, Presence>;
  you: You;
  legal: LegalAction[];
  serverNow: number;
}

/** The first message after joining, and the answer to a resync: the whole view, its latest messages only. */
export interface FullView extends LiveUpdate {
  /** This client's update counter; each patch carries the next one. */
  rev: number;
  /** Whether the viewer may read messages older than the first one in `view.messages` (fetch them with "history"). */
  olderMessages: boolean;
}

/** Events as a patch carries them: every kind but "message", whose line travels once, in `lines`, and is its own event. */
export type WireEvent = Exclude<GameEvent, { type: "message" }>;

/** The "message" event a new line stands for, addressed as the engine addresses it (private lines to their members). */
export function messageEvent(message: Message): GameEvent {
  const c = parseChannel(message.channel);
  const to = c?.kind === "team" ? [c.delegation] : c?.kind === "dm" ? [...c.between] : null;
  return to ? { type: "message", to, message } : { type: "message", message };
}

/** Everything that changed for one client since its previous update. */
export interface Patch {
  rev: number;
  /** The view's `seq` and `now` (they change with every action, so they are not among the operations). */
  seq: number;
  now: number;
  /** RFC 6902 operations on the view without its messages, `seq` and `now`. */
  ops: Operation[];
  /** New message lines this viewer may read, oldest first. */
  lines: Message[];
  events: WireEvent[];
  presence?: Record<string, Presence>;
  you?: You;
  /** The legal moves, whole, when they changed much … */
  legal?: LegalAction[];
  /** … or RFC 6902 operations on the previous list when they changed a little. */
  legalOps?: Operation[];
}

/** An older page of messages, oldest first. */
export interface HistoryPage { ref?: number; messages: Message[]; older: boolean }

/** The view without its messages: the part that patches change. */
export function viewRest(view: Omit<View, "scenario">): Omit<View, "scenario"> {
  return { ...view, messages: [] };
}

/** Index of the first message with seq ≥ `seq` (messages are in seq order). */
function firstAtOrAfter(messages: readonly Message[], seq: number): number {
  let lo = 0, hi = messages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (messages[mid]!.seq < seq) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Up to `limit` messages a viewer may read from before `before` (a message seq; Infinity for the latest), oldest first,
 * and whether there are more before them. Walks back from the end, so the latest page costs little however long the summit.
 */
export function readableBefore(s: State, viewer: Parameters<typeof canRead>[1], before: number, limit = MESSAGE_WINDOW): { messages: Message[]; older: boolean } {
  const out: Message[] = [];
  let i = (before === Infinity ? s.messages.length : firstAtOrAfter(s.messages, before)) - 1;
  for (; i >= 0 && out.length < limit; i--) {
    const m = s.messages[i]!;
    if (canRead(s, viewer, m.channel)) out.push(m);
  }
  let older = false;
  for (; i >= 0; i--) if (canRead(s, viewer, s.messages[i]!.channel)) { older = true; break; }
  return { messages: out.reverse(), older };
}

export type PatchResult = "ok" | "gap";

/** A client's copy of its table, kept current by applying what the server sends. */
export class LiveModel {
  rev = -1;
  update: LiveUpdate | null = null;
  olderMessages = false;

  /** Replaces everything with a full view. */
  applyView(v: FullView): LiveUpdate {
    const { rev, olderMessages, ...update } = v;
    this.rev = rev;
    this.olderMessages = olderMessages;
    this.update = update;
    return update;
  }

  /** Applies a patch; "gap" when it does not follow the last update (the client must ask for a fresh view). */
  applyPatch(p: Patch): PatchResult {
    const u = this.update;
    if (!u || p.rev !== this.rev + 1) return "gap";
    const messages = p.lines.length > 0 ? [...u.view.messages, ...p.lines] : u.view.messages;
    let view = u.view;
    if (p.ops.length > 0) {
      try {
        // Applied to a copy: the update published before stays as it was, and a patch that fails halfway changes nothing.
        view = applyPatch(viewRest(u.view), p.ops, false, false).newDocument;
      } catch {
        return "gap";
      }
    }
    // A new line is its own "message" event: the wire carries it once, in `lines`.
    const events: GameEvent[] = [...p.lines.map(messageEvent), ...p.events];
    let legal = p.legal ?? u.legal;
    if (p.legalOps) {
      try {
        legal = applyPatch(u.legal, p.legalOps, false, false).newDocument;
      } catch {
        return "gap";
      }
    }
    this.rev = p.rev;
    this.update = {
      ...u,
      seq: p.seq,
      view: { ...view, seq: p.seq, now: p.now, messages },
      events,
      presence: p.presence ?? u.presence,
      you: p.you ?? u.you,
      legal,
    };
    return "ok";
  }

  /** Puts an older page of messages in front of those held. */
  prependHistory(page: HistoryPage): void {
    const u = this.update;
    if (!u) return;
    const first = u.view.messages[0]?.seq ?? Infinity;
    const older = page.messages.filter((m) => m.seq < first);
    this.olderMessages = page.older;
    this.update = { ...u, view: { ...u.view, messages: [...older, ...u.view.messages] } };
  }
}
