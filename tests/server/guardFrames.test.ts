/**
 * ROOM_REQUEST frames (Colyseus protocol code 21) follow the same rules as messages: a client that sends one — a
 * valid action, a malformed `act`, an unknown type — is disconnected (4002) and nothing it sent is applied.
 */
import { pack } from "msgpackr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeminarCreated } from "../../shared/protocol";
import { createSeminar, Player, startTestServer, until, type TestServer } from "./harness";

let server: TestServer;
let sem: SeminarCreated;
let host: Player;

beforeAll(async () => {
  server = await startTestServer({ MAX_MESSAGES_PER_SECOND: "1000", LINES_PER_10S: "1000" });
  sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
  host = await new Player(server.url).join(sem.tables[0]!, { hostKey: sem.hostKey });
  await host.must({ type: "host.start" });
});
afterAll(async () => { await server.stop(); });

/** `[21, request id, type as a msgpack string, msgpack payload]`, as the SDK's room.request() would send it. */
function requestFrame(id: number, type: string, payload: unknown): Buffer {
  return Buffer.concat([Buffer.from([21, id]), pack(type), pack(payload)]);
}

const rawSocket = (p: Player) => (p.room.connection.transport as unknown as { ws: { send(b: Buffer): void } }).ws;

describe("ROOM_REQUEST frames", () => {
  const cases: [string, string, unknown][] = [
    ["a valid action", "act", { ref: 1, action: { type: "say", channel: "public", text: "Sent as a request." } }],
    ["a malformed act envelope", "act", { action: "vote" }],
    ["an unknown message type", "hello", { hi: 1 }],
    ["a resync", "resync", {}],
  ];
  for (const [what, type, payload] of cases) {
    it(`${what} sent as a request disconnects its sender (4002) and changes nothing`, async () => {
      const p = await new Player(server.url).join(sem.tables[0]!, { code: sem.code, name: "Requester", delegation: "RU" });
      await host.sees((u) => u.view.seats[p.seat]?.delegation === "RU", "the requester seated");
      const seq = host.update!.seq;
      rawSocket(p).send(requestFrame(7, type, payload));
      await until(() => p.left !== null, 5000, "disconnect");
      expect(p.left).toBe(4002);
      expect(p.acks.filter((a) => a.ref !== undefined)).toEqual([]); // only the automatic seat.pick was acknowledged
      // Nothing was applied: the host's next action is the very next one in the log.
      expect(await host.must({ type: "host.broadcast", text: "still here" })).toBe(seq + 1);
      expect(host.view.messages.some((m) => m.text === "Sent as a request.")).toBe(false);
    });
  }
});

describe("optional keys", () => {
  it("are left out, not sent as msgpack's undefined marker: ack without ref, welcome without token, error without ref", async () => {
    const p = await new Player(server.url).join(sem.tables[0]!, { code: sem.code, name: "Keys", delegation: "BY" });
    await until(() => p.acks.length > 0, 5000, "the automatic seat.pick's ack");
    expect(Object.keys(p.acks[0]!)).toEqual(["seq"]);
    expect(Object.keys(p.welcome!)).toContain("token");
    const back = await new Player(server.url).join(sem.tables[0]!, { token: p.token });
    expect(Object.keys(back.welcome!)).not.toContain("token");
    back.room.send("history", { before: 0 });
    back.room.send("history", { before: 0 });
    back.room.send("history", { before: 0 });
    back.room.send("history", { before: 0 });
    back.room.send("history", { before: 0 });
    await until(() => back.errors.length > 0, 5000, "RATE_LIMITED for the fifth page in a second");
    expect(Object.keys(back.errors[0]!).sort()).toEqual(["code", "text"]);
    await back.leave();
    await p.leave();
  });
});
