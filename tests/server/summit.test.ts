import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeminar, Player, post, startTestServer, type TestServer } from "./harness";

const DELEGATIONS = ["RU", "AM", "BY", "KZ", "KG", "TJ"];
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

describe("a full Yerevan summit over the network", () => {
  it("six players and a host play it to the end, and every page agrees on the result", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", tables: 1, timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const p: Record<string, Player> = {};
    for (const d of DELEGATIONS) p[d] = await new Player(server.url).join(table, { code: sem.code, name: `${d} player`, delegation: d });
    for (const d of DELEGATIONS) {
      await p[d]!.sees((u) => u.you.delegation === d && u.you.signatory, `${d} seated`);
      expect(p[d]!.welcome!.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    }
    // Players cannot run the summit; the host can.
    expect(await p.RU!.act({ type: "host.start" })).toEqual({ ok: false, code: "NOT_HOST" });
    await host.must({ type: "host.start" });
    await p.AM!.must({ type: "say", channel: "public", text: "Armenia asks its allies to stand with it." });
    await host.must({ type: "host.advance" });
    await p.AM!.must({ type: "say", channel: "dm:AM-RU", text: "Will Moscow back the firm text?" });
    await host.must({ type: "host.advance" });
    await p.AM!.must({ type: "propose", item: "karabakh-statement", option: "firm" });
    await p.RU!.must({ type: "propose", item: "strategy-2025", option: "core" });
    await p.RU!.must({ type: "propose", item: "secretary-general", option: "postpone" });
    await host.must({ type: "host.advance" });
    // The host's ack can arrive before RU's update: wait for the ballot rather than read it at once.
    const ballotOf = async () => (await p.RU!.sees((u) => u.view.ballots.some((b) => b.result === "open"), "open ballot")).view.ballots.find((b) => b.result === "open")!;
    const voteAll = async (choices: Record<string, string>) => {
      const id = (await ballotOf()).id;
      for (const d of DELEGATIONS) await p[d]!.must({ type: "vote", ballot: id, choice: choices[d] ?? "yes" });
      await p.RU!.sees((u) => u.view.ballots.find((b) => b.id === id)?.result !== "open", "ballot closed");
    };
    await voteAll({ AM: "no" });
    await voteAll({ BY: "no", KZ: "no" });
    await voteAll({});
    await p.RU!.sees((u) => u.view.phase === "results", "results");
    for (let i = 0; i < 20 && host.view.status !== "ended"; i++) await host.must({ type: "host.advance" });
    for (const d of DELEGATIONS) {
      const u = await p[d]!.sees((x) => x.view.status === "ended", `${d} sees the end`);
      expect(u.view.result!.outcomes).toEqual({
        "secretary-general": "postponed", "karabakh-statement": "rejected", "strategy-2025": "adopted:core", "missile-defence": "postponed",
      });
      // After the reveal every delegation sees everyone's priorities.
      expect(Object.values(u.view.delegations).every((x) => x.priorities !== undefined)).toBe(true);
    }
    const dash = await fetch(`${server.url}/api/host/${sem.hostKey}`).then((r) => r.json()) as { tables: { status: string; outcomes: Record<string, string> }[] };
    expect(dash.tables[0]!.status).toBe("ended");
    expect(dash.tables[0]!.outcomes["strategy-2025"]).toBe("adopted:core");
    for (const x of [host, ...Object.values(p)]) await x.leave();
  });

  it("lets a team share a delegation: one signatory votes, the advisor caucuses", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const signer = await new Player(server.url).join(table, { code: sem.code, name: "Signer", delegation: "BY" });
    const adviser = await new Player(server.url).join(table, { code: sem.code, name: "Adviser", delegation: "BY" });
    const ru = await new Player(server.url).join(table, { code: sem.code, name: "Moscow", delegation: "RU" });
    await adviser.sees((u) => u.you.delegation === "BY", "adviser placed");
    expect(adviser.update!.you.signatory).toBe(false);
    await signer.sees((u) => u.you.signatory, "signer is signatory");
    await host.must({ type: "host.start" });
    await adviser.must({ type: "say", channel: "team:BY", text: "Hold out for Brest." });
    await signer.sees((u) => u.view.messages.some((m) => m.text === "Hold out for Brest."), "caucus message");
    expect(ru.view.messages.some((m) => m.text === "Hold out for Brest.")).toBe(false);
    await host.must({ type: "host.advance" });
    await host.must({ type: "host.advance" });
    expect(await adviser.act({ type: "propose", item: "exercise", option: "belarus" })).toEqual({ ok: false, code: "NOT_SIGNATORY" });
    await signer.must({ type: "propose", item: "exercise", option: "belarus" });
    // The host hands the pen to the adviser.
    await host.must({ type: "seat.assign", seat: adviser.seat, delegation: "BY", signatory: true });
    await adviser.sees((u) => u.you.signatory, "adviser signs now");
    await host.must({ type: "host.advance" });
    const ballot = (await adviser.sees((u) => u.view.ballots.some((b) => b.result === "open"), "open ballot")).view.ballots.find((b) => b.result === "open")!;
    expect(await signer.act({ type: "vote", ballot: ballot.id, choice: "yes" })).toEqual({ ok: false, code: "NOT_SIGNATORY" });
    await adviser.must({ type: "vote", ballot: ballot.id, choice: "yes" });
    for (const x of [host, signer, adviser, ru]) await x.leave();
  });

  it("refuses every host control without the host key", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "45", bots: false });
    const table = sem.tables[0]!;
    const player = await new Player(server.url).join(table, { code: sem.code, name: "Eve", delegation: "TJ" });
    for (const type of ["host.start", "host.pause", "host.resume", "host.advance", "host.end"]) {
      expect(await player.act({ type })).toEqual({ ok: false, code: "NOT_HOST" });
    }
    expect(await player.act({ type: "host.extend", seconds: 60 })).toEqual({ ok: false, code: "NOT_HOST" });
    expect(await player.act({ type: "host.inject", event: "border-raid" })).toEqual({ ok: false, code: "NOT_HOST" });
    expect(await player.act({ type: "host.broadcast", text: "I am the chair now" })).toEqual({ ok: false, code: "NOT_HOST" });
    expect(await player.act({ type: "seat.assign", seat: player.seat, delegation: "RU" })).toEqual({ ok: false, code: "NOT_HOST" });
    expect(await player.act({ type: "clock.tick" })).toEqual({ ok: false, code: "NOT_SYSTEM" });
    const wrongKey = "x".repeat(24);
    await expect(new Player(server.url).join(table, { hostKey: wrongKey })).rejects.toThrow();
    const ctl = await post<{ error: string }>(`${server.url}/api/host/${wrongKey}/control`, { action: { type: "host.start" } });
    expect(ctl.status).toBe(403);
    expect((await fetch(`${server.url}/api/host/${wrongKey}`)).status).toBe(403);
    // Nothing changed: the summit is still in the lobby.
    expect(player.view.status).toBe("lobby");
    const ok = await post<{ results: Record<string, { ok: boolean }> }>(`${server.url}/api/host/${sem.hostKey}/control`, { action: { type: "host.start" } });
    expect(ok.body.results[table]).toEqual({ ok: true });
    await player.sees((u) => u.view.status === "running", "started by the host route");
    await player.leave();
  });
});
