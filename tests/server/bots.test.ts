import { matchMaker } from "@colyseus/core";
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SummitRoom } from "../../server/rooms/SummitRoom";
import { createSeminar, Player, startTestServer, type TestServer, until } from "./harness";

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ BOT_PACE_MS: "40", GRACE_SECONDS: "1" }); });
afterAll(async () => { await server.stop(); });

/** Which bot timer a live table in this process has armed: the stepping interval, a one-off wake-up, or none. */
const botTimer = (table: string) => (matchMaker.getLocalRoomById(table) as SummitRoom).service.botTimerKind;

/** The stored log of a table, as (by, type) pairs. */
function logOf(table: string): { by: string; type: string }[] {
  const db = new Database(join(server.dataDir, "csto.sqlite"), { readonly: true });
  try {
    return (db.prepare("SELECT action FROM actions WHERE table_id = ? ORDER BY seq").all(table) as { action: string }[]).map((r) => JSON.parse(r.action));
  } finally { db.close(); }
}

describe("bots at a live table", () => {
  it("fill the empty seats at the start, speak, table drafts and vote through the same log as people", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: true });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const me = await new Player(server.url).join(table, { code: sem.code, name: "Minsk", delegation: "BY" });
    await host.must({ type: "host.start" });
    const u = await me.sees((x) => Object.values(x.view.seats).filter((s) => s.bot).length === 2, "two bots seated");
    expect(Object.values(u.view.seats).filter((s) => s.bot).map((s) => s.delegation).sort()).toEqual(["RU", "TJ"]);
    expect(Object.entries(u.presence).filter(([, p]) => p === "bot")).toHaveLength(2);
    await me.sees((x) => ["RU", "TJ"].every((d) => x.view.messages.some((m) => m.channel === "public" && m.from === d)), "bots' opening statements");
    await host.must({ type: "host.advance" });
    await host.must({ type: "host.advance" });
    await me.must({ type: "propose", item: "exercise", option: "belarus" });
    await until(() => me.view.proposals.some((p) => p.sponsor !== "BY"), 10_000, "a bot tables a draft");
    await host.must({ type: "host.advance" });
    const ballot = await me.sees((x) => x.view.ballots.some((b) => b.result === "open"), "a ballot");
    const first = ballot.view.ballots.find((b) => b.result === "open")!;
    await me.sees((x) => ["RU", "TJ"].every((d) => x.view.ballots.find((b) => b.id === first.id)!.votes[d] !== undefined), "bots vote");
    const bySeats = new Set(logOf(table).filter((a) => a.type === "vote" || a.type === "say" || a.type === "propose").map((a) => a.by));
    expect(bySeats.has("bot-ru") && bySeats.has("bot-tj")).toBe(true);
    for (const x of [host, me]) await x.leave();
  });

  it("give a delegation back to a person who takes it", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: true });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    await host.must({ type: "host.start" });
    await host.sees((x) => Object.values(x.view.seats).filter((s) => s.bot).length === 3, "three bots");
    const late = await new Player(server.url).join(table, { code: sem.code, name: "Late from Dushanbe", delegation: "TJ" });
    const u = await late.sees((x) => x.you.signatory && x.you.delegation === "TJ", "the person signs for Tajikistan");
    expect(u.view.seats["bot-tj"]).toBeUndefined();
    for (const x of [host, late]) await x.leave();
  });

  it("stand in for a signatory whose grace period ran out, and hand the seat back when the player returns", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const p: Record<string, Player> = {};
    for (const d of ["RU", "BY", "TJ"]) p[d] = await new Player(server.url).join(table, { code: sem.code, name: d, delegation: d });
    await host.must({ type: "host.start" });
    await host.must({ type: "host.advance" });
    await host.must({ type: "host.advance" });
    await p.BY!.must({ type: "propose", item: "exercise", option: "russia" });
    await host.must({ type: "host.advance" });
    const token = p.RU!.token;
    const seat = p.RU!.seat;
    await p.RU!.leave();
    const u = await host.sees((x) => x.presence[seat] === "bot", "autopilot after the grace period", 8000);
    const ballot = u.view.ballots.find((b) => b.result === "open")!;
    await host.sees((x) => x.view.ballots.find((b) => b.id === ballot.id)!.votes.RU !== undefined, "autopilot votes for Russia");
    expect(logOf(table).some((a) => a.type === "vote" && a.by === seat)).toBe(true);
    const back = await new Player(server.url).join(table, { token });
    await host.sees((x) => x.presence[seat] === "here", "the player is back");
    expect(back.update!.you.seat).toBe(seat);
    for (const x of [host, back, p.BY!, p.TJ!]) await x.leave();
  });

  it("run a timer only while a bot plays at a running table", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const p: Record<string, Player> = {};
    for (const d of ["RU", "BY", "TJ"]) p[d] = await new Player(server.url).join(table, { code: sem.code, name: d, delegation: d });
    expect(botTimer(table)).toBeNull();
    await host.must({ type: "host.start" });
    // Everyone is here and nobody asked for bots: no bot timer at all.
    expect(botTimer(table)).toBeNull();
    const seat = p.RU!.seat;
    const token = p.RU!.token;
    await p.RU!.leave();
    // An absent signatory: one timeout for the end of its grace, not an interval...
    await host.sees((x) => x.presence[seat] === "away", "Russia away");
    expect(botTimer(table)).toBe("wake");
    // ...then the autopilot steps, until the player is back.
    await host.sees((x) => x.presence[seat] === "bot", "autopilot", 8000);
    expect(botTimer(table)).toBe("step");
    const back = await new Player(server.url).join(table, { token });
    await host.sees((x) => x.presence[seat] === "here", "Russia back");
    expect(botTimer(table)).toBeNull();
    for (const x of [host, back, p.BY!, p.TJ!]) await x.leave();

    // Bots in the seats: the timer runs from the start until the summit ends.
    const withBots = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: true });
    const t2 = withBots.tables[0]!;
    const h2 = await new Player(server.url).join(t2, { hostKey: withBots.hostKey });
    expect(botTimer(t2)).toBeNull();
    await h2.must({ type: "host.start" });
    await h2.sees((x) => Object.values(x.view.seats).filter((s) => s.bot).length === 3, "three bots");
    expect(botTimer(t2)).toBe("step");
    await h2.must({ type: "host.pause" });
    expect(botTimer(t2)).toBeNull();
    await h2.must({ type: "host.resume" });
    expect(botTimer(t2)).toBe("step");
    await h2.must({ type: "host.end" });
    expect(botTimer(t2)).toBeNull();
    await h2.leave();
  });
});
