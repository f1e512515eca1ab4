/**
 * Live updates over the wire: after the first whole view a client gets patches whose size does not grow with the
 * chat, a late joiner gets only the latest messages, older ones come by page, and a client that asks to resync gets
 * a fresh whole view it can carry on from.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGE_WINDOW } from "../../shared/liveSync";
import { createSeminar, Player, startTestServer, until, type TestServer } from "./harness";

let server: TestServer;
// The chat below is faster than any class: the per-seat line budget is raised for it.
beforeAll(async () => { server = await startTestServer({ LINES_PER_10S: "10000" }); });
afterAll(async () => { await server.stop(); });

const DELEGATIONS = ["RU", "AM", "BY", "KZ", "KG", "TJ"];

describe("live updates are changes, not snapshots", () => {
  it("patch bytes stay flat as the chat grows; a late projector gets the latest page and the rest on demand", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const p: Player[] = [];
    for (const d of DELEGATIONS) p.push(await new Player(server.url).join(table, { code: sem.code, name: `${d} player`, delegation: d }, true));
    await p[5]!.sees((u) => u.you.signatory, "seated");
    await host.must({ type: "host.start" });
    const watcher = p[0]!;

    /** Bytes the watcher received for the patch that brought `seq`. */
    const patchBytes = async (seq: number): Promise<number> => {
      await watcher.sees((u) => u.seq >= seq, `seq ${seq}`);
      const i = watcher.patches.findIndex((x) => x.seq === seq);
      expect(i).toBeGreaterThanOrEqual(0);
      return Buffer.byteLength(JSON.stringify(watcher.patches[i]));
    };
    const say = (i: number, n: number) => p[i % 6]!.must({ type: "say", channel: "public", text: `Statement number ${String(n).padStart(4, "0")} on the agenda.` });

    const early = await patchBytes(await say(1, 0));
    for (let n = 1; n < 150; n++) await say(n, n);
    const late = await patchBytes(await say(1, 150));
    // One more line costs the same whether the table has heard one statement or 150 (the old snapshots grew by
    // every line ever said). A little slack for counters with more digits.
    expect(late).toBeLessThan(early * 1.25);
    expect(late).toBeLessThan(1500);

    // Every player's model holds every statement, in order, having received each line once.
    const publicTexts = (x: Player) => x.view.messages.filter((m) => m.channel === "public").map((m) => m.text);
    for (const x of p) {
      await x.sees((u) => u.seq === watcher.update!.seq, "caught up");
      expect(publicTexts(x)).toHaveLength(151);
      expect(x.fulls).toHaveLength(1);
    }

    // A projector that joins now gets the latest window only, and knows there is more.
    const projector = await new Player(server.url).join(table, { code: sem.code, spectate: true }, true);
    expect(projector.view.messages).toHaveLength(MESSAGE_WINDOW);
    expect(projector.live.olderMessages).toBe(true);
    expect(projector.view.messages.at(-1)!.text).toContain("0150");
    const joinBytes = projector.bytes.reduce((n, f) => n + f.length, 0);
    expect(joinBytes).toBeLessThan(40_000);
    // Paging back brings the rest, oldest first, and says when there is no more.
    for (let page = 0; page < 10 && projector.live.olderMessages; page++) {
      const before = projector.view.messages[0]!.seq;
      projector.room.send("history", { before, ref: page });
      await until(() => projector.histories.some((h) => h.ref === page), 5000, `history page ${page}`);
      projector.live.prependHistory(projector.histories.find((h) => h.ref === page)!);
      projector.update = projector.live.update;
    }
    expect(projector.live.olderMessages).toBe(false);
    expect(publicTexts(projector)).toEqual(publicTexts(watcher));

    // A resync gives a fresh whole view with the next rev, and patches carry on from it.
    const rev = watcher.live.rev;
    watcher.room.send("resync", {});
    await until(() => watcher.fulls.length === 2, 5000, "fresh view");
    expect(watcher.fulls[1]!.rev).toBe(rev + 1);
    const seq = await say(2, 151);
    await watcher.sees((u) => u.seq === seq, "patch after resync");
    expect(watcher.patches.at(-1)!.rev).toBe(rev + 2);
    for (const x of [host, projector, ...p]) await x.leave();
  });

  it("a private line reaches only its parties' models; the host hears only a count", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const am = await new Player(server.url).join(table, { code: sem.code, name: "Yerevan", delegation: "AM" });
    const ru = await new Player(server.url).join(table, { code: sem.code, name: "Moscow", delegation: "RU" });
    const by = await new Player(server.url).join(table, { code: sem.code, name: "Minsk", delegation: "BY" });
    const projector = await new Player(server.url).join(table, { code: sem.code, spectate: true });
    await by.sees((u) => u.you.signatory, "seated");
    await host.must({ type: "host.start" });
    await host.must({ type: "host.advance" });
    const seq0 = await am.must({ type: "say", channel: "public", text: "Good morning." });
    for (const x of [by, projector, host]) await x.sees((u) => u.seq === seq0, "public line");
    const seq = await am.must({ type: "say", channel: "dm:AM-RU", text: "Between us: the firm text." });
    await ru.sees((u) => u.seq === seq, "RU hears");
    await host.sees((u) => u.view.privateTraffic["dm:AM-RU"] === 1, "host counts the line");
    // Another public line afterwards: once it has arrived, anything the private one caused would have too.
    const seq2 = await ru.must({ type: "say", channel: "public", text: "Moscow agrees to talk." });
    for (const x of [by, projector]) await x.sees((u) => u.seq === seq2, "next public line");
    for (const x of [by, projector]) {
      expect(x.patches.every((pt) => pt.lines.every((l) => l.channel === "public"))).toBe(true);
      expect(x.view.messages.map((m) => m.text)).toEqual(["Good morning.", "Moscow agrees to talk."]);
    }
    expect(ru.view.messages.map((m) => m.text)).toContain("Between us: the firm text.");
    expect(host.view.messages.map((m) => m.text)).toEqual(["Good morning.", "Moscow agrees to talk."]);
    for (const x of [host, am, ru, by, projector]) await x.leave();
  });

  it("whole views on request are rationed: a burst of resyncs gets one view and RATE_LIMITED for the rest", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
    const spectator = await new Player(server.url).join(sem.tables[0]!, { code: sem.code, spectate: true });
    for (let i = 0; i < 4; i++) spectator.room.send("resync", {});
    await until(() => spectator.errors.filter((e) => e.code === "RATE_LIMITED").length === 3, 5000, "three refusals");
    await until(() => spectator.fulls.length === 2, 5000, "one fresh view");
    expect(spectator.left).toBeNull();
    await spectator.leave();
  });
});
