/**
 * Hostile and broken input: malformed, unknown, oversized, out-of-phase and flooding messages, bad joins,
 * join-attempt limits. The server answers with a coded error or a disconnect, never crashes, never lets
 * one client disturb another room, and never writes a refused action to the durable log.
 */
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeminar, Player, startTestServer, until, type TestServer } from "./harness";
import type { SeminarCreated } from "../../shared/protocol";

const FLOOD_LIMIT = 50; // high enough for a test client that acts as fast as replies come back
const REFUSED = "REFUSED-6c1f9a"; // every refused text carries this; the log must never contain it

let server: TestServer;
let semA: SeminarCreated;
let semB: SeminarCreated;
let host: Player, am: Player, ru: Player, other: Player;
/** Every client that ever joined table A, so that the log check can gather all acks. */
const seenOnA: Player[] = [];
/** Actions the server accepted on table A, by seq, as sent. */
const accepted = new Map<number, Record<string, unknown>>();

/** The join-attempt limit of the running server (all clients here come from 127.0.0.1). */
const setJoinLimit = (n: number): void => { server.running.context.attempts.limit = n; };

beforeAll(async () => {
  // Armenia speaks after every hostile test: more lines than a seat's fair-use budget allows in a few seconds.
  server = await startTestServer({ MAX_MESSAGES_PER_SECOND: String(FLOOD_LIMIT), LINES_PER_10S: "1000" });
  setJoinLimit(10_000); // every client here comes from 127.0.0.1; the limit test lowers it again
  semA = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
  semB = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
  host = await joinA({ hostKey: semA.hostKey });
  am = await joinA({ code: semA.code, name: "Armenia", delegation: "AM" });
  ru = await joinA({ code: semA.code, name: "Russia", delegation: "RU" });
  other = await new Player(server.url).join(semB.tables[0]!, { code: semB.code, name: "Elsewhere", delegation: "RU" });
  await ru.sees((u) => u.you.signatory, "RU seated");
  await other.sees((u) => u.you.signatory, "other room seated");
  await ok(host, { type: "host.start" });
  await new Player(server.url).join(semB.tables[0]!, { hostKey: semB.hostKey }).then((h) => h.must({ type: "host.start" }));
});
afterAll(async () => { await server.stop(); });

async function joinA(options: Parameters<Player["join"]>[1]): Promise<Player> {
  const p = await new Player(server.url).join(semA.tables[0]!, options);
  seenOnA.push(p);
  return p;
}

/** Sends an action that must be accepted, remembering it for the log check. */
async function ok(p: Player, action: Record<string, unknown>): Promise<number> {
  const seq = await p.must(action);
  accepted.set(seq, action);
  return seq;
}

/** The raw WebSocket under an SDK room, to send frames the SDK would never produce. */
const rawSocket = (p: Player) => (p.room.connection.transport as unknown as { ws: { send(b: Buffer): void; readyState: number } }).ws;

/** Both rooms still serve their honest clients, and the HTTP side still answers. */
async function stillServing(): Promise<void> {
  const n = am.update!.seq;
  await ok(am, { type: "say", channel: "public", text: "Armenia is still here." });
  await ru.sees((u) => u.seq > n, "RU sees the statement");
  await other.must({ type: "say", channel: "public", text: "The other summit goes on." });
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
}

