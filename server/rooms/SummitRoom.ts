/**
 * One summit table as a Colyseus room: validate → authorise → apply → persist → send views. What the table does
 * by itself (bots, autopilot, the clock) lives in its TableService and comes back through the same submit.
 */
import { type AuthContext, type Client, ClientState, CloseCode, ErrorCode as ColyseusError, matchMaker, Protocol, Room, ServerError } from "@colyseus/core";
import { customAlphabet, nanoid } from "nanoid";
import { timingSafeEqual } from "node:crypto";
import { joinUrl, publicOrigin } from "../publicUrl";
import { botStrengths } from "../../shared/botSeats";
import { type LegalAction, legalActions, sameLegalInputs } from "../../shared/legalActions";
import { readableBefore } from "../../shared/liveSync";
import { clientMessages, errorText, type HostTableLive, joinOptionsSchema, type ErrorCode, type Presence, type ServerMessages, type You } from "../../shared/protocol";
import type { GameEvent, State } from "../../shared/state";
import { viewWithoutMessages, type Viewer } from "../../shared/viewFor";
import { publicTranslations } from "../../shared/scenarioTexts";
import { tableTranslations } from "../scenarioSnapshots";
import { FairUse } from "../fairUse";
import { log, logRefusedJoin, logRoomException, summarised } from "../log";
import type { ServerContext } from "../serverContext";
import type { SeatRow, SeminarRow } from "../storage/types";
import { type Outcome, TableAuthority } from "../tableAuthority";
import { TableService } from "../tableService";
import { type Recipient, ViewSync } from "../viewSync";
import { Admission, type Group, HOST_GROUP, NEW_SEAT_GROUP, SPECTATOR_GROUP } from "./admission";
import { Attendance, type Who } from "./attendance";
import { EndedGrace } from "./endedGrace";

type Auth = Who & { token?: string; name?: string; delegation?: string; sessionId?: string; origin?: string };
/** A join check's answer: the client's auth, or the refusal's HTTP status and error code. */
type Admitted = { ok: true; auth: Auth } | { ok: false; status: number; code: string };
/** Where an action comes from: a client (answered with an ack or an error), or the table itself. */
interface Source {
  client?: Client; ref?: number; seat?: SeatRow;
  /** Called once the action is on disk (true) or was refused or could not be written (false, with the code). */
  done?: (ok: boolean, error?: ErrorCode) => void;
}

/** Compares secrets in constant time, so response timing says nothing about a host key. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The request headers a join link is built from (see publicOrigin). */
const LINK_HEADERS = ["host", "x-forwarded-host", "x-forwarded-proto"] as const;

const seatId = customAlphabet("abcdefghijkmnpqrstuvwxyz23456789", 10);

/** Host connections per table (the host's laptop, a phone, a projector signed in as host...). */
const HOST_CONNECTIONS = 6;

/** A connection's group for the caps (see Admission). */
function groupOf(who: Who & { name?: string }): Group {
  if (who.host) return HOST_GROUP;
  if (who.seat) return who.seat;
  return who.spectator ? SPECTATOR_GROUP : NEW_SEAT_GROUP;
}

/** The table a matchmaking request names (`POST /matchmake/joinById/<table>`). */
function tableOfRequest(context: AuthContext): string | null {
  const url = (context.req as { url?: unknown } | undefined)?.url;
  if (typeof url !== "string") return null;
  const m = /^\/matchmake\/joinById\/([A-Za-z0-9_-]{1,64})$/.exec(new URL(url, "http://localhost").pathname);
  return m ? m[1]! : null;
}

