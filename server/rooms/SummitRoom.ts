/** One summit table as a Colyseus room: validate → authorise → apply → persist → send views. */
import { type AuthContext, type Client, CloseCode, Delayed, Room, ServerError } from "@colyseus/core";
import { customAlphabet, nanoid } from "nanoid";
import { timingSafeEqual } from "node:crypto";
import { type LegalAction, legalActions } from "../../shared/legalActions";
import { readableBefore } from "../../shared/liveSync";
import { type Recipient, ViewSync } from "../viewSync";
import { nextDeadline } from "../../shared/rules/ballots";
import { clientMessages, errorText, joinOptionsSchema, type ErrorCode, type Presence, type ServerMessages, type You } from "../../shared/protocol";
import { viewWithoutMessages, type Viewer } from "../../shared/viewFor";
import type { GameEvent, State } from "../../shared/state";
import { services } from "../services";
import { type Outcome, TableAuthority } from "../tableAuthority";
import { blocked, noteFailure } from "../rateLimit";
import { BotDriver } from "../botDriver";
import { botStrengths } from "../../shared/botSeats";

interface Who { seat: string | null; host: boolean; spectator: boolean }
/** Compares secrets in constant time, so response timing says nothing about a host key. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const seatId = customAlphabet("abcdefghijkmnpqrstuvwxyz23456789", 10);

export class SummitRoom extends Room {
  override maxClients = 80;
  override autoDispose = false;
  table!: TableAuthority;
  private who = new Map<string, Who>();
  private connected = new Map<string, number>();
  private awaySince = new Map<string, number>();
  private timer: Delayed | null = null;
  private timerFor: number | null = null;
  private strikes = new Map<string, number>();
  private bots!: BotDriver;
  private createdAt = Date.now();
  private sync = new ViewSync();
  /** Events of actions applied but not yet sent (waiting for their commit). */
  private outbox: GameEvent[] = [];
  private sendQueued = false;
  private legalState: State | null = null;
  private legalCache = new Map<string, LegalAction[]>();

  override onCreate(options: { table: string }): void {
    const { store, config } = services();
    this.roomId = options.table;
    this.table = TableAuthority.load(store, options.table);
    this.maxMessagesPerSecond = config.maxMessagesPerSecond;
    this.onMessage("act", clientMessages.act, (client, msg) => this.act(client, msg.action, msg.ref));
    this.onMessage("resync", clientMessages.resync, (client) => this.resync(client));
    this.onMessage("history", clientMessages.history, (client, msg) => this.history(client, msg.before, msg.ref));
    this.onMessage("*", (client, type) => {
      this.sendError(client, "BAD_MESSAGE");
      this.strike(client, `unknown message type ${String(type).slice(0, 40)}`);
    });
    this.schedule();
    const mix = store.seminar(this.table.row.seminar)?.botStrength ?? "mixed";
    const strengths = botStrengths(this.table.state.scenario.delegations.map((d) => d.id), mix, this.table.row.header.seed);
    this.bots = new BotDriver({
      state: () => this.table.state,
      connected: (seat) => this.connected.has(seat),
      awayFor: (seat) => (this.connected.has(seat) ? 0 : Date.now() - (this.awaySince.get(seat) ?? this.createdAt)),
      submit: (by, action) => this.submit(null, by, action).ok,
    }, config.graceSeconds * 1000, config.botPaceMs, strengths);
    this.clock.setInterval(() => this.bots.step(), Math.max(50, Math.min(500, config.botPaceMs / 2)));
  }

  override onUncaughtException(err: Error, method: string): void {
    console.error(`[table ${this.roomId}] ${method}:`, err);
  }

  override async onAuth(client: Client, raw: unknown, context: AuthContext): Promise<Who & { token?: string; name?: string; delegation?: string }> {
    const parsed = joinOptionsSchema.safeParse(raw);
    if (!parsed.success) throw new ServerError(4400, "BAD_MESSAGE");
    const o = parsed.data;
    const { store } = services();
    const seminar = store.seminar(this.table.row.seminar)!;
    if ("token" in o) {
      const seat = store.seat(o.token);
      if (!seat || seat.table !== this.roomId || !this.table.state.seats[seat.seat]) throw new ServerError(4401, "BAD_TOKEN");
      return { seat: seat.seat, host: false, spectator: false };
    }
    // Only wrong codes and keys count: a guesser is stopped, a class behind one address is not.
    const key = `join:${context.ip ?? "?"}`;
    if (blocked(key)) throw new ServerError(4429, "RATE_LIMITED");
    if ("hostKey" in o) {
      if (!sameSecret(o.hostKey, seminar.hostKey)) { noteFailure(key); throw new ServerError(4401, "BAD_TOKEN"); }
      return { seat: null, host: true, spectator: false };
    }
    if (o.code !== seminar.code) { noteFailure(key); throw new ServerError(4404, "BAD_CODE"); }
    if ("spectate" in o) return { seat: null, host: false, spectator: true };
    return { seat: null, host: false, spectator: false, name: o.name, delegation: o.delegation, token: nanoid(24) };
  }

  override async onJoin(client: Client, _options: unknown, auth: Who & { token?: string; name?: string; delegation?: string }): Promise<void> {
    let who: Who = { seat: auth.seat, host: auth.host, spectator: auth.spectator };
    if (auth.token && auth.name) {
      // A new player: the seat is created (and placed, if asked) durably before the client hears of it.
      const seat = seatId();
      let written: (err?: Error) => void = () => undefined;
      const durable = new Promise<Error | undefined>((resolve) => { written = resolve; });
      const r = this.table.submit("system", { type: "seat.join", seat, name: auth.name }, { token: auth.token, table: this.roomId, seat, name: auth.name }, (err) => written(err));
      if (!r.ok) throw new ServerError(4409, r.error);
      this.outbox.push(...r.events);
      if (auth.delegation) this.submit(client, seat, { type: "seat.pick", delegation: auth.delegation });
      if (await durable) throw new ServerError(4500, "INTERNAL");
      who = { seat, host: false, spectator: false };
    }
    this.who.set(client.sessionId, who);
    if (who.seat) this.markPresent(who.seat);
    this.sendTo(client, "welcome", {
      table: this.roomId, seminar: this.table.row.seminar, code: who.host ? services().store.seminar(this.table.row.seminar)!.code : null,
      you: this.you(who), token: auth.token, scenario: viewWithoutMessages(this.table.state, { kind: "spectator" }).scenario,
    });
    this.sendAfterCommit();
  }

  override async onDrop(client: Client, code?: number): Promise<void> {
    const who = this.who.get(client.sessionId);
    this.forget(client);
    // A client thrown out for flooding gets no grace: Colyseus closes its socket only once onDrop returns.
    // The seat stays (away); its token brings the player back.
    if (code === CloseCode.WITH_ERROR) return;
    // Colyseus's own reconnection covers a short blip; the seat token covers everything else.
    try {
      await this.allowReconnection(client, services().config.graceSeconds);
      if (who) this.who.set(client.sessionId, who);
      if (who?.seat) this.markPresent(who.seat);
      // Patches sent while the link was down may be lost: the client starts again from a whole view.
      this.sync.reset(client.sessionId);
      this.sendAfterCommit();
    } catch {
      // the grace period ran out; the seat stays, marked away
    }
  }

  override onLeave(client: Client): void {
    this.forget(client);
  }

  private forget(client: Client): void {
    const who = this.who.get(client.sessionId);
    this.sync.drop(client.sessionId);
    this.who.delete(client.sessionId);
    if (who?.seat) {
      const n = (this.connected.get(who.seat) ?? 1) - 1;
      if (n <= 0) {
        this.connected.delete(who.seat);
        this.awaySince.set(who.seat, Date.now());
      } else this.connected.set(who.seat, n);
      this.sendAfterCommit();
    }
  }

  private markPresent(seat: string): void {
    this.connected.set(seat, (this.connected.get(seat) ?? 0) + 1);
    this.awaySince.delete(seat);
  }

  /** A message from a client: stamp it with the sender's identity and hand it to the engine. */
  private act(client: Client, action: Record<string, unknown>, ref?: number): void {
    const who = this.who.get(client.sessionId);
    if (!who) return;
    const by = who.host ? "host" : who.seat;
    if (!by) return this.sendError(client, "NOT_SEATED", ref);
    this.submit(client, by, action, ref);
  }

  /**
   * Applies an action on behalf of a client (or the server) and queues it for the group commit; once it is on disk
   * the sender gets its ack and everyone what changed (one update per commit, however many actions it carried).
   */
  submit(client: Client | null, by: string, action: Record<string, unknown>, ref?: number, done?: (ok: boolean, error?: ErrorCode) => void): Outcome {
    // Bots take the empty seats when the host opens a summit whose seminar asked for them.
    if (by === "host" && action.type === "host.start" && this.table.state.status === "lobby" && this.wantsBots()) this.bots.fillEmptySeats();
    let r: Outcome;
    try {
      r = this.table.submit(by, action, undefined, (err) => {
        if (err) {
          // The store could not write (disk full, I/O error): the state went back, so the action is simply refused.
          console.error(`[table ${this.roomId}] could not log ${String(action.type)}:`, err);
          this.outbox = [];
          if (client) this.sendError(client, "INTERNAL", ref);
          done?.(false, "INTERNAL");
          return;
        }
        if (client && r.ok) this.sendTo(client, "ack", { ref, seq: r.seq });
        done?.(true);
        this.sendAfterCommit();
      });
    } catch (e) {
      console.error(`[table ${this.roomId}] could not apply ${String(action.type)}:`, e);
      r = { ok: false, error: "INTERNAL" };
    }
    if (!r.ok) {
      if (client) this.sendError(client, r.error, ref);
      done?.(false, r.error);
      return r;
    }
    this.outbox.push(...r.events);
    // A person who takes a delegation held by a bot gets it back from the bot.
    const placed = action.type === "seat.pick" ? by : action.type === "seat.assign" ? String(action.seat) : null;
    const delegation = placed && !this.table.state.seats[placed]?.bot ? this.table.state.seats[placed]?.delegation : null;
    if (delegation) this.bots.yieldTo(delegation);
    return r;
  }

  /**
   * Sends every client what changed, once the actions queued so far are on disk: nothing leaves the room before it
   * is durable. Several requests in one turn make one update.
   */
  private sendAfterCommit(): void {
    if (this.sendQueued) return;
    this.sendQueued = true;
    this.table.afterCommit(() => {
      this.sendQueued = false;
      this.broadcastUpdate(this.outbox.splice(0));
      this.schedule();
    });
  }

  /** A host action arriving from the HTTP control route (possibly from another process). */
  hostAction(action: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> {
    return new Promise((resolve) => {
      this.submit(null, "host", action, undefined, (ok, error) => resolve(ok ? { ok: true } : { ok: false, error }));
    });
  }

  /** Keeps one timer armed for the next deadline (a ballot closing or a phase ending); expiry becomes a stamped clock.tick. */
  private schedule(): void {
    const endsAt = nextDeadline(this.table.state);
    if (endsAt === this.timerFor) return;
    this.timer?.clear();
    this.timer = null;
    this.timerFor = endsAt;
    if (endsAt === null) return;
    this.timer = this.clock.setTimeout(() => {
      this.timerFor = null;
      this.submit(null, "system", { type: "clock.tick" });
      this.schedule();
    }, Math.max(0, endsAt - Date.now()) + 5);
  }

  private wantsBots(): boolean {
    return services().store.seminar(this.table.row.seminar)?.bots ?? false;
  }

  private seatPresence(): Record<string, Presence> {
    const out: Record<string, Presence> = {};
    const autopilot = new Set(this.bots?.driven() ?? []);
    for (const [id, seat] of Object.entries(this.table.state.seats)) {
      out[id] = seat.bot || autopilot.has(id) ? "bot" : this.connected.has(id) ? "here" : "away";
    }
    return out;
  }

  private viewerOf(who: Who): Viewer {
    if (who.host) return { kind: "host" };
    const d = who.seat ? this.table.state.seats[who.seat]?.delegation : null;
    return d ? { kind: "delegation", delegation: d, seat: who.seat ?? undefined } : { kind: "spectator" };
  }

  private you(who: Who): You {
    const s = this.table.state;
    const delegation = who.seat ? s.seats[who.seat]?.delegation ?? null : null;
    return { seat: who.seat, delegation, signatory: !!delegation && s.delegations[delegation]?.signatory === who.seat, host: who.host, spectator: who.spectator };
  }

  /** Sends every client what changed for its own viewer (the whole view to a client that has none yet). */
  broadcastUpdate(events: GameEvent[]): void {
    const presence = this.seatPresence();
    const recipients = [];
    for (const client of this.clients) {
      const r = this.recipient(client);
      if (r) recipients.push(r);
    }
    this.sync.broadcast(this.table.state, events, recipients, presence);
  }

  private recipient(client: Client): Recipient | null {
    const who = this.who.get(client.sessionId);
    if (!who) return null;
    const viewer = this.viewerOf(who);
    const s = this.table.state;
    const by = who.host ? "host" : who.seat;
    return {
      id: client.sessionId, viewer, you: this.you(who),
      briefing: viewer.kind === "delegation" ? s.scenario.delegations.find((d) => d.id === viewer.delegation)?.briefing || null : null,
      legal: () => (by ? this.legalFor(by) : []),
      sendView: (v) => this.sendTo(client, "view", v),
      sendPatch: (p) => this.sendTo(client, "patch", p),
    };
  }

  /** Legal moves of a seat (or the host) in the current state, computed once per state however many connections share it. */
  private legalFor(by: string): LegalAction[] {
    const s = this.table.state;
    if (this.legalState !== s) { this.legalCache.clear(); this.legalState = s; }
    let l = this.legalCache.get(by);
    if (!l) { l = legalActions(s, by); this.legalCache.set(by, l); }
    return l;
  }

  /** A client that missed a patch asks for the whole view again. */
  private resync(client: Client): void {
    this.table.afterCommit(() => {
      const r = this.recipient(client);
      if (r) this.sync.sendFull(this.table.state, r, this.seatPresence());
    });
  }

  /** An older page of the messages this client may read. */
  private history(client: Client, before: number, ref?: number): void {
    this.table.afterCommit(() => {
      const r = this.recipient(client);
      if (!r) return;
      const { messages, older } = readableBefore(this.table.state, r.viewer, before);
      this.sendTo(client, "history", { ref, messages, older });
    });
  }

  private sendTo<K extends keyof ServerMessages>(client: Client, type: K, payload: ServerMessages[K]): void {
    client.send(type, payload);
  }

  private sendError(client: Client, code: ErrorCode, ref?: number): void {
    this.sendTo(client, "error", { code, text: errorText[code], ref });
  }

  /** Repeated garbage from one client ends its connection. */
  private strike(client: Client, why: string): void {
    const n = (this.strikes.get(client.sessionId) ?? 0) + 1;
    this.strikes.set(client.sessionId, n);
    if (n >= 5) {
      console.warn(`[table ${this.roomId}] disconnecting ${client.sessionId}: ${why}`);
      client.leave(CloseCode.WITH_ERROR);
    }
  }
}
