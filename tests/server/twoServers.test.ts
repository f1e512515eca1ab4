/**
 * Two servers in one process, each with its own data, settings, limiters and rooms, played on at the same time;
 * one stops while the other carries on. Colyseus keeps one matchmaker per process, so room ids are one namespace:
 * the last test pins down what that shares.
 */
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SummitRoom } from "../../server/rooms/SummitRoom";
import type { SeminarCreated, SeminarInfo } from "../../shared/protocol";
import { createSeminar, Player, startTestServer, type TestServer, until } from "./harness";

let a: TestServer;
let b: TestServer;
/** A seminar on A whose room was up before B started. */
let early: SeminarCreated;
beforeAll(async () => {
  a = await startTestServer({ LINES_PER_10S: "2" });
  early = await createSeminar(a, { scenario: "tutorial", timing: "manual", bots: false });
  b = await startTestServer({ LINES_PER_10S: "1000" });
});
afterAll(async () => {
  await a?.stop().catch(() => undefined);
  await b?.stop();
});

/** A tutorial summit on `server` with a host and a Russian player, started. */
async function summitOn(server: TestServer) {
  const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
  const table = sem.tables[0]!;
  const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
  const ru = await new Player(server.url).join(table, { code: sem.code, name: "Moscow", delegation: "RU" });
  await host.must({ type: "host.start" });
  return { sem, table, host, ru };
}

describe("two servers in one process", () => {
  it("a room that was up before the second server started stays reachable", async () => {
    const p = await new Player(a.url).join(early.tables[0]!, { code: early.code, name: "Early", delegation: "RU" });
    expect(p.update!.you.delegation).toBe("RU");
    await p.leave();
  });

  it("play side by side, each on its own store and settings", async () => {
    expect(a.running.context.tables.roomName).not.toBe(b.running.context.tables.roomName);
    const onA = await summitOn(a);
    const onB = await summitOn(b);
    expect((matchMaker.getLocalRoomById(onA.table) as SummitRoom).roomName).toBe(a.running.context.tables.roomName);
    expect((matchMaker.getLocalRoomById(onB.table) as SummitRoom).roomName).toBe(b.running.context.tables.roomName);

    // Each server's fair-use settings: two lines on A, many on B.
    await onA.ru.must({ type: "say", channel: "public", text: "One." });
    await onA.ru.must({ type: "say", channel: "public", text: "Two." });
    expect(await onA.ru.act({ type: "say", channel: "public", text: "Three." })).toEqual({ ok: false, code: "RATE_LIMITED" });
    for (let i = 0; i < 5; i++) await onB.ru.must({ type: "say", channel: "public", text: `Line ${i}.` });

    // Each server's store: a table, a code and a host key of one are unknown to the other.
    expect((await fetch(`${b.url}/api/seminars/${onA.sem.code}`)).status).toBe(404);
    expect((await fetch(`${a.url}/api/host/${onB.sem.hostKey}`)).status).toBe(403);
    expect((await fetch(`${b.url}/api/replays/${onA.table}`)).status).toBe(404);
    expect(((await (await fetch(`${a.url}/api/host/${onA.sem.hostKey}`)).json()) as SeminarInfo).tables.map((t) => t.table)).toEqual([onA.table]);

    // Each server's join-attempt limiter: A shut to this address does not shut B.
    a.running.context.attempts.limit = 0;
    await expect(new Player(a.url).join(onA.table, { code: "2345678", spectate: true })).rejects.toMatchObject({ code: 429, message: "RATE_LIMITED" });
    await new Player(b.url).join(onB.table, { code: onB.sem.code, spectate: true }).then((p) => p.leave());
    a.running.context.attempts.limit = 30;

    for (const p of [onA.host, onA.ru, onB.host, onB.ru]) await p.leave();
  });

  it("one stops, the other carries on: its rooms, its matchmaking, new seminars and joins", async () => {
    const onA = await summitOn(a);
    const onB = await summitOn(b);
    onA.host.room.reconnection.enabled = false;
    onA.ru.room.reconnection.enabled = false;
    await a.stop();
    expect(matchMaker.getLocalRoomById(onA.table)).toBeUndefined();
    await until(() => onA.ru.left !== null, 5000, "A's player told the server is gone");
    expect(matchMaker.getLocalRoomById(onB.table)).toBeDefined();
    await onB.ru.must({ type: "say", channel: "public", text: "B goes on." });
    const again = await summitOn(b);
    await again.ru.must({ type: "say", channel: "public", text: "And a new summit on B." });
    for (const p of [onB.host, onB.ru, again.host, again.ru]) await p.leave();
  });

  it("shares one matchmaker: a room is reachable by its id through either server's port", async () => {
    // Not a feature: Colyseus keeps rooms per process. Ids are random table ids, so in practice one server's
    // clients never meet another's rooms; this pins the behaviour down so that a change in Colyseus shows.
    const c = await startTestServer();
    try {
      const onB = await summitOn(b);
      const viaC = await new Player(c.url).join(onB.table, { code: onB.sem.code, spectate: true });
      expect(viaC.update!.view.status).toBe("running");
      for (const p of [viaC, onB.host, onB.ru]) await p.leave();
    } finally {
      await c.stop();
    }
  });
});
