/** Test harness: a real server on 127.0.0.1 with a temporary data directory, and real SDK clients. */
import { Client, type Room } from "@colyseus/sdk";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Running, startServer } from "../../server/app";
import { configFromEnv } from "../../server/config";
import type { JoinOptions, SeminarCreated, ServerMessages, CreateSeminar } from "../../shared/protocol";
import { LiveModel, type LiveUpdate } from "../../shared/liveSync";

export interface TestServer { running: Running; url: string; dataDir: string; stop(): Promise<void> }

/**
 * Starts the real server on a free loopback port, with its own data directory (a file may start several). `scenarios`
 * are installed as an instructor would, as files in the scenario folder the server reads at start.
 */
export async function startTestServer(env: Record<string, string> = {}, scenarios: unknown[] = []): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "csto-test-"));
  const scenarioDir = join(dataDir, "scenarios");
  mkdirSync(scenarioDir);
  scenarios.forEach((s, i) => writeFileSync(join(scenarioDir, `scenario-${i}.json`), JSON.stringify(s)));
  const running = await startServer({ ...configFromEnv({ ...env }), port: 0, host: "127.0.0.1", dataDir });
  return {
    running, dataDir, url: `http://127.0.0.1:${running.port}`,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function post<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

export async function createSeminar(server: TestServer, body: CreateSeminar): Promise<SeminarCreated> {
  const r = await post<SeminarCreated>(`${server.url}/api/seminars`, body);
  if (r.status !== 201) throw new Error(`seminar not created: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Resolves when `pred` holds, polling; rejects after `ms` (every wait in these tests is bounded). */
export async function until(pred: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

type Update = LiveUpdate;
type Welcome = ServerMessages["welcome"];

/** A player, host or spectator connected through the real SDK, remembering what it was told. */
export class Player {
  room!: Room;
  welcome: Welcome | null = null;
  update: Update | null = null;
  /** Every state this client's model has been in, one per full view or patch. */
  updates: Update[] = [];
  /** The raw messages: full views and patches as they arrived. */
  fulls: ServerMessages["view"][] = [];
  patches: ServerMessages["patch"][] = [];
  readonly live = new LiveModel();
  errors: ServerMessages["error"][] = [];
  histories: ServerMessages["history"][] = [];
  acks: ServerMessages["ack"][] = [];
  bytes: Buffer[] = [];
  left: number | null = null;
  private ref = 0;

  constructor(readonly url: string) {}

  async join(table: string, options: JoinOptions, recordBytes = false): Promise<this> {
    const client = new Client(this.url);
    this.room = await client.joinById(table, options);
    if (recordBytes) {
      const ws = (this.room.connection.transport as unknown as { ws: { on(e: string, f: (d: Buffer) => void): void } }).ws;
      ws.on("message", (d) => this.bytes.push(Buffer.from(d)));
    }
    this.room.onMessage("welcome", (m: Welcome) => { this.welcome = m; });
    this.room.onMessage("view", (m: ServerMessages["view"]) => {
      this.fulls.push(m);
      this.update = this.live.applyView(m);
      this.updates.push(this.update);
    });
    this.room.onMessage("patch", (m: ServerMessages["patch"]) => {
      this.patches.push(m);
      if (this.live.applyPatch(m) === "gap") return this.room.send("resync", {});
      this.update = this.live.update;
      this.updates.push(this.update!);
    });
    this.room.onMessage("history", (m: ServerMessages["history"]) => { this.histories.push(m); });
    this.room.onMessage("error", (m: ServerMessages["error"]) => { this.errors.push(m); });
    this.room.onMessage("ack", (m: ServerMessages["ack"]) => { this.acks.push(m); });
    this.room.onLeave((code) => { this.left = code; });
    await until(() => this.welcome !== null && this.update !== null, 5000, "welcome");
    return this;
  }

  get token(): string { return this.welcome!.token!; }
  get seat(): string { return this.update!.you.seat!; }
  get view(): Update["view"] { return this.update!.view; }

  /** Sends an action and waits for its ack or its error. */
  async act(action: Record<string, unknown>): Promise<{ ok: true; seq: number } | { ok: false; code: string }> {
    const ref = ++this.ref;
    this.room.send("act", { ref, action });
    await until(() => this.acks.some((a) => a.ref === ref) || this.errors.some((e) => e.ref === ref), 5000, `reply to ${String(action.type)}`);
    const ack = this.acks.find((a) => a.ref === ref);
    if (ack) return { ok: true, seq: ack.seq };
    return { ok: false, code: this.errors.find((e) => e.ref === ref)!.code };
  }

  /**
   * Like act, but the server must accept it; resolves once this client's own model holds the result (the ack comes
   * first, the patch right after: an actor always sees what its own action did).
   */
  async must(action: Record<string, unknown>): Promise<number> {
    const r = await this.act(action);
    if (!r.ok) throw new Error(`${String(action.type)} refused: ${r.code}`);
    await this.sees((u) => u.seq >= r.seq, `own ${String(action.type)} in the model`);
    return r.seq;
  }

  /** Waits until this client's latest update satisfies `pred`. */
  async sees(pred: (u: Update) => boolean, what = "update", ms = 5000): Promise<Update> {
    await until(() => this.update !== null && pred(this.update), ms, what);
    return this.update!;
  }

  /** Leaves politely; bounded, since the SDK never settles leave() on a room whose socket is already gone. */
  async leave(): Promise<void> {
    if (this.left !== null) return;
    await Promise.race([this.room.leave(true).catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
  }
}
