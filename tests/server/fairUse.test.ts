/**
 * Fair use per seat, at the default limits: three connections per seat, ten lines per seat in any ten seconds
 * whichever connection sends them, and a connection that keeps hitting the limit is cut off. Another seat is never
 * affected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeminarCreated } from "../../shared/protocol";
import { createSeminar, Player, startTestServer, type TestServer, until } from "./harness";

let server: TestServer;
let sem: SeminarCreated;
let host: Player;
beforeAll(async () => {
  // The flood limit is raised so that only the fair-use rules act here.
  server = await startTestServer({ MAX_MESSAGES_PER_SECOND: "1000" });
  sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
  host = await new Player(server.url).join(sem.tables[0]!, { hostKey: sem.hostKey });
});
afterAll(async () => { await server.stop(); });

const join = (options: Parameters<Player["join"]>[1]) => new Player(server.url).join(sem.tables[0]!, options);
const say = (text: string) => ({ type: "say", channel: "public", text });

describe("fair use per seat", () => {
  let ru: Player[] = [];
  let by: Player;

  it("a seat may have three connections; a fourth is refused with TOO_MANY_CONNECTIONS until one goes", async () => {
    const first = await join({ code: sem.code, name: "Moscow", delegation: "RU" });
    ru = [first, await join({ token: first.token }), await join({ token: first.token })];
    await expect(join({ token: first.token })).rejects.toMatchObject({ code: 429, message: "TOO_MANY_CONNECTIONS" });
    await ru[2]!.leave();
    // Two at once for the one free place: one gets it (the count is checked again where joins cannot interleave).
    const both = await Promise.allSettled([join({ token: first.token }), join({ token: first.token })]);
    const won = both.filter((r): r is PromiseFulfilledResult<Player> => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: 429, message: "TOO_MANY_CONNECTIONS" } });
    ru[2] = won[0]!.value;
    expect(ru[2].update!.you.seat).toBe(first.seat);
    by = await join({ code: sem.code, name: "Minsk", delegation: "BY" });
    await host.must({ type: "host.start" });
  });

  it("ten lines per seat in ten seconds over all its connections; the eleventh is RATE_LIMITED, another seat speaks on", async () => {
    for (let i = 0; i < 10; i++) await ru[i % 3]!.must(say(`Moscow, line ${i + 1}.`));
    const refused = await ru[1]!.act(say("Moscow, line 11."));
    expect(refused).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect(ru[1]!.errors.find((e) => e.code === "RATE_LIMITED")).toMatchObject({ ref: expect.any(Number), text: expect.any(String) });
    // Private lines come out of the same budget; moves that post no line do not.
    expect(await ru[0]!.act({ type: "say", channel: "dm:BY-RU", text: "A private word." })).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect((await host.sees((u) => u.view.messages.filter((m) => m.from === "RU").length === 10, "ten Russian lines")).view.messages.some((m) => m.text === "Moscow, line 11.")).toBe(false);
    await by.must(say("Minsk is not limited by Moscow's talk."));
    await by.must({ type: "say", channel: "dm:BY-RU", text: "Nor in private." });
  });

  it("a connection that keeps sending over the budget is disconnected; the seat's other connections stay", async () => {
    const abuser = ru[2]!;
    // 20 refusals a minute end a connection (counted per connection: the two above were on others).
    for (let i = 0; i < 25; i++) abuser.room.send("act", { ref: 100 + i, action: say(`Spam ${i}`) });
    await until(() => abuser.left !== null, 5000, "the abuser is disconnected");
    expect(abuser.left).toBe(4002);
    expect(abuser.errors.filter((e) => e.code === "RATE_LIMITED")).toHaveLength(20);
    expect(abuser.acks.filter((a) => a.ref !== undefined && a.ref >= 100)).toEqual([]);
    expect(ru[0]!.left).toBeNull();
    expect(ru[1]!.left).toBeNull();
    // The seat is still there; its token still works (within the connection limit) once the server has let the
    // abuser's connection go (the client can see its socket closed a moment before the room counts it gone).
    const room = server.running.context.tables.live(sem.tables[0]!) as unknown as { here: { connections(seat: string): number } };
    await until(() => room.here.connections(ru[0]!.seat) < 3, 5000, "the server counts the abuser gone");
    const again = await join({ token: ru[0]!.token });
    expect(again.update!.you.seat).toBe(ru[0]!.seat);
    for (const p of [again, ...ru.slice(0, 2), by]) await p.leave();
  });
});
