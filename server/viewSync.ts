/**
 * Sends each client what changed for its own viewer. Views are built once per kind of viewer (the host, the
 * spectators, each delegation) and diffed against the view that kind was last sent; the new message lines it may
 * read travel on their own. A client that is new, changed viewer, reconnected or asked gets the whole view again.
 */
import jsonPatch from "fast-json-patch";
import type { LegalAction } from "../shared/legalActions";
import { type FullView, type LiveUpdate, type Patch, type Presence, readableBefore, type WireEvent, type You } from "../shared/liveSync";
import type { GameEvent, Message, State, Status } from "../shared/state";
import { canRead, canSee, viewBody, type Viewer } from "../shared/viewFor";
import { type Translations, viewerTranslations } from "../shared/scenarioTexts";

/** One connected client as the sync sees it. */
export interface Recipient {
  id: string;
  viewer: Viewer;
  you: You;
  /** The client's legal moves (asked only when a patch or view is about to be sent). */
  legal(): LegalAction[];
  briefing: string | null;
  sendView(v: FullView): void;
  sendPatch(p: Patch): void;
}

type Rest = LiveUpdate["view"];
/** The view a kind of viewer was last sent, how many messages the state had then, and a counter of those views. */
interface KeyBase { rest: Rest; seen: number; gen: number; state: State }
/** What one client holds: the kind of viewer and the view generation it is at, and its envelope as last sent. */
interface ClientBase { key: string; gen: number; rev: number; you: string; legal: string; legalList: LegalAction[]; presence: string }

/** The kind of viewer whose views a client shares: one delegation, the host, or the public. */
export function viewerKey(v: Viewer): string {
  return v.kind === "delegation" ? `d:${v.delegation}` : v.kind;
}

/** The shared part of a viewer: a delegation's view does not depend on which of its seats looks. */
const keyViewer = (v: Viewer): Viewer => (v.kind === "delegation" ? { kind: "delegation", delegation: v.delegation } : v);

/**
 * The part of a view patches diff, as a kind of viewer sees it: without `seq` and `now`, which change with every action
 * and travel as the patch's own fields (a whole view puts them back).
 */
function restFor(s: State, v: Viewer, translations: Translations | undefined): Rest {
  const rest = viewBody(s, keyViewer(v));
  rest.seq = 0;
  rest.now = 0;
  // The translations of secret texts travel only in views, to those who may read the English.
  const texts = viewerTranslations(translations, s, keyViewer(v));
  if (texts) rest.texts = texts;
  return rest;
}

/** A patch's events: a "message" event is left out, since its line is in the patch and the client makes the event from it. */
function wireEvents(events: GameEvent[]): WireEvent[] {
  return events.filter((e): e is WireEvent => e.type !== "message");
}

export class ViewSync {
  private keys = new Map<string, KeyBase>();
  private clients = new Map<string, ClientBase>();
  private lastStatus: Status | null = null;
  /** The scenario's translations (shared/scenarioTexts.ts): each view carries the part its viewer may read. */
  translations: Translations | undefined = undefined;

  /** Forgets what a client holds: it gets the whole view with its next update (it left, came back, or lost a patch). */
  reset(id: string): void { this.clients.delete(id); }

  /** Builds the whole view for one client and sends it. */
  sendFull(s: State, r: Recipient, presence: Record<string, Presence>, events: GameEvent[] = []): void {
    const key = viewerKey(r.viewer);
    let base = this.keys.get(key);
    if (!base) {
      base = { rest: restFor(s, r.viewer, this.translations), seen: s.messages.length, gen: 1, state: s };
      this.keys.set(key, base);
    }
    // A base older than the state (nobody of this kind has been sent it yet) stays for those who hold it.
    const current = base.state === s;
    this.sendWhole(s, r, presence, events, current ? base.rest : restFor(s, r.viewer, this.translations), current ? base.gen : -1);
  }