describe("malformed and hostile input", () => {
  it("a wrongly shaped act payload disconnects only its sender, with an error close code", async () => {
    const shapes: unknown[] = [
      { action: "vote" },
      { ref: "one", action: { type: "say" } },
      { ref: -1, action: { type: "say" } },
      { action: { type: "" } },
      { action: { type: 7 } },
      { action: { type: "x".repeat(41) } },
      {},
      { action: { type: "say", channel: "public", text: "hi" }, extra: true },
      42,
      null,
      [{ action: { type: "say" } }],
    ];
    for (const shape of shapes) {
      const p = await joinA({ code: semA.code, name: "Broken client" });
      p.room.send("act", shape);
      await until(() => p.left !== null, 5000, `disconnect after ${JSON.stringify(shape)}`);
      expect(p.left, JSON.stringify(shape)).toBe(4002);
      expect(p.acks.filter((a) => a.ref !== undefined)).toEqual([]);
    }
    await stillServing();
  });

  it("unknown message types get BAD_MESSAGE, and repeated garbage ends the connection", async () => {
    const p = await joinA({ code: semA.code, name: "Chatterbox", delegation: "KZ" });
    p.room.send("hello", { hi: 1 });
    await until(() => p.errors.length === 1, 5000, "BAD_MESSAGE");
    expect(p.errors[0]).toMatchObject({ code: "BAD_MESSAGE", text: expect.any(String) });
    expect(p.left).toBeNull();
    // Still a working client after one mistake.
    await ok(p, { type: "say", channel: "team:KZ", text: "sorry, wrong button" });
    for (const type of ["constructor", "__proto__", "toString"]) p.room.send(type, {});
    p.room.send(7 as unknown as string, {});
    await until(() => p.left !== null, 5000, "disconnect after five strikes");
    expect(p.left).toBe(4002);
    expect(p.errors.filter((e) => e.code === "BAD_MESSAGE").length).toBeGreaterThanOrEqual(4);
    await stillServing();
  });

  it("raw garbage frames and byte messages never crash the server", async () => {
    const p = await joinA({ code: semA.code, name: "Fuzzer" });
    const ws = rawSocket(p);
    const frames = [
      Buffer.from([]),
      Buffer.from([13]), // ROOM_DATA with nothing
      Buffer.from([13, 0xff, 0xff, 0xff]),
      Buffer.from([13, 0xd9, 0xff, 0x61]), // a string header longer than the frame
      Buffer.from([13, 0xa3, 0x61, 0x63, 0x74, 0xc1]), // "act" + a never-used msgpack byte
      Buffer.from([13, 0xa3, 0x61, 0x63, 0x74, 0xdd, 0xff, 0xff, 0xff, 0xff]), // "act" + an array claiming 4G entries
      Buffer.from([17, 0xa3, 0x61, 0x63, 0x74, 1, 2, 3]), // ROOM_DATA_BYTES "act"
      Buffer.from([21, 0x01, 0xa3, 0x61, 0x63, 0x74, 0x90]), // ROOM_REQUEST "act" []
      Buffer.from([19, 1, 2, 3]), Buffer.from([20, 9]), Buffer.from([99, 1]), Buffer.from("{\"act\":1}"),
    ];
    for (const f of frames) if (ws.readyState === 1) ws.send(f);
    await until(() => p.left !== null || p.errors.length > 0, 3000, "a reply or a disconnect").catch(() => undefined);
    await stillServing();
  });

  it("prototype keys in a payload pollute nothing", async () => {
    const p = await joinA({ code: semA.code, name: "Polluter", delegation: "TJ" });
    const payload = JSON.parse('{"ref": 900, "action": {"type": "say", "channel": "public", "text": "x", "__proto__": {"polluted": true}}}');
    p.room.send("act", payload);
    await until(() => p.errors.some((e) => e.ref === 900) || p.acks.some((a) => a.ref === 900) || p.left !== null, 5000, "reply");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    const ack = p.acks.find((a) => a.ref === 900);
    if (ack) accepted.set(ack.seq, { type: "say", channel: "public", text: "x" });
    await stillServing();
  });

  it("actions the engine cannot read are refused with BAD_ACTION or UNKNOWN_ACTION", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "nonsense" }, "UNKNOWN_ACTION"],
      [{ type: "constructor" }, "UNKNOWN_ACTION"],
      [{ type: "__proto__" }, "UNKNOWN_ACTION"],
      [{ type: "say", channel: "public" }, "BAD_ACTION"],
      [{ type: "say", channel: "public", text: REFUSED, loud: true }, "BAD_ACTION"],
      [{ type: "say", channel: "public", text: 5 }, "BAD_ACTION"],
      [{ type: "say", channel: "public", text: "" }, "BAD_ACTION"],
      [{ type: "say", channel: "public", text: "   " }, "BAD_ACTION"],
      [{ type: "vote", ballot: "b1", choice: "maybe" }, "BAD_ACTION"],
      [{ type: "seat.pick", delegation: "armenia" }, "BAD_ACTION"],
      [{ type: "host.extend", seconds: 1e9 }, "BAD_ACTION"],
      [{ type: "commit.offer", to: "RU", give: { item: "x" }, want: null, note: REFUSED }, "BAD_ACTION"],
    ];
    for (const [action, code] of cases) expect(await am.act(action), JSON.stringify(action)).toEqual({ ok: false, code });
    // Identity and time come from the server, never from the payload.
    expect(await am.act({ type: "host.pause", by: "host" })).toEqual({ ok: false, code: "NOT_HOST" });
    expect(await am.act({ type: "seat.join", seat: "ghost", name: REFUSED, by: "system" })).toEqual({ ok: false, code: "NOT_SYSTEM" });
    const seq = await ok(am, { type: "say", channel: "public", text: "Stamped by the server.", by: "RU", at: 0 });
    const msg = (await am.sees((u) => u.seq >= seq, "own statement")).view.messages.find((m) => m.seq === seq)!;
    expect(msg.from).toBe("AM");
    expect(msg.at).toBeGreaterThan(0);
    accepted.set(seq, { type: "say", channel: "public", text: "Stamped by the server." });
    expect(am.left).toBeNull();
  });

  it("out-of-phase actions are refused with WRONG_PHASE", async () => {
    expect(am.view.phase).toBe("opening");
    expect(await am.act({ type: "propose", item: "karabakh-statement", option: "firm", note: REFUSED })).toEqual({ ok: false, code: "WRONG_PHASE" });
    expect(await am.act({ type: "vote", ballot: "b1", choice: "yes" })).toEqual({ ok: false, code: "WRONG_PHASE" });
    expect(await am.act({ type: "cosponsor", proposal: "p1" })).toEqual({ ok: false, code: "WRONG_PHASE" });
    expect(await host.act({ type: "host.start" })).toEqual({ ok: false, code: "NOT_IN_LOBBY" });
    expect(await host.act({ type: "host.resume" })).toEqual({ ok: false, code: "NOT_PAUSED" });
    await ok(host, { type: "host.advance" }); // consultations
    await ok(host, { type: "host.advance" }); // drafting
    await ok(am, { type: "propose", item: "karabakh-statement", option: "firm" });
    expect(await am.act({ type: "vote", ballot: "b1", choice: "yes" })).toEqual({ ok: false, code: "WRONG_PHASE" });
    await ok(host, { type: "host.pause" });
    expect(await am.act({ type: "say", channel: "public", text: REFUSED })).toEqual({ ok: false, code: "NOT_RUNNING" });
    await ok(host, { type: "host.resume" });
  });

  it("text limits: 600 characters pass, 601 are refused; names over 40 cannot join", async () => {
    await ok(am, { type: "say", channel: "public", text: "a".repeat(600) });
    expect(await am.act({ type: "say", channel: "public", text: REFUSED + "b".repeat(601 - REFUSED.length) })).toEqual({ ok: false, code: "BAD_ACTION" });
    expect(await am.act({ type: "amend", proposal: "p1", option: "balanced", note: REFUSED + "c".repeat(600) })).toEqual({ ok: false, code: "BAD_ACTION" });
    expect(await host.act({ type: "host.broadcast", text: REFUSED + "d".repeat(600) })).toEqual({ ok: false, code: "BAD_ACTION" });
    await expect(joinA({ code: semA.code, name: "n".repeat(41) })).rejects.toMatchObject({ code: 400 });
    expect(am.left).toBeNull();
  });

  it("a payload over 8 KiB closes the connection; the room carries on", async () => {
    const p = await joinA({ code: semA.code, name: "Big mouth", delegation: "KG" });
    p.room.send("act", { ref: 1, action: { type: "say", channel: "public", text: REFUSED + "z".repeat(9000) } });
    await until(() => p.left !== null, 5000, "oversized payload closes");
    expect(p.left).toBe(1009); // WebSocket "message too big"
    expect(p.acks.some((a) => a.ref === 1) || p.errors.some((e) => e.ref === 1)).toBe(false);
    await stillServing();
  });

  it(`more than ${FLOOD_LIMIT} messages a second disconnect the sender`, async () => {
    const p = await joinA({ code: semA.code, name: "Flooder", delegation: "BY" });
    for (let i = 0; i < FLOOD_LIMIT * 3; i++) p.room.send("act", { ref: i, action: { type: "say", channel: "dm:XX-YY", text: REFUSED } });
    await until(() => p.left !== null, 5000, "flood disconnect");
    expect(p.left).toBe(4002);
    // Some were answered (refused: no such channel) before the cut; never more than the limit allows.
    expect(p.errors.length).toBeLessThanOrEqual(FLOOD_LIMIT + 1);
    expect(p.errors.every((e) => e.code === "NO_SUCH_CHANNEL")).toBe(true);
    await stillServing();
  });

  it("bad join options, wrong codes, keys and tokens are rejected", async () => {
    const table = semA.tables[0]!;
    const bad: [unknown, number][] = [
      [{}, 400],
      [{ code: semA.code }, 400],
      [{ code: semA.code, name: "" }, 400],
      [{ code: semA.code, name: "Eve", admin: true }, 400],
      [{ code: semA.code, name: "Eve", delegation: "armenia" }, 400],
      [{ code: "abc", name: "Eve" }, 400],
      [{ code: semA.code, spectate: false }, 400],
      [{ token: "short" }, 400],
      [{ hostKey: semA.hostKey, code: semA.code }, 400],
      [{ code: semB.code, name: "Eve" }, 404], // a real code, but of another seminar
      [{ code: "2345678", name: "Eve" }, 404],
      [{ hostKey: semB.hostKey }, 401],
      [{ hostKey: "h".repeat(24) }, 401],
      [{ token: "t".repeat(24) }, 401],
      [{ token: other.token }, 401], // a seat token of another table
    ];
    for (const [options, code] of bad) {
      await expect(new Player(server.url).join(table, options as never), JSON.stringify(options)).rejects.toMatchObject({ code });
    }
    await expect(new Player(server.url).join("no-such-table", { code: semA.code, name: "Eve" })).rejects.toThrow();
    await stillServing();
  });

  it("unreadable or oversized HTTP bodies get a JSON error, never a stack trace", async () => {
    const send = (body: string) => fetch(`${server.url}/api/seminars`, { method: "POST", headers: { "content-type": "application/json" }, body });
    for (const [body, status] of [["{not json", 400], [JSON.stringify({ scenario: "x".repeat(20_000) }), 413], ["[]", 400]] as const) {
      const r = await send(body);
      expect(r.status).toBe(status);
      expect(r.headers.get("content-type")).toMatch(/json/);
      const text = await r.text();
      expect(text).not.toMatch(/node_modules|at JSON\.parse|<html/i);
      expect(JSON.parse(text)).toMatchObject({ error: "BAD_MESSAGE" });
    }
    await stillServing();
  });

  it("a store that cannot write refuses the action with INTERNAL, changes nothing, and the room carries on", async () => {
    const group = server.running.store.commits;
    const write = group.write;
    const seqBefore = am.update!.seq;
    group.write = () => Promise.reject(new Error("disk full (simulated)"));
    try {
      expect(await am.act({ type: "say", channel: "public", text: `${REFUSED} lost to a full disk` })).toEqual({ ok: false, code: "INTERNAL" });
    } finally {
      group.write = write;
    }
    expect(am.left).toBeNull();
    const seq = await ok(am, { type: "say", channel: "public", text: "The disk has room again." });
    expect(seq).toBe(seqBefore + 1); // the failed action took no place in the log or the state
    await stillServing();
  });

  it("the durable log holds exactly the acknowledged actions and the server's own, never a refused one", async () => {
    const table = semA.tables[0]!;
    const db = new Database(join(server.dataDir, "csto.sqlite"), { readonly: true, fileMustExist: true });
    const rows = db.prepare("SELECT seq, action FROM actions WHERE table_id = ? ORDER BY seq").all(table) as { seq: number; action: string }[];
    db.close();
    const log = new Map(rows.map((r) => [r.seq, JSON.parse(r.action) as Record<string, unknown>]));
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBe(host.update!.seq);
    const acked = new Set(seenOnA.flatMap((p) => p.acks.map((a) => a.seq)));
    for (const [seq, action] of log) {
      if (action.by === "system") expect(action.type).toBe("seat.join");
      else expect(acked.has(seq), `seq ${seq} (${String(action.type)}) in the log but never acknowledged`).toBe(true);
    }
    for (const seq of acked) expect(log.has(seq), `acknowledged seq ${seq} missing from the log`).toBe(true);
    for (const [seq, sent] of accepted) {
      const { by: _by, at: _at, ...rest } = sent;
      expect(log.get(seq), `seq ${seq}`).toMatchObject(rest);
    }
    expect(rows.some((r) => r.action.includes(REFUSED))).toBe(false);
  });
});

