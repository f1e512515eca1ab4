/**
 * Load on our server: N summits, each with six players (one per delegation), a host and a projector, all real
 * SDK clients keeping a LiveModel. Players act at a human pace from their legal moves; during the warm-up the
 * hosts spread the tables over round 1's phases. An action's latency runs from its send until every client of the
 * table that can see it holds a model at its seq or later: a private line reaches its two delegations and the host
 * (who counts private lines), and nobody else hears of it at all.
 */
import type { Room } from "@colyseus/sdk";
import { LiveModel } from "../../shared/liveSync";
import { parseChannel } from "../../shared/rules/channels";
import type { SeminarCreated, ServerMessages } from "../../shared/protocol";
import type { PublicScenario } from "../../shared/state";
import { SeededRandom } from "../seededRandom";
import { chatLine, humanMove } from "./humanMove";
import { type Connection, humanDelay, LoadWindow, mapLimit, type Sent, sleep, waitFor } from "./loadWindow";
import type { EndResult, FillResult, SettleResult, SetupOptions, SetupResult } from "./wire";

const DELEGATIONS = ["AM", "BY", "KZ", "KG", "RU", "TJ"];
/** A model keeps at most this many lines (a client shows the latest; the generator must stay cheap over a long run). */
const KEEP_LINES = 120;
/** The fill sends no faster than this per client, under the server's per-client message limit (20/s by default). */
const FILL_PER_SECOND = 12;

interface Member {
  conn: Connection;
  model: LiveModel;
  table: Table;
  rng: SeededRandom;
  refs: Map<number, { sent: Sent; action: Record<string, unknown> }>;
  nextRef: number;
  /** The seq of this member's last accepted action: it acts again once its own model has caught up. */
  lastAck: number;
  busySince: number | null;
  /** Who waits for the reply to a ref (setup, the fill and the end of summits wait; paced play does not). */
  replies: Map<number, (accepted: boolean) => void>;
}

/** An acknowledged action, waiting until every client that can see it holds it. */
interface Waiting { seq: number; sent: Sent; audience: Set<Member>; reached: Set<Member> }
interface Table { id: string; members: Member[]; host: Member | null; waiting: Waiting[]; items: PublicScenario["items"] }

/** The clients of a table that hear of an action: everyone, but for private lines and answers to commitments. */
function audienceOf(t: Table, by: Member, action: Record<string, unknown>): Set<Member> {
  const delegationOf = (m: Member) => m.model.update?.you.delegation ?? null;
  const among = (ds: string[], host: boolean) => new Set(t.members.filter((m) => (host && m === t.host) || ds.includes(delegationOf(m) ?? "")));
  const channel = parseChannel(String(action.channel ?? ""));
  if (action.type === "say" && channel?.kind === "team") return among([channel.delegation], true);
  if (action.type === "say" && channel?.kind === "dm") return among([...channel.between], true);
  if (action.type === "commit.accept" || action.type === "commit.decline" || action.type === "commit.withdraw") {
    const c = by.model.update?.view.commitments.find((x) => x.id === action.commitment);
    if (c) return among([c.from, c.to], false);
  }
  return new Set(t.members);
}

export class SummitLoad {
  readonly w: LoadWindow;
  private tables: Table[] = [];
  private seminars: SeminarCreated[] = [];
  private timers = new Set<NodeJS.Timeout>();

  constructor(readonly o: SetupOptions, w: LoadWindow) { this.w = w; }