export class SummitRoom extends Room {
  /**
   * A backstop only: the real limits are the groups' caps (Admission), which together stay far below it, so that the
   * room never locks itself (a locked room refuses even its host).
   */
  override maxClients = 2000;
  override autoDispose = false;
  table!: TableAuthority;
  service!: TableService;
  private ctx!: ServerContext;
  /** The table's seminar (its code and host key never change). */
  private seminar!: SeminarRow;
  /** Set once another process of the cluster has taken this table over (see lostLease). */
  private lost = false;
  private here = new Attendance();
  private admission = new Admission();
  private strikes = new Map<string, number>();
  private fair!: FairUse;
  private sync = new ViewSync();
  /** Events of actions applied but not yet sent (waiting for their commit). */
  private outbox: GameEvent[] = [];
  private sendQueued = false;
  private legalState: State | null = null;
  private legalCache = new Map<string, LegalAction[]>();
  private grace!: EndedGrace;

  /**
   * `table` comes from whoever opens the room (TableRooms.open); `context` from the room type this server defined.
   * In a cluster the room is made only by the process that holds (or can take) the table's lease.
   */
  override async onCreate(options: { table?: unknown; context: ServerContext }): Promise<void> {
    if (typeof options.table !== "string") throw new Error("a summit room needs a table id");
    const ctx = options.context;
    const { store, config } = ctx;
    this.ctx = ctx;
    this.roomId = options.table;
    if (ctx.leases && !(await ctx.leases.claim(options.table))) throw new ServerError(409, `TABLE_ELSEWHERE: table ${options.table} is run by another process`);
    this.table = await TableAuthority.load(store, options.table);
    const seminar = await store.seminar(this.table.row.seminar);
    if (!seminar) throw new Error(`table ${options.table}: no seminar ${this.table.row.seminar}`);
    this.seminar = seminar;
    ctx.tables.roomUp(this.roomId);
    this.sync.translations = tableTranslations(this.table.row.header.scenarioId, this.table.row.header.scenarioVersion);
    this.maxMessagesPerSecond = config.maxMessagesPerSecond;
    // A reservation nobody uses lapses quickly (the SDK opens its socket at once).
    this.seatReservationTimeout = config.guard.seatReservationSeconds;
    this.fair = new FairUse(config.limits);
    this.onMessage("act", clientMessages.act, (client, msg) => this.act(client, msg.action, msg.ref));
    this.onMessage("resync", clientMessages.resync, (client) => this.resync(client));
    this.onMessage("history", clientMessages.history, (client, msg) => this.history(client, msg.before, msg.ref));
    this.onMessage("*", (client, type) => {
      this.sendError(client, "BAD_MESSAGE");
      this.strike(client, `unknown message type ${String(type).slice(0, 40)}`);
    });
    const strengths = botStrengths(this.table.state.scenario.delegations.map((d) => d.id), seminar.botStrength ?? "mixed", this.table.row.header.seed);
    this.service = new TableService({
      state: () => this.table.state,
      submit: (by, action) => this.submit(by, action).ok,
      connected: (seat) => this.here.connected(seat),
      awayFor: (seat) => this.here.awayFor(seat),
      clock: this.clock,
    }, { graceMs: config.graceSeconds * 1000, paceMs: config.botPaceMs, strengths, wantsBots: seminar.bots });
    this.grace = new EndedGrace({
      clock: this.clock,
      autoDispose: () => this.autoDispose,
      setAutoDispose: (on) => { this.autoDispose = on; },
      ended: () => this.table.state.status === "ended",
      empty: () => this.clients.length === 0,
    }, config.endedGraceSeconds * 1000);
    this.grace.check();
  }

  override onDispose(): void {
    this.service?.dispose();
    if (this.table) this.ctx.tables.roomDown(this.roomId);
    // A table left behind finished (or by a process stopping) is free for whichever process is asked for it next.
    if (this.table) void this.ctx.leases?.release(this.roomId);
  }

  override onUncaughtException(err: Error, method: string): void {
    logRoomException(this.roomId, method, err);
  }