  private sendWhole(s: State, r: Recipient, presence: Record<string, Presence>, events: GameEvent[], rest: Rest, gen: number): void {
    const { messages, older } = readableBefore(s, r.viewer, Infinity);
    const legal = r.legal();
    const presenceJson = JSON.stringify(presence);
    const prev = this.clients.get(r.id);
    const rev = (prev?.rev ?? -1) + 1;
    this.clients.set(r.id, { key: viewerKey(r.viewer), gen, rev, you: JSON.stringify(r.you), legal: JSON.stringify(legal), legalList: legal, presence: presenceJson });
    r.sendView({
      rev, olderMessages: older, seq: s.seq, view: { ...rest, seq: s.seq, now: s.now, viewer: r.viewer, messages }, events: events.filter((e) => canSee(s, r.viewer, e)),
      briefing: r.briefing, presence, you: r.you, legal, serverNow: Date.now(),
    });
  }

  /** Tells every recipient what changed since its previous update. */
  broadcast(s: State, events: GameEvent[], recipients: Recipient[], presence: Record<string, Presence>): void {
    // At the reveal every private line becomes readable: everyone starts again from a whole view.
    if (s.status === "ended" && this.lastStatus !== null && this.lastStatus !== "ended") this.clients.clear();
    this.lastStatus = s.status;
    const groups = new Map<string, Recipient[]>();
    for (const r of recipients) {
      const key = viewerKey(r.viewer);
      const g = groups.get(key);
      if (g) g.push(r); else groups.set(key, [r]);
    }
    // A kind of viewer nobody holds any more loses its base: it would be stale when someone comes back.
    for (const key of [...this.keys.keys()]) if (!groups.has(key)) this.keys.delete(key);
    const presenceJson = JSON.stringify(presence);
    for (const [key, group] of groups) {
      const viewer = group[0]!.viewer;
      const rest = restFor(s, viewer, this.translations);
      const base = this.keys.get(key);
      const gen = (base?.gen ?? 0) + 1;
      this.keys.set(key, { rest, seen: s.messages.length, gen, state: s });
      let diff: { ops: Patch["ops"]; lines: Message[]; events: WireEvent[] } | null = null;
      for (const r of group) {
        const c = this.clients.get(r.id);
        if (!c || c.key !== key || !base || c.gen !== base.gen) {
          this.sendWhole(s, r, presence, events, rest, gen);
          continue;
        }
        c.gen = gen;
        diff ??= {
          ops: jsonPatch.compare(base.rest, rest),
          lines: s.messages.slice(base.seen).filter((m) => canRead(s, viewer, m.channel)),
          events: wireEvents(events.filter((e) => canSee(s, viewer, e))),
        };
        const patch: Patch = { rev: c.rev + 1, seq: s.seq, now: s.now, ops: diff.ops, lines: diff.lines, events: diff.events };
        if (c.presence !== presenceJson) { patch.presence = presence; c.presence = presenceJson; }
        const you = JSON.stringify(r.you);
        if (c.you !== you) { patch.you = r.you; c.you = you; }
        // The room hands back the same list while nothing legal moves depend on has changed (all chat): no need to compare.
        const legal = r.legal();
        const legalJson = legal === c.legalList ? c.legal : JSON.stringify(legal);
        if (c.legal !== legalJson) {
          // The legal moves change a little at a time (a ballot opens, a proposal is tabled): send the difference when it is smaller.
          const legalOps = jsonPatch.compare(c.legalList, legal);
          if (JSON.stringify(legalOps).length < legalJson.length) patch.legalOps = legalOps; else patch.legal = legal;
          c.legal = legalJson;
          c.legalList = legal;
        }
        // Nothing new for this client (an action it may not see, or a presence change elsewhere): nothing is sent.
        if (patch.ops.length === 0 && patch.lines.length === 0 && patch.events.length === 0 && !patch.presence && !patch.you && !patch.legal && !patch.legalOps) continue;
        c.rev = patch.rev;
        r.sendPatch(patch);
      }
    }
  }
}