  async setup(): Promise<SetupResult> {
    const t0 = performance.now();
    for (let left = this.o.summits; left > 0; left -= 8) {
      const res = await fetch(`${this.o.url}/api/seminars`, { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "yerevan-2016", tables: Math.min(8, left), timing: "90", bots: false }) });
      if (res.status !== 201) throw new Error(`seminar not created: ${res.status} ${await res.text()}`);
      this.seminars.push((await res.json()) as SeminarCreated);
    }
    const places = this.seminars.flatMap((s) => s.tables.map((id) => ({ s, id })));
    let n = 0;
    this.tables = await mapLimit(places, 16, async ({ s, id }) => {
      const t: Table = { id, members: [], host: null, waiting: [], items: [] };
      const seed = this.o.seed * 1000 + n++;
      t.host = await this.join(t, { hostKey: s.hostKey }, seed);
      await this.join(t, { code: s.code, spectate: true }, seed + 100);
      for (const [i, d] of DELEGATIONS.entries()) await this.join(t, { code: s.code, name: `Delegate ${d}`, delegation: d }, seed + 200 + i);
      await this.act(t.host, { type: "host.start" });
      return t;
    });
    const ready = await waitFor(() => this.tables.every((t) => t.members.every((m) => m.model.update?.view.status === "running")), 60_000);
    if (!ready) throw new Error("not every table started");
    return { clients: this.w.connections.length, tables: this.tables.map((t) => t.id), setupMs: Math.round(performance.now() - t0), joinRetries: this.w.joinRetries };
  }

  private async join(t: Table, options: Record<string, unknown>, seed: number): Promise<Member> {
    const conn = await this.w.connect((sdk) => sdk.joinById(t.id, options));
    const m: Member = { conn, model: new LiveModel(), table: t, rng: new SeededRandom(seed), refs: new Map(), nextRef: 0, lastAck: 0, busySince: null, replies: new Map() };
    this.listen(m, conn.room);
    t.members.push(m);
    if (!(await waitFor(() => m.model.update !== null, 30_000))) throw new Error(`no view after joining ${t.id}`);
    return m;
  }

  private listen(m: Member, room: Room): void {
    room.onMessage("welcome", (w: ServerMessages["welcome"]) => { if (m.table.items.length === 0) m.table.items = w.scenario.items; });
    room.onMessage("view", (v: ServerMessages["view"]) => { m.model.applyView(v); this.updated(m); });
    room.onMessage("patch", (p: ServerMessages["patch"]) => {
      if (m.model.applyPatch(p) === "gap") { this.w.resyncs++; room.send("resync", {}); return; }
      this.updated(m);
    });
    room.onMessage("history", () => undefined);
    room.onMessage("ack", (a: ServerMessages["ack"]) => {
      const r = a.ref === undefined ? undefined : m.refs.get(a.ref);
      if (!r) return;
      m.refs.delete(a.ref!);
      m.replies.get(a.ref!)?.(true);
      m.busySince = null;
      m.lastAck = Math.max(m.lastAck, a.seq);
      const audience = audienceOf(m.table, m, r.action);
      const reached = new Set([...audience].filter((x) => (x.model.update?.seq ?? -1) >= a.seq));
      if (reached.size === audience.size) this.w.complete(r.sent);
      else m.table.waiting.push({ seq: a.seq, sent: r.sent, audience, reached });
    });
    room.onMessage("error", (e: ServerMessages["error"]) => {
      const r = e.ref === undefined ? undefined : m.refs.get(e.ref);
      if (e.ref !== undefined) { m.refs.delete(e.ref); m.replies.get(e.ref)?.(false); }
      m.busySince = null;
      this.w.refuse(r?.sent, e.code);
    });
  }

  /** A model moved: trim it, and complete every action that all who can see it now hold. */
  private updated(m: Member): void {
    const u = m.model.update!;
    if (u.view.messages.length > KEEP_LINES) m.model.update = { ...u, view: { ...u.view, messages: u.view.messages.slice(-KEEP_LINES / 2) } };
    const t = m.table;
    if (t.waiting.length === 0) return;
    const now = performance.now();
    t.waiting = t.waiting.filter((x) => {
      if (x.seq <= u.seq && x.audience.has(m)) x.reached.add(m);
      if (x.reached.size < x.audience.size) return true;
      this.w.complete(x.sent, now);
      return false;
    });
  }

  private send(m: Member, action: Record<string, unknown>): number {
    const ref = ++m.nextRef;
    m.refs.set(ref, { sent: this.w.send(String(action.type)), action });
    m.busySince = performance.now();
    m.conn.room.send("act", { ref, action });
    return ref;
  }

  /** Sends an action and resolves with whether it was accepted (false on a refusal or after `ms` without a reply). */
  private act(m: Member, action: Record<string, unknown>, ms = 30_000): Promise<boolean> {
    const ref = this.send(m, action);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), ms);
      const done = (accepted: boolean) => { clearTimeout(timer); m.replies.delete(ref); resolve(accepted); };
      m.replies.set(ref, done);
    });
  }

  private players(): Member[] {
    return this.tables.flatMap((t) => t.members.filter((m) => m !== t.host && m.model.update?.you.seat));
  }

  /** May this member act now? Only with its own last action acknowledged and in its model (as a person who sees the screen). */
  private ready(m: Member): boolean {
    const u = m.model.update;
    if (!u || u.view.status !== "running" || u.seq < m.lastAck) return false;
    // A reply lost for ten seconds no longer holds the player back.
    return m.busySince === null || performance.now() - m.busySince > 10_000;
  }

  pace(on: boolean): void {
    this.w.pacing = on;
    if (!on) { for (const t of this.timers) clearTimeout(t); this.timers.clear(); return; }
    const every = (m: Member, delay: number, step: (m: Member) => void, next: () => number) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.w.pacing) return;
        if (this.ready(m)) step(m);
        every(m, next(), step, next);
      }, delay);
      this.timers.add(timer);
    };
    for (const m of this.players()) {
      every(m, m.rng.float() * 5000, (p) => {
        const move = humanMove(p.model.update!.legal, p.table.items, p.rng);
        if (move) this.send(p, move);
      }, () => humanDelay(m.rng));
    }
    // Tables spread over round 1's phases: table i is moved on i mod 4 times (to opening, consultations, drafting,
    // voting), one step every advanceSeconds from the start of pacing, so that the window sees every phase
    // without the phase changes of a whole class crammed into it.
    if (this.o.advanceSeconds <= 0) return;
    this.tables.forEach((t, i) => {
      for (let k = 0; k < i % 4; k++) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (this.w.pacing && t.host!.model.update?.view.status === "running") this.send(t.host!, { type: "host.advance" });
        }, (k + 1) * this.o.advanceSeconds * 1000);
        this.timers.add(timer);
      }
    });
  }

  /** The late-summit mode: chat fast until each table holds about `fillMessages` lines. */
  async fill(): Promise<FillResult> {
    const t0 = performance.now();
    const perPlayer = Math.ceil(this.o.fillMessages / DELEGATIONS.length);
    const deadline = Date.now() + 30 * 60_000;
    let accepted = 0, refused = 0;
    await Promise.all(this.players().map(async (p) => {
      for (let i = 0; i < perPlayer && Date.now() < deadline; i++) {
        const began = performance.now();
        const channels = p.model.update!.legal.flatMap((l) => (l.type === "say" ? [l.channel] : []));
        const channel = p.rng.chance(0.4) ? "public" : p.rng.pick(channels);
        if (await this.act(p, { type: "say", channel, text: chatLine(p.rng) })) accepted++; else refused++;
        await sleep(Math.max(0, 1000 / FILL_PER_SECOND - (performance.now() - began)));
      }
    }));
    // Wait until every client holds everything, so that the measurement starts from a quiet table.
    await this.caughtUp(60_000);
    return { fillMs: Math.round(performance.now() - t0), messagesPerTable: Math.round(accepted / this.tables.length), refused };
  }

  /** Every acknowledged action has reached all who can see it. */
  private caughtUp(ms: number): Promise<boolean> {
    return waitFor(() => this.tables.every((t) => t.waiting.length === 0), ms, 50);
  }

  /**
   * Waits until every client holds everything: each running table's host posts a public notice, and every client's
   * model must reach it (a client hears only of what it can see, so the table's last seq proves nothing alone).
   */
  async settle(ms: number): Promise<SettleResult> {
    const t0 = performance.now();
    const marks = new Map<Table, number>();
    await mapLimit(this.tables, 32, async (t) => {
      if (t.host?.model.update?.view.status !== "running") return;
      const before = t.host.lastAck;
      if (await this.act(t.host, { type: "host.broadcast", text: "Checkpoint." })) marks.set(t, Math.max(before, t.host.lastAck));
    });
    const behind = () => [...marks].flatMap(([t, seq]) => t.members.filter((m) => (m.model.update?.seq ?? -1) < seq));
    await waitFor(() => behind().length === 0, ms, 50);
    return { clients: this.w.connections.length, behind: behind().length, waitedMs: Math.round(performance.now() - t0) };
  }

  /** Every host ends its summit. */
  async endSummits(): Promise<EndResult> {
    const ok = await mapLimit(this.tables, 32, (t) => this.act(t.host!, { type: "host.end" }));
    return { ended: ok.filter(Boolean).length, refused: ok.filter((x) => !x).length };
  }
}
