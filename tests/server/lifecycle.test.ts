/**
 * A table's room over its life: an unfinished table's room stays up; a finished table's room goes once its last
 * client has left (after a short grace) and comes back from its log, with the same final hash, when a player, the
 * host, a host action or several clients at once ask for it. The replay routes never need the room. After a
 * restart only the unfinished tables come back up.
 */
import { matchMaker } from "@colyseus/core";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../server/app";
import { configFromEnv } from "../../server/config";
import type { SummitRoom } from "../../server/rooms/SummitRoom";
import { hash } from "../../shared/hash";
import type { SeminarCreated } from "../../shared/protocol";
import type { SessionFile } from "../../shared/sessionFile";
import { createSeminar, Player, post, startTestServer, type TestServer, until } from "./harness";

const ENV = { ENDED_GRACE_SECONDS: "0.2", GRACE_SECONDS: "1" };
let server: TestServer;
beforeAll(async () => { server = await startTestServer(ENV); });
afterAll(async () => { await server?.stop(); });

const roomOf = (table: string) => matchMaker.getLocalRoomById(table) as SummitRoom | undefined;
/** Waits until the table's room is gone: disposed, not listed. Bounded: the grace plus Colyseus's one-second check. */
async function gone(table: string): Promise<void> {
  await until(() => roomOf(table) === undefined, 5000, `room of ${table} disposed`);
  expect(await matchMaker.getRoomById(table)).toBeFalsy();
}
const leaveAll = async (players: Player[]) => { for (const p of players) await p.leave(); };

/** A tutorial table with a host and a Russian player, started, with one statement. */
async function startedTable(): Promise<{ sem: SeminarCreated; table: string; host: Player; ru: Player }> {
  const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
  const table = sem.tables[0]!;
  const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
  const ru = await new Player(server.url).join(table, { code: sem.code, name: "Moscow", delegation: "RU" });
  await host.must({ type: "host.start" });
  await ru.must({ type: "say", channel: "public", text: "Russia opens the summit." });
  return { sem, table, host, ru };
}

describe("a table's room over its life", () => {
  it("an unfinished table's room stays up when everyone has left", async () => {
    const { table, host, ru } = await startedTable();
    await leaveAll([host, ru]);
    await until(() => roomOf(table)?.clients.length === 0, 5000, "clients gone");
    await new Promise((r) => setTimeout(r, 1500)); // well past the ended-table grace and Colyseus's own check
    expect(roomOf(table)).toBeDefined();
  });

  it("a finished table's room goes after its last client leaves, and comes back from its log with the same hash", async () => {
    const { sem, table, host, ru } = await startedTable();
    await host.must({ type: "host.end" });
    const ended = await ru.sees((u) => u.view.status === "ended", "the end");
    const finalHash = hash(roomOf(table)!.table.state);
    const { token, seat } = { token: ru.token, seat: ru.seat };
    await ru.leave();
    await new Promise((r) => setTimeout(r, 400)); // past the grace: the host is still there, so the room stays
    expect(roomOf(table)).toBeDefined();
    await host.leave();
    await gone(table);

    // The replay routes read the log, not the room: they answer, and leave the room down.
    const file = (await (await fetch(`${server.url}/api/replays/${table}`)).json()) as SessionFile;
    expect(file.final.hash).toBe(finalHash);
    expect((await fetch(`${server.url}/api/replays/${table}/view?seq=${ended.seq}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/replays/${table}/export`)).status).toBe(200);
    expect(roomOf(table)).toBeUndefined();

    // The player comes back with the seat token, to the same seat of the same finished summit.
    const back = await new Player(server.url).join(table, { token });
    expect(back.update!.you.seat).toBe(seat);
    expect(back.update!.view.status).toBe("ended");
    expect(back.update!.seq).toBe(ended.seq);
    expect(back.update!.view.result).toEqual(ended.view.result);
    expect(hash(roomOf(table)!.table.state)).toBe(finalHash);
    // The host too, with the seminar's code in the welcome as before.
    const host2 = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    expect(host2.welcome!.code).toBe(sem.code);
    await leaveAll([back, host2]);
    await gone(table);

    // A host action from the dashboard reaches the finished table too (and is refused by the rules, not lost).
    const control = await post<{ results: Record<string, { ok: boolean; error?: string }> }>(`${server.url}/api/host/${sem.hostKey}/control`, { action: { type: "host.end" } });
    expect(control.body.results[table]).toEqual({ ok: false, error: "SUMMIT_ENDED" });
    await gone(table);
  });

  it("several clients asking for a finished table at once get one room", async () => {
    const { sem, table, host, ru } = await startedTable();
    await host.must({ type: "host.end" });
    const token = ru.token;
    await leaveAll([host, ru]);
    await gone(table);
    let created = 0;
    const count = () => { created++; };
    const handler = matchMaker.getHandler(server.running.context.tables.roomName);
    handler.on("create", count);
    try {
      const joined = await Promise.all([
        new Player(server.url).join(table, { token }),
        new Player(server.url).join(table, { token }),
        new Player(server.url).join(table, { hostKey: sem.hostKey }),
        new Player(server.url).join(table, { code: sem.code, spectate: true }),
      ]);
      expect(created).toBe(1);
      expect(roomOf(table)!.clients.length).toBe(4);
      for (const p of joined) expect(p.update!.view.status).toBe("ended");
      await leaveAll(joined);
    } finally {
      handler.off("create", count);
    }
    await gone(table);
  });
});

describe("boot", () => {
  it("restores the unfinished tables only; a finished one comes back when joined", async () => {
    const running = await startTable();
    const { finished, unfinished, dataDir, token } = running;
    // The same data directory, a new server: the old one is closed first (its rooms are disposed with it).
    await server.running.close();
    const again = await startServer({ ...configFromEnv(ENV), port: 0, host: "127.0.0.1", dataDir });
    server = { running: again, dataDir, url: `http://127.0.0.1:${again.port}`, async stop() { await again.close(); rmSync(dataDir, { recursive: true, force: true }); } };
    expect(roomOf(unfinished)).toBeDefined();
    expect(roomOf(finished)).toBeUndefined();
    const back = await new Player(server.url).join(finished, { token });
    expect(back.update!.view.status).toBe("ended");
    await back.leave();
    await gone(finished);
  });
});

/** One finished and one unfinished table on the current server, everyone gone. */
async function startTable(): Promise<{ finished: string; unfinished: string; dataDir: string; token: string }> {
  const a = await startedTable();
  await a.host.must({ type: "host.end" });
  const token = a.ru.token;
  await leaveAll([a.host, a.ru]);
  await gone(a.table);
  const b = await startedTable();
  await leaveAll([b.host, b.ru]);
  return { finished: a.table, unfinished: b.table, dataDir: server.dataDir, token };
}