  /**
   * The join check, run by the matchmaker BEFORE a seat is reserved (Colyseus 0.18's static onAuth): a join with bad
   * options, a wrong token, code or host key, or no room left in its group costs the table nothing. What it returns
   * (with the session id of the reservation it counts) becomes the client's `auth` in onJoin.
   */
  static override async onAuth(_token: string | undefined, raw: unknown, context: AuthContext): Promise<Auth> {
    const table = tableOfRequest(context);
    const room = table ? matchMaker.getLocalRoomById(table) : undefined;
    const ip = context.ip ?? "?";
    // What the join link is built from, in the process that runs the table (PUBLIC_URL, or the address asked).
    const asked = Object.fromEntries(LINK_HEADERS.map((h) => [h, context.headers?.get(h) ?? null]));
    // A table run by another process of the cluster is asked there (its room holds the counts and the seminar).
    const verdict: Admitted = room instanceof SummitRoom
      ? await room.admitted(raw, ip, asked)
      : table
        ? await matchMaker.remoteRoomCall<SummitRoom, "admitted">(table, "admitted", [raw, ip, asked]).catch((): Admitted => ({ ok: false, status: ColyseusError.MATCHMAKE_INVALID_ROOM_ID, code: "NO_SUCH_TABLE" }))
        : { ok: false, status: ColyseusError.MATCHMAKE_INVALID_ROOM_ID, code: "NO_SUCH_TABLE" };
    if (!verdict.ok) {
      // One summarised line per refusal kind and address; never the options (they hold codes, keys and tokens).
      logRefusedJoin({ table: table ?? "?", reason: verdict.code, ip: context.ip });
      throw new ServerError(verdict.status, verdict.code === "NO_SUCH_TABLE" ? "no such table" : verdict.code);
    }
    return verdict.auth;
  }

  /** `admit`, as a plain answer that can cross processes (a remote call carries no error codes). */
  async admitted(raw: unknown, address: string, asked: Record<string, string | null> = {}): Promise<Admitted> {
    try {
      const auth = await this.admit(raw, address);
      // The host and the projector are given the join link, built on PUBLIC_URL or the address they asked.
      return { ok: true, auth: auth.host || auth.spectator ? { ...auth, origin: publicOrigin(this.ctx.config, (n) => asked[n]) } : auth };
    } catch (e) {
      if (e instanceof ServerError) return { ok: false, status: e.code, code: e.message };
      log.error({ table: this.roomId, err: e }, `table ${this.roomId}: join check failed`);
      return { ok: false, status: 500, code: "INTERNAL" };
    }
  }

  /**
   * Checks join options against this table and counts the reservation they will get (every await — the seat look-up,
   * the shared limits — comes first; the count and the reservation are synchronous: no join can come between them).
   * A refusal is the HTTP answer to the matchmaking request: its status (400, 401, 404, 409, 429) is the SDK's error
   * code and the error code its message.
   */
  async admit(raw: unknown, address: string): Promise<Auth> {
    const parsed = joinOptionsSchema.safeParse(raw);
    if (!parsed.success) throw new ServerError(400, "BAD_MESSAGE");
    const o = parsed.data;
    const { store, codes, attempts } = this.ctx;
    const seminar = this.seminar;
    const seat = "token" in o ? await store.seat(o.token) : null;
    let who: Auth;
    if ("token" in o) {
      if (!seat || seat.table !== this.roomId || !this.table.state.seats[seat.seat]) throw new ServerError(401, "BAD_TOKEN");
      who = { seat: seat.seat, host: false, spectator: false };
    } else if ("hostKey" in o) {
      // A host key cannot be guessed (24 random characters): the right one always gets in, even from a locked address.
      if (!sameSecret(o.hostKey, seminar.hostKey)) {
        if (!(await attempts.allowAttempt(`join:${address}`))) throw new ServerError(429, "RATE_LIMITED");
        throw new ServerError(401, "BAD_TOKEN");
      }
      who = { seat: null, host: true, spectator: false };
    } else {
      const verdict = await codes.check("join", address, o.code, o.code === seminar.code);
      if (verdict === "limited") throw new ServerError(429, "RATE_LIMITED");
      if (verdict === "wrong") throw new ServerError(404, "BAD_CODE");
      who = "spectate" in o
        ? { seat: null, host: false, spectator: true }
        : { seat: null, host: false, spectator: false, name: o.name, delegation: o.delegation, token: nanoid(24) };
    }
    const group = groupOf(who);
    if (!this.admission.roomFor(group, this.openIn(group), this.capOf(group))) {
      throw group === NEW_SEAT_GROUP ? new ServerError(409, "TEAM_FULL") : new ServerError(429, "TOO_MANY_CONNECTIONS");
    }
    const sessionId = nanoid(21);
    this.admission.reserve(sessionId, group, this.seatReservationTimeout);
    return { ...who, sessionId };
  }

