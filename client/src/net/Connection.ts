/** The one file that talks to the network: HTTP routes and a summit room through the Colyseus SDK. */
import { Client, type Room } from "@colyseus/sdk";
import type { JoinOptions, ServerMessages, SeminarCreated, SeminarInfo, Placement, CreateSeminar, ScenarioListing, HostDashboard } from "../../../shared/protocol";
import type { GameEvent } from "../../../shared/state";
import { LiveModel, type LiveUpdate } from "../../../shared/liveSync";
import type { ForkCreated, Imported, LiveReplay, PublicMoment, ReplayLibrary } from "../../../shared/replayProtocol";
import type { Mode, TableFeed, TableModel } from "../model";
import { localiseModel } from "../localise";
import { lang, onLangChange } from "../i18n";
import { errorMessage } from "../errorMessage";

export type Reply = { ok: true; seq: number } | { ok: false; code: string; text: string };
export type ConnectionStatus = "connected" | "reconnecting" | "lost";

const seatKey = (table: string) => `csto.seat.${table}`;

/** Seat tokens live in localStorage so that a reload brings a player back to the same seat. */
export const seatTokens = {
  get: (table: string): string | null => localStorage.getItem(seatKey(table)),
  set: (table: string, token: string): void => localStorage.setItem(seatKey(table), token),
  clear: (table: string): void => localStorage.removeItem(seatKey(table)),
};

async function http<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({ error: "BAD_MESSAGE" }));
  if (!res.ok) throw Object.assign(new Error(String(json.error ?? res.status)), { code: json.error ?? "INTERNAL", detail: json.detail });
  return json as T;
}

/** The page's own ?code= or ?hostKey=, for reading a running table (server/http/replays.ts). */
function replayAccess(sep: "?" | "&"): string {
  const q = new URLSearchParams(typeof location === "undefined" ? "" : location.search);
  const pass = new URLSearchParams();
  for (const k of ["code", "hostKey"]) { const v = q.get(k); if (v) pass.set(k, v); }
  const s = pass.toString();
  return s ? sep + s : "";
}

export const api = {
  scenarios: () => http<ScenarioListing[]>("GET", "/api/scenarios"),
  createSeminar: (body: CreateSeminar) => http<SeminarCreated>("POST", "/api/seminars", body),
  seminar: (code: string) => http<SeminarInfo>("GET", `/api/seminars/${encodeURIComponent(code)}`),
  place: (code: string, delegation?: string, table?: number) => http<Placement>("POST", "/api/place", { code, delegation, table }),
  dashboard: (hostKey: string) => http<HostDashboard>("GET", `/api/host/${encodeURIComponent(hostKey)}`),
  admit: (hostKey: string) => http<{ admitted: number }>("POST", `/api/host/${encodeURIComponent(hostKey)}/admit`, {}),
  control: (hostKey: string, action: Record<string, unknown>, tables?: string[]) =>
    http<{ results: Record<string, { ok: boolean; error?: string }> }>("POST", `/api/host/${encodeURIComponent(hostKey)}/control`, { action, tables }),
  // Replays (server/http/replays.ts): a finished session comes as its session file, a running one as its public timeline.
  replays: (query: Record<string, string>) => http<ReplayLibrary>("GET", `/api/replays?${new URLSearchParams(query)}`),
  // A running table is read with its code or host key: the replay page passes on its own ?code= / ?hostKey=.
  replay: (table: string) => http<LiveReplay | { format: "csto-summit-session" }>("GET", `/api/replays/${encodeURIComponent(table)}${replayAccess("?")}`),
  replayMoment: (table: string, seq: number) => http<PublicMoment>("GET", `/api/replays/${encodeURIComponent(table)}/view?seq=${seq}${replayAccess("&")}`),
  importSession: (file: unknown) => http<Imported>("POST", "/api/replays/import", file),
  fork: (table: string, seq: number) => http<ForkCreated>("POST", `/api/replays/${encodeURIComponent(table)}/fork`, { seq }),
};

/** Retries of the SDK's own reconnection before the seat-token rejoin: 0.2 + 0.4 + 0.8 + 1.6 + 3.2 + 5 s. */
const SDK_RETRIES = 6;

/** A live connection to one table; rejoins by itself (with the seat token) when the link drops. */
export class Connection implements TableFeed {
  private room: Room | null = null;
  private model: TableModel | null = null;
  private listeners = new Set<(m: TableModel, e: GameEvent[]) => void>();
  private statusListeners = new Set<(s: ConnectionStatus) => void>();
  private pending = new Map<number, (r: Reply) => void>();
  private ref = 0;
  private closed = false;
  private welcome: ServerMessages["welcome"] | null = null;
  private live: LiveModel | null = null;
  private historyPending = false;
  private skew = 0;
  /** The model as the server sent it (English); `model` is it in the current language. */
  private raw: TableModel | null = null;
  private offLang: (() => void) | null = null;
  onError: (code: string, text: string) => void = () => undefined;