describe("join-attempt limit", () => {
  it("a whole class behind one address (a school network) joins within the minute at the default limit", async () => {
    setJoinLimit(30); // the default
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const joined: Player[] = [await new Player(server.url).join(table, { hostKey: sem.hostKey })];
    for (let i = 0; i < 30; i++) {
      // What a browser does: look the code up, ask where to sit, then join.
      expect((await fetch(`${server.url}/api/seminars/${sem.code}`)).status).toBe(200);
      const placed = await fetch(`${server.url}/api/place`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: sem.code }) }).then((r) => r.json()) as { delegation: string };
      joined.push(await new Player(server.url).join(table, { code: sem.code, name: `Student ${i + 1}`, delegation: placed.delegation }));
    }
    joined.push(await new Player(server.url).join(table, { code: sem.code, spectate: true })); // the projector
    expect(Object.values(joined[0]!.update!.view.seats).filter((x) => x.delegation).length).toBe(30);
    for (const p of joined) await p.leave();
  });

  it("after too many wrong codes a code not yet used from this address is refused, over WebSocket and HTTP; a code already used here, the host key and seat tokens still work", async () => {
    const table = semA.tables[0]!;
    const semC = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false }); // its code is never used before the lock
    setJoinLimit(3);
    let rejected: { code?: number; message?: string } | null = null;
    for (let i = 0; i < 10 && !rejected?.message?.includes("RATE"); i++) {
      try {
        await joinA({ code: "2345678", name: "Guesser" });
      } catch (e) {
        rejected = e as { code: number };
      }
    }
    expect(rejected).toMatchObject({ code: 429, message: "RATE_LIMITED" });
    await expect(new Player(server.url).join(semC.tables[0]!, { code: semC.code, spectate: true })).rejects.toMatchObject({ code: 429, message: "RATE_LIMITED" });
    // Classmates behind the same address: the code that already let people in from here still works, and so does the host.
    await joinA({ code: semA.code, spectate: true });
    await new Player(server.url).join(table, { hostKey: semA.hostKey });
    // The HTTP code lookup has the same limit, so codes cannot be guessed there either.
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) status = (await fetch(`${server.url}/api/seminars/2345678`)).status;
    expect(status).toBe(429);
    expect((await fetch(`${server.url}/api/seminars/${semC.code}`)).status).toBe(429);
    // A returning player with a seat token is not a guess: it still gets in.
    const back = await joinA({ token: am.token });
    expect(back.update!.you).toMatchObject({ seat: am.seat, delegation: "AM" });
    setJoinLimit(10_000);
    await joinA({ code: semA.code, spectate: true });
    for (const p of seenOnA) await p.leave();
  });
});
