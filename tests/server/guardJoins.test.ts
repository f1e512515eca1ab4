/**
 * A table cannot be locked by people who should not be at it: join options are checked before a seat is reserved,
 * reservations nobody uses lapse in seconds, each group (a seat, the host, the spectators) has its own cap, and one
 * student guessing codes does not lock the rest of a class behind the same address out of its own code.
 */
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeminarCreated } from "../../shared/protocol";
import { createSeminar, Player, post, startTestServer, until, type TestServer } from "./harness";

let server: TestServer;
let sem: SeminarCreated;
let table: string;
const everyone: Player[] = [];

beforeAll(async () => {
  server = await startTestServer({ SEAT_RESERVATION_SECONDS: "3", MAX_MESSAGES_PER_SECOND: "1000" });
  sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
  table = sem.tables[0]!;
});
afterAll(async () => {
  for (const p of everyone) await p.leave();
  await server.stop();
});

async function join(options: Parameters<Player["join"]>[1], on = table): Promise<Player> {
  const p = await new Player(server.url).join(on, options);
  everyone.push(p);
  return p;
}

/** The raw matchmaking request the SDK makes, without ever opening the socket it reserves. */
const reserve = (options: unknown, on = table) => post<{ error?: string; sessionId?: string }>(`${server.url}/matchmake/joinById/${on}`, options);

/** What Colyseus holds for the table: seats reserved (not yet used, or kept for a reconnection) and whether it is locked. */
function roomState(on = table): { reserved: number; locked: boolean; clients: number } {
  const room = matchMaker.getLocalRoomById(on) as unknown as { _reservedSeats: Record<string, unknown>; locked: boolean; clients: unknown[] };
  return { reserved: Object.keys(room._reservedSeats).length, locked: room.locked, clients: room.clients.length };
}

/** Drops a client's socket without a goodbye, as a closed laptop does (the server keeps its place for a reconnection). */
function drop(p: Player): void {
  (p.room as unknown as { reconnection: { maxRetries: number } }).reconnection.maxRetries = 0;
  (p.room.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
}

describe("joins are checked before a seat is reserved", () => {
  it("made-up tokens cost the table nothing: after 120 of them the host, a returning player and a new student join at once", async () => {
    const first = await join({ code: sem.code, name: "Armenia", delegation: "AM" });
    const token = first.token;
    await first.leave();
    for (let batch = 0; batch < 4; batch++) {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => reserve({ token: `madeup${batch}x${i}`.padEnd(24, "z") })));
      for (const a of answers) expect(a).toMatchObject({ status: 401, body: { error: "BAD_TOKEN" } });
    }
    expect(roomState()).toMatchObject({ reserved: 0, locked: false });
    const started = Date.now();
    await join({ hostKey: sem.hostKey });
    await join({ token });
    await join({ code: sem.code, name: "Kazakhstan", delegation: "KZ" });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a reservation nobody uses holds its seat's place only SEAT_RESERVATION_SECONDS; a fourth is refused meanwhile", async () => {
    const seat = await join({ code: sem.code, name: "Belarus", delegation: "BY" });
    await seat.leave();
    for (let i = 0; i < 3; i++) expect((await reserve({ token: seat.token })).status).toBe(200);
    expect(await reserve({ token: seat.token })).toMatchObject({ status: 429, body: { error: "TOO_MANY_CONNECTIONS" } });
    // The three lapse (3 s here) and the seat's owner gets in again.
    const since = Date.now();
    let back: Player | null = null;
    for (let i = 0; i < 20 && !back; i++) {
      back = await join({ token: seat.token }).catch(() => null);
      if (!back) await new Promise((r) => setTimeout(r, 400));
    }
    expect(back?.update?.you.delegation).toBe("BY");
    expect(Date.now() - since).toBeLessThan(6000);
  });
});

