/**
 * A player whose connection drops keeps the seat: others see it away, the ballot waits, and the player
 * comes back with its seat token (a brand-new SDK client) to the same seat with everything it missed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeminar, Player, startTestServer, until, type TestServer } from "./harness";

const GRACE_SECONDS = 2;
let server: TestServer;
beforeAll(async () => { server = await startTestServer({ GRACE_SECONDS: String(GRACE_SECONDS) }); });
afterAll(async () => { await server.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Cuts a client's socket without a closing handshake, as a lost network would. */
function dropConnection(p: Player, sdkMayReconnect = false): void {
  if (!sdkMayReconnect) p.room.reconnection.enabled = false;
  (p.room.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
}

/** A tutorial table (RU, BY, TJ) in its voting phase with one ballot open. */
async function tableInVoting() {
  const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
  const table = sem.tables[0]!;
  const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
  const ru = await new Player(server.url).join(table, { code: sem.code, name: "Moscow", delegation: "RU" });
  const by = await new Player(server.url).join(table, { code: sem.code, name: "Minsk", delegation: "BY" });
  const tj = await new Player(server.url).join(table, { code: sem.code, name: "Dushanbe", delegation: "TJ" });
  await tj.sees((u) => u.you.signatory, "TJ signs");
  await host.must({ type: "host.start" });
  await host.must({ type: "host.advance" });
  await host.must({ type: "host.advance" });
  await by.must({ type: "propose", item: "exercise", option: "belarus" });
  await host.must({ type: "host.advance" });
  const ballot = (await tj.sees((u) => u.view.ballots.some((b) => b.result === "open"), "ballot open")).view.ballots.find((b) => b.result === "open")!;
  return { sem, table, host, ru, by, tj, ballot };
}

describe("dropping out and coming back", () => {
  it("a signatory who drops mid-vote is shown away, the ballot waits, and its seat token brings it back to vote", async () => {
    const { sem, table, host, ru, by, tj, ballot } = await tableInVoting();
    await ru.must({ type: "vote", ballot: ballot.id, choice: "yes" });
    const seat = tj.seat;
    const token = tj.token;
    expect(ru.update!.presence[seat]).toBe("here");

    dropConnection(tj);
    await ru.sees((u) => u.presence[seat] === "away", "TJ shown away");
    await host.sees((u) => u.presence[seat] === "away", "host sees TJ away");
    // The summit goes on without TJ, and TJ's vote is still awaited.
    await ru.must({ type: "say", channel: "public", text: "Dushanbe has gone quiet." });
    await by.must({ type: "say", channel: "dm:BY-TJ", text: "Minsk to Dushanbe: vote with us." });
    const voted = await by.must({ type: "vote", ballot: ballot.id, choice: "yes" });
    const open = (await ru.sees((u) => u.seq >= voted, "BY's vote")).view.ballots.find((b) => b.id === ballot.id)!;
    expect(open.result).toBe("open");
    expect(open.votes).toEqual({ RU: "yes", BY: "yes" });
    expect(ru.view.seats[seat]).toMatchObject({ delegation: "TJ", bot: false });

    // Back within the grace period, as a new client holding only the seat token.
    const back = await new Player(server.url).join(table, { token });
    expect(back.welcome!.token).toBeUndefined(); // a returning seat keeps its token; no new one is issued
    expect(back.welcome!.you).toEqual({ seat, delegation: "TJ", signatory: true, host: false, spectator: false });
    const u = back.update!;
    expect(u.view.ballots.find((b) => b.id === ballot.id)).toMatchObject({ result: "open", votes: { RU: "yes", BY: "yes" } });
    expect(u.view.messages.map((m) => m.text)).toEqual(expect.arrayContaining(["Dushanbe has gone quiet.", "Minsk to Dushanbe: vote with us."]));
    expect(u.legal).toEqual(expect.arrayContaining([{ type: "vote", ballot: ballot.id, choice: "no" }]));
    expect(u.briefing).toBeTruthy();
    await ru.sees((x) => x.presence[seat] === "here", "TJ back here");
    expect(Object.keys(ru.update!.presence)).toHaveLength(3); // no new seat was made

    await back.must({ type: "vote", ballot: ballot.id, choice: "abstain" });
    const closed = await ru.sees((x) => x.view.ballots.find((b) => b.id === ballot.id)?.result !== "open", "ballot closed");
    expect(closed.view.ballots.find((b) => b.id === ballot.id)!.votes.TJ).toBe("abstain");
    // The grace period running out on the old connection does not mark the returned player away.
    await sleep(GRACE_SECONDS * 1000 + 500);
    await ru.must({ type: "say", channel: "public", text: "All present." });
    await ru.sees((x) => x.view.messages.some((m) => m.text === "All present."), "statement");
    expect(ru.update!.presence[seat]).toBe("here");
    expect(sem.tables).toContain(table);
    for (const x of [host, ru, by, back]) await x.leave();
  });

  it("after the grace period the seat is still held and the token still works", async () => {
    const { table, ru, by, tj, host, ballot } = await tableInVoting();
    const seat = tj.seat;
    dropConnection(tj);
    await ru.sees((u) => u.presence[seat] === "away", "away");
    await sleep(GRACE_SECONDS * 1000 + 500);
    // Still TJ's seat: shown away, or "bot" where a bot stands in for the missing player.
    expect(["away", "bot"]).toContain(ru.update!.presence[seat]);
    expect(ru.update!.view.seats[seat]).toMatchObject({ delegation: "TJ", bot: false });
    await by.must({ type: "vote", ballot: ballot.id, choice: "no" });
    const back = await new Player(server.url).join(table, { token: tj.token });
    expect(back.update!.you).toMatchObject({ seat, delegation: "TJ", signatory: true });
    await ru.sees((u) => u.presence[seat] === "here", "here again");
    await back.must({ type: "say", channel: "team:TJ", text: "Back at the table." });
    for (const x of [host, ru, by, back]) await x.leave();
  });

  it("two connections on one seat: the seat stays here until the last one goes", async () => {
    const { table, ru, by, tj, host } = await tableInVoting();
    const seat = tj.seat;
    const second = await new Player(server.url).join(table, { token: tj.token });
    expect(second.update!.you.seat).toBe(seat);
    dropConnection(tj);
    await sleep(300);
    expect(ru.update!.presence[seat]).toBe("here");
    await second.leave();
    await ru.sees((u) => u.presence[seat] === "away", "away once both are gone");
    for (const x of [host, ru, by]) await x.leave();
  });

  it("a short network blip is healed by the SDK's own reconnection: same session, seat shown here again", async () => {
    const { ru, by, tj, host, ballot } = await tableInVoting();
    const seat = tj.seat;
    const sessionId = tj.room.sessionId;
    let reconnected = false;
    tj.room.onReconnect(() => { reconnected = true; });
    // The SDK reconnects on its own only once a room has been up for 5 seconds.
    await sleep(Math.max(0, 5200 - (Date.now() - (tj.room as unknown as { joinedAtTime: number }).joinedAtTime)));
    dropConnection(tj, true);
    await until(() => reconnected, 5000, "SDK reconnection");
    expect(tj.room.sessionId).toBe(sessionId);
    await ru.sees((u) => u.presence[seat] === "here", "here after the blip");
    await tj.must({ type: "vote", ballot: ballot.id, choice: "yes" });
    for (const x of [host, ru, by, tj]) await x.leave();
  });
});