  /** Open connections of a group (a new player's seat does not exist yet: its group counts the table's seats). */
  private openIn(group: Group): number {
    if (group === NEW_SEAT_GROUP) return Object.values(this.table.state.seats).filter((s) => !s.bot).length;
    let n = 0;
    for (const c of this.clients) {
      const w = this.here.whoIs(c.sessionId);
      if (w && groupOf(w) === group) n++;
    }
    return n;
  }

  private capOf(group: Group): number {
    const { limits, guard } = this.ctx.config;
    if (group === SPECTATOR_GROUP) return guard.spectatorsPerTable;
    if (group === HOST_GROUP) return HOST_CONNECTIONS;
    if (group === NEW_SEAT_GROUP) return guard.seatsPerTable;
    return limits.connectionsPerSeat;
  }

  override async onJoin(client: Client, _options: unknown, auth?: Auth): Promise<void> {
    this.admission.used(client.sessionId);
    // Every join passes the static check; a join without its result (a server-side join) is refused.
    if (!auth) throw new ServerError(4401, "BAD_TOKEN");
    // Checked again here, where no other join can come between the count and the connection.
    if (auth.seat && !this.admission.roomFor(auth.seat, this.here.connections(auth.seat), this.capOf(auth.seat))) {
      throw new ServerError(4429, "TOO_MANY_CONNECTIONS");
    }
    this.grace.stayUp();
    let who: Who = { seat: auth.seat, host: auth.host, spectator: auth.spectator };
    if (auth.token && auth.name) {
      // A new player: the seat is created (and placed, if asked) durably before the client hears of it.
      const seat = seatId();
      let written: (ok: boolean) => void = () => undefined;
      const durable = new Promise<boolean>((resolve) => { written = resolve; });
      const r = this.submit("system", { type: "seat.join", seat, name: auth.name }, { seat: { token: auth.token, table: this.roomId, seat, name: auth.name }, done: (ok) => written(ok) });
      if (!r.ok) throw new ServerError(4409, r.error);
      if (auth.delegation) this.submit(seat, { type: "seat.pick", delegation: auth.delegation }, { client });
      // The client hears of its seat only once the seat is on disk.
      if (!(await durable)) throw new ServerError(4500, "INTERNAL");
      who = { seat, host: false, spectator: false };
    }
    this.arrive(client, who);
    this.sendTo(client, "welcome", {
      table: this.roomId, seminar: this.table.row.seminar, code: who.host || who.spectator ? this.seminar.code : null,
      you: this.you(who), token: auth.token, scenario: { ...viewWithoutMessages(this.table.state, { kind: "spectator" }).scenario, translations: publicTranslations(this.sync.translations) },
      // The host and the projector show students how to join (the projector came in with the code, so it may show it).
      ...(auth.origin && (who.host || who.spectator) ? { joinUrl: joinUrl(auth.origin, this.seminar.code) } : {}),
    });
    this.sendAfterCommit();
  }