describe("spectators cannot fill a table", () => {
  it("at most SPECTATORS_PER_TABLE (10) at once, even asked for all together; dropped ones never keep the host or players out", async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 16 }, () => join({ code: sem.code, spectate: true })));
    const watching = attempts.filter((a): a is PromiseFulfilledResult<Player> => a.status === "fulfilled").map((a) => a.value);
    expect(watching).toHaveLength(10);
    for (const a of attempts) if (a.status === "rejected") expect(a.reason).toMatchObject({ code: 429, message: "TOO_MANY_CONNECTIONS" });
    // All ten vanish without a goodbye: their places are kept for a reconnection, but only within the spectators' ten.
    const before = roomState().clients;
    for (const p of watching) drop(p);
    await until(() => roomState().clients === before - 10, 5000, "the server sees the ten drops");
    expect(roomState().locked).toBe(false);
    const started = Date.now();
    await join({ hostKey: sem.hostKey });
    await join({ code: sem.code, name: "Tajikistan", delegation: "TJ" });
    // A new projector takes the place of a dropped one.
    await join({ code: sem.code, spectate: true });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(roomState().reserved).toBeLessThanOrEqual(10);
  });
});

describe("new seats", () => {
  it("are capped per table (SEATS_PER_TABLE): someone with the code cannot create seats without end", async () => {
    const s = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
    const guard = server.running.config.guard;
    guard.seatsPerTable = 3;
    try {
      for (let i = 0; i < 3; i++) await join({ code: s.code, name: `Student ${i + 1}` }, s.tables[0]!);
      await expect(join({ code: s.code, name: "One too many" }, s.tables[0]!)).rejects.toMatchObject({ code: 409, message: "TEAM_FULL" });
      // Returning players, the host and spectators are not new seats.
      await join({ hostKey: s.hostKey }, s.tables[0]!);
      await join({ code: s.code, spectate: true }, s.tables[0]!);
    } finally {
      guard.seatsPerTable = 120;
    }
  });
});

describe("a guesser behind a school's address does not lock the class out", () => {
  it("a code already used from the address still works; one refused only for the lock waits for the host's 'let them in'", async () => {
    const attempts = server.running.context.attempts;
    const other = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
    await join({ code: sem.code, name: "First student", delegation: "RU" }); // this address has used sem's code
    attempts.limit = 5;
    try {
      for (let i = 0; i < 5; i++) await expect(join({ code: "2345678", name: "Guesser" })).rejects.toMatchObject({ code: 404, message: "BAD_CODE" });
      await expect(join({ code: "2345679", name: "Guesser" })).rejects.toMatchObject({ code: 429, message: "RATE_LIMITED" });
      // Classmates with the class's code: in, by WebSocket and by HTTP.
      await join({ code: sem.code, name: "Second student", delegation: "RU" });
      expect((await fetch(`${server.url}/api/seminars/${sem.code}`)).status).toBe(200);
      // Another class's code first tried after the lock is refused like a wrong one (the address learns nothing)...
      await expect(join({ code: other.code, name: "Late student" }, other.tables[0]!)).rejects.toMatchObject({ code: 429, message: "RATE_LIMITED" });
      const dash = await fetch(`${server.url}/api/host/${other.hostKey}`).then((r) => r.json()) as { waiting: number };
      expect(dash.waiting).toBe(1);
      // ...until that class's host lets them in.
      expect(await post(`${server.url}/api/host/${other.hostKey}/admit`, {})).toMatchObject({ status: 200, body: { admitted: 1 } });
      await join({ code: other.code, name: "Late student" }, other.tables[0]!);
      // The guesser is still stopped.
      await expect(join({ code: "234567A", name: "Guesser" })).rejects.toMatchObject({ code: 429, message: "RATE_LIMITED" });
      expect(await post(`${server.url}/api/host/not-a-host-key-at-all-000/admit`, {})).toMatchObject({ status: 403 });
    } finally {
      attempts.limit = 30;
    }
  });
});
