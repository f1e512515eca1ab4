/** A signatory who never votes cannot stall a live table: the ballot's own clock closes it and the queue moves on. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeminar, Player, startTestServer, type TestServer } from "./harness";

const ROOT = join(import.meta.dirname, "../..");
let server: TestServer;

beforeAll(async () => {
  // The tutorial with the shortest ballot clock the format allows, installed as an instructor would.
  const quick = JSON.parse(readFileSync(join(ROOT, "shared/scenarios/tutorial.json"), "utf8"));
  quick.id = "tutorial-quick-ballots";
  quick.ballotSeconds = 10;
  server = await startTestServer({}, [quick]);
});
afterAll(async () => { await server.stop(); });

describe("ballot clocks at a live table", () => {
  it("closes a ballot a signatory ignores, counts it as abstaining, and opens the next", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial-quick-ballots", tables: 1, timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const p: Record<string, Player> = {};
    for (const d of ["RU", "BY", "TJ"]) p[d] = await new Player(server.url).join(table, { code: sem.code, name: `${d} player`, delegation: d });
    for (const d of ["RU", "BY", "TJ"]) await p[d]!.sees((u) => u.you.signatory, `${d} seated`);
    await host.must({ type: "host.start" });
    await host.must({ type: "host.advance" });
    await host.must({ type: "host.advance" });
    await p.RU!.must({ type: "propose", item: "exercise", option: "russia" });
    await p.TJ!.must({ type: "propose", item: "border-fund", option: "modest" });
    await host.must({ type: "host.advance" });
    const first = (await p.RU!.sees((u) => u.view.ballots.some((b) => b.result === "open"), "first ballot")).view.ballots.find((b) => b.result === "open")!;
    expect(first.closesAt).toBe(first.openedAt + 10_000);
    await p.RU!.must({ type: "vote", ballot: first.id, choice: "yes" });
    await p.BY!.must({ type: "vote", ballot: first.id, choice: "abstain" });
    // TJ stays silent. Nobody touches anything: the server's clock must close the ballot by itself.
    const after = await p.TJ!.sees((u) => u.view.ballots.find((b) => b.id === first.id)?.result !== "open", "the clock closes the ballot", 25_000);
    const closed = after.view.ballots.find((b) => b.id === first.id)!;
    expect(closed).toMatchObject({ result: "passed", lapsed: ["TJ"], votes: { RU: "yes", BY: "abstain", TJ: "abstain" } });
    expect(closed.closedAt! - closed.openedAt).toBeGreaterThanOrEqual(10_000);
    // The queue moved on without anyone: the second draft is up, on its own clock.
    const next = after.view.ballots.find((b) => b.result === "open");
    expect(next).toMatchObject({ item: "border-fund", option: "modest" });
    // A ballot it missed is gone: TJ can no longer vote on it.
    expect(await p.TJ!.act({ type: "vote", ballot: first.id, choice: "no" })).toEqual({ ok: false, code: "BALLOT_CLOSED" });
    for (const x of [host, ...Object.values(p)]) await x.leave();
  }, 60_000);
});