  override async onDrop(client: Client, code?: number): Promise<void> {
    const who = this.forget(client);
    // A client thrown out for flooding gets no grace: Colyseus closes its socket only once onDrop returns.
    // The seat stays (away); its token brings the player back.
    if (code === CloseCode.WITH_ERROR) return;
    // Colyseus's own reconnection covers a short blip; the seat token covers everything else.
    const reconnection = this.allowReconnection(client, this.ctx.config.graceSeconds);
    // A dropped connection keeps its place in its group until it comes back, its grace runs out, or the same
    // person needs the place for a new connection (Admission.roomFor).
    if (who) this.admission.inGrace(client.sessionId, groupOf(who), () => reconnection.reject(new Error("place taken by a new connection")));
    try {
      await reconnection;
      this.admission.graceOver(client.sessionId);
      if (who) this.arrive(client, who);
      this.grace.stayUp();
      // forget() reset what the client held: it starts again from a whole view (patches sent while away may be lost).
      this.sendAfterCommit();
    } catch {
      // the grace period ran out (or a new connection took its place); the seat stays, marked away
      this.admission.graceOver(client.sessionId);
      this.grace.check();
    }
  }

  override onLeave(client: Client): void {
    this.forget(client);
  }

  /**
   * Another process of the cluster runs this table now (this one was thought dead, and its lease lapsed): the room
   * goes at once, writing nothing more, and its clients reconnect to the table where it runs now.
   */
  lostLease(): void {
    if (this.lost) return;
    this.lost = true;
    log.warn({ table: this.roomId }, `table ${this.roomId}: lease lost to another process; closing the room here`);
    this.outbox = [];
    void this.disconnect(CloseCode.SERVER_SHUTDOWN);
  }

  /** Keeps a finished room up a while longer: someone is about to join it (see TableRooms.open). */
  keepAlive(): void {
    this.grace.keepAlive();
  }

  private arrive(client: Client, who: Who): void {
    this.here.arrive(client.sessionId, who);
    if (who.seat) this.service.presenceChanged();
  }

  /** A connection went: who it was, for a reconnection to restore. */
  private forget(client: Client): Who | undefined {
    this.sync.reset(client.sessionId);
    this.fair.forget(client.sessionId);
    const who = this.here.depart(client.sessionId);
    if (who?.seat) {
      this.service.presenceChanged();
      this.sendAfterCommit();
    }
    this.grace.check();
    return who;
  }

  /** A message from a client: stamp it with the sender's identity, hold it to the seat's fair use, hand it to the engine. */
  private act(client: Client, action: Record<string, unknown>, ref?: number): void {
    const who = this.here.whoIs(client.sessionId);
    if (!who) return;
    const by = who.host ? "host" : who.seat;
    if (!by) return this.sendError(client, "NOT_SEATED", ref);
    if (!who.host && !this.fair.allows(by, action)) {
      this.sendError(client, "RATE_LIMITED", ref);
      if (this.fair.refused(client.sessionId)) {
        summarised("disconnected: over the line budget", `table ${this.roomId}`, { table: this.roomId, session: client.sessionId }, `table ${this.roomId}: disconnecting ${client.sessionId}: over the line budget again and again`);
        client.leave(CloseCode.WITH_ERROR);
      }
      return;
    }
    this.submit(by, action, { client, ref });
  }

  /**
   * The one path by which an action reaches the table, for people and the table's own actors alike: apply, and queue
   * for the group commit; once the log has it, the ack (to a client that sent it) and the updates to everyone — one
   * update per commit, however many actions it carried.
   */
  submit(by: string, action: Record<string, unknown>, from: Source = {}): Outcome {
    this.service.beforeAction(by, action);
    let r: Outcome = { ok: false, error: "INTERNAL" };
    try {
      r = this.table.submit(by, action, from.seat, (err) => this.committed(action, r, from, err));
    } catch (e) {
      summarised("engine threw", `table ${this.roomId}`, { table: this.roomId, action: String(action.type).slice(0, 40), err: e }, `table ${this.roomId}: could not apply an action`, "error");
      r = { ok: false, error: "INTERNAL" };
    }
    if (!r.ok) {
      if (from.client) this.sendError(from.client, r.error, from.ref);
      from.done?.(false, r.error);
      return r;
    }
    // Lines a person's client posted come out of the seat's budget (the table's own actors have none).
    if (from.client && by !== "host") this.fair.spend(by, r.events);
    this.outbox.push(...r.events);
    this.service.afterAction(by, action);
    this.grace.check();
    return r;
  }