  private constructor(readonly table: string, private options: JoinOptions, readonly mode: Mode) {
    // A new language: every screen gets the same model again in it (no events: nothing happened at the table).
    this.offLang = onLangChange(() => {
      if (!this.raw) return;
      this.model = localiseModel(this.raw, lang());
      for (const fn of this.listeners) fn(this.model, []);
    });
  }

  /** Joins a table and resolves once the first view has arrived. */
  static async open(table: string, options: JoinOptions, mode: Mode): Promise<Connection> {
    const c = new Connection(table, options, mode);
    try {
      await c.connect();
    } catch (e) {
      c.offLang?.();
      throw e;
    }
    return c;
  }

  private async connect(): Promise<void> {
    const client = new Client(location.origin);
    const room = await client.joinById(this.table, this.options);
    this.room = room;
    // The SDK's own reconnection heals a blip (same process, same room) within about ten seconds. Past that the table
    // may run elsewhere (its process restarted, or another process of a cluster took it over): the seat token
    // finds it wherever it is (rejoin below), without waiting out the SDK's default minute of retries.
    room.reconnection.maxRetries = SDK_RETRIES;
    let resolveFirst: () => void = () => undefined;
    const first = new Promise<void>((r) => { resolveFirst = r; });
    room.onMessage("welcome", (w: ServerMessages["welcome"]) => {
      this.welcome = w;
      // A new seat: keep its token and rejoin with it from now on.
      if (w.token) {
        seatTokens.set(this.table, w.token);
        this.options = { token: w.token };
      }
    });
    const live = new LiveModel();
    const publish = (u: LiveUpdate) => {
      if (!this.welcome) return;
      this.raw = { mode: this.mode, welcome: this.welcome, update: u, clockSkew: this.skew, olderMessages: live.olderMessages };
      this.model = localiseModel(this.raw, lang());
      for (const fn of this.listeners) fn(this.model, this.model.update.events);
      resolveFirst();
    };
    this.live = live;
    room.onMessage("view", (v: ServerMessages["view"]) => {
      // The server's clock comes with each whole view; patches do not repeat it.
      this.skew = v.serverNow - Date.now();
      publish(live.applyView(v));
    });
    room.onMessage("patch", (p: ServerMessages["patch"]) => {
      // A missed patch (or one that does not fit) makes the client ask for the whole view again.
      if (live.applyPatch(p) === "gap") room.send("resync", {});
      else publish(live.update!);
    });
    room.onMessage("history", (h: ServerMessages["history"]) => {
      live.prependHistory(h);
      this.historyPending = false;
      if (live.update) publish({ ...live.update, events: [] });
    });
    room.onMessage("ack", (a: ServerMessages["ack"]) => { if (a.ref !== undefined) this.settle(a.ref, { ok: true, seq: a.seq }); });
    room.onMessage("error", (e: ServerMessages["error"]) => {
      // The server's words are English; the client shows its own, in the reader's language.
      const text = errorMessage(e.code, e.text);
      if (e.ref !== undefined && this.pending.has(e.ref)) this.settle(e.ref, { ok: false, code: e.code, text });
      else this.onError(e.code, text);
    });
    room.onDrop(() => this.setStatus("reconnecting"));
    room.onReconnect(() => this.setStatus("connected"));
    room.onLeave((code) => { if (!this.closed && code !== 1000) void this.rejoin(); });
    await Promise.race([first, new Promise<void>((_, rej) => setTimeout(() => rej(new Error("no view from the server")), 10_000))]);
    this.setStatus("connected");
  }

  /** Tries to come back with the same options (the seat token for a player), a bounded number of times. */
  private async rejoin(): Promise<void> {
    this.setStatus("reconnecting");
    for (let attempt = 0; attempt < 30 && !this.closed; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(5000, 500 * (attempt + 1))));
      try {
        await this.connect();
        return;
      } catch {
        // server still down or restarting: try again
      }
    }
    this.setStatus("lost");
  }

  private settle(ref: number, r: Reply): void {
    this.pending.get(ref)?.(r);
    this.pending.delete(ref);
  }

  private setStatus(s: ConnectionStatus): void { for (const fn of this.statusListeners) fn(s); }

  current(): TableModel | null { return this.model; }

  /** Asks for the page of messages before the oldest one held (at most one request at a time). */
  loadOlderMessages(): void {
    const first = this.live?.update?.view.messages[0];
    if (!this.room || !first || !this.live?.olderMessages || this.historyPending) return;
    this.historyPending = true;
    this.room.send("history", { before: first.seq });
  }

  subscribe(fn: (m: TableModel, e: GameEvent[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onStatus(fn: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  /** Sends an action; resolves with the server's ack or its coded refusal. */
  act(action: Record<string, unknown>): Promise<Reply> {
    const ref = ++this.ref;
    return new Promise((resolve) => {
      if (!this.room) return resolve({ ok: false, code: "NOT_RUNNING", text: errorMessage("NOT_CONNECTED") });
      this.pending.set(ref, resolve);
      this.room.send("act", { ref, action });
      setTimeout(() => this.settle(ref, { ok: false, code: "INTERNAL", text: errorMessage("TIMEOUT") }), 10_000);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.offLang?.();
    await this.room?.leave(true).catch(() => undefined);
  }
}