  /** An action is on disk (or the write failed and the table went back to what is): tell its sender, then everyone. */
  private committed(action: Record<string, unknown>, r: Outcome, from: Source, err?: Error): void {
    if (err?.message.startsWith("LEASE_LOST")) this.lostLease();
    if (err || !r.ok) {
      // The store could not write (disk full, I/O error): the state went back, so the action is simply refused.
      log.error({ table: this.roomId, action: String(action.type).slice(0, 40), err }, `table ${this.roomId}: could not log an action`);
      this.outbox = [];
      if (from.client) this.sendError(from.client, "INTERNAL", from.ref);
      from.done?.(false, "INTERNAL");
      this.service.presenceChanged();
      return;
    }
    if (from.client) this.sendTo(from.client, "ack", { ref: from.ref, seq: r.seq });
    from.done?.(true);
    this.sendAfterCommit();
  }

  /**
   * Sends every client what changed, once everything queued so far is on disk: nothing leaves the room before it is
   * durable. Several requests in one turn make one update.
   */
  private sendAfterCommit(): void {
    if (this.sendQueued) return;
    this.sendQueued = true;
    const send = () => {
      this.sendQueued = false;
      this.broadcastUpdate(this.outbox.splice(0));
    };
    // Right after the acks of the commit that made the state durable; else after the next commit.
    if (this.table.durableNow) queueMicrotask(() => (this.table.durableNow ? send() : this.table.afterCommit(send)));
    else this.table.afterCommit(send);
  }

  /** A host action arriving from the HTTP control route, answered once it is on disk. */
  hostAction(action: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> {
    return new Promise((resolve) => {
      this.submit("host", action, { done: (ok, error) => resolve(ok ? { ok: true } : { ok: false, error }) });
    });
  }

/** What the host page shows of a table whose room is up: its clock now, its seats and who is there. */
  hostView(): HostTableLive {
    const s = this.table.state;
    const presence = this.seatPresence();
    return {
      status: s.status, round: s.round, rounds: s.scenario.rounds, phase: s.phase, clock: { ...s.clock },
      seats: Object.entries(s.seats).map(([seat, x]) => ({
        seat, name: x.name, delegation: x.delegation, bot: x.bot, presence: presence[seat] ?? "away",
        signatory: !!x.delegation && s.delegations[x.delegation]?.signatory === seat,
      })),
      delegations: s.scenario.delegations.map((d) => ({ id: d.id, name: d.name })),
      items: s.scenario.items.map((i) => ({ id: i.id, title: i.title, options: i.options.map((o) => ({ id: o.id, title: o.title })) })),
      outcomes: s.result?.outcomes ?? s.outcomes,
    };
  }

  /** Who is at each seat now: here, away, or a bot (a bot seat, or a seat the autopilot plays). */
  seatPresence(): Record<string, Presence> {
    return this.here.presence(this.table.state, this.service.driven());
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
    const who = this.here.whoIs(client.sessionId);
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

  /** Legal moves of a seat (or the host), worked out once per change that can affect them, however many connections share the seat. */
  private legalFor(by: string): LegalAction[] {
    const s = this.table.state;
    if (this.legalState !== s) {
      if (!this.legalState || !sameLegalInputs(this.legalState, s)) this.legalCache.clear();
      this.legalState = s;
    }
    let l = this.legalCache.get(by);
    if (!l) { l = legalActions(s, by); this.legalCache.set(by, l); }
    return l;
  }

  /** A client that missed a patch asks for the whole view again. */
  private resync(client: Client): void {
    if (!this.allowRequest(client, "resync")) return;
    this.table.afterCommit(() => {
      const r = this.recipient(client);
      if (r) this.sync.sendFull(this.table.state, r, this.seatPresence());
    });
  }

  /** An older page of the messages this client may read. */
  private history(client: Client, before: number, ref?: number): void {
    if (!this.allowRequest(client, "history", ref)) return;
    this.table.afterCommit(() => {
      const r = this.recipient(client);
      if (!r) return;
      const { messages, older } = readableBefore(this.table.state, r.viewer, before);
      this.sendTo(client, "history", { ref, messages, older });
    });
  }

  /** Whole views and history pages are a few per second per connection; more is refused, and a stream of it cut off. */
  private allowRequest(client: Client, kind: "resync" | "history", ref?: number): boolean {
    if (this.fair.allowsRequest(client.sessionId, kind)) return true;
    this.sendError(client, "RATE_LIMITED", ref);
    if (this.fair.refused(client.sessionId)) {
      summarised(`disconnected: too many ${kind} requests`, `table ${this.roomId}`, { table: this.roomId, session: client.sessionId }, `table ${this.roomId}: disconnecting ${client.sessionId}: too many ${kind} requests`);
      client.leave(CloseCode.WITH_ERROR);
    }
    return false;
  }

  /** Optional keys that are undefined are left out, not sent as msgpack's "undefined" marker (docs/PROTOCOL.md §7). */
  private sendTo<K extends keyof ServerMessages>(client: Client, type: K, payload: ServerMessages[K]): void {
    const p = payload as Record<string, unknown>;
    let clean = p;
    for (const k in p) {
      if (p[k] !== undefined) continue;
      if (clean === p) clean = { ...p };
      delete clean[k];
    }
    client.send(type, clean);
  }

  private sendError(client: Client, code: ErrorCode, ref?: number): void {
    this.sendTo(client, "error", { code, text: errorText[code], ref });
  }

  /** Repeated garbage from one client ends its connection. */
  private strike(client: Client, why: string): void {
    const n = (this.strikes.get(client.sessionId) ?? 0) + 1;
    this.strikes.set(client.sessionId, n);
    if (n >= 5) {
      summarised("disconnected: garbage messages", `table ${this.roomId}`, { table: this.roomId, session: client.sessionId, why }, `table ${this.roomId}: disconnecting ${client.sessionId}: ${why}`);
      client.leave(CloseCode.WITH_ERROR);
    }
  }
}

/**
 * The frames a client of this game sends: the join acknowledgement, a leave, messages (ROOM_DATA) and pings.
 * Colyseus 0.18 also dispatches ROOM_REQUEST (21) frames to the message handlers, outside the rules that hold for
 * ROOM_DATA (a validation failure answers with the validator's text instead of disconnecting, an unknown type is not
 * counted as a strike), and byte and input frames. The game uses none of them: a client that sends one is cut off,
 * as one that sends a malformed `act` is (close 4002).
 */
const CLIENT_FRAMES = new Set<number>([Protocol.JOIN_ROOM, Protocol.LEAVE_ROOM, Protocol.ROOM_DATA, Protocol.PING]);
const PROTOCOL_CODE_MASK = 31; // the low five bits of the first byte; the rest are modifiers
type OnMessage = (this: Room, client: Client, buffer: Buffer) => void;
const dispatch = (Room.prototype as unknown as { _onMessage: OnMessage })._onMessage;
Object.defineProperty(SummitRoom.prototype, "_onMessage", {
  configurable: true, writable: true,
  value: function (this: SummitRoom, client: Client, buffer: Buffer): void {
    const first = buffer?.[0];
    if (first !== undefined && CLIENT_FRAMES.has(first & PROTOCOL_CODE_MASK)) return dispatch.call(this, client, buffer);
    if (client.state === ClientState.LEAVING) return;
    summarised("frame refused", `${this.roomId}:${String(first)}`, { table: this.roomId, kind: String(first) }, `disconnecting a client: a frame of kind ${String(first)} this game does not use`);
    client.leave(CloseCode.WITH_ERROR);
  },
});
