/**
 * The host page's data over a real server: GET /api/host/:key carries the server's clock and, for each table whose
 * room is up, its live clock (fresh after the host adds a minute, when the stored summary is not rewritten), its
 * seats with who is there and who signs, and its delegations and items; and the control route acts on one table only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostDashboard } from "../../shared/protocol";
import { createSeminar, Player, post, startTestServer, type TestServer } from "./harness";

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ BOT_PACE_MS: "40" }); });
afterAll(async () => { await server.stop(); });

const dashboard = async (key: string): Promise<HostDashboard> => (await fetch(`${server.url}/api/host/${key}`)).json() as Promise<HostDashboard>;
const control = (key: string, action: Record<string, unknown>, tables?: string[]) =>
  post<{ results: Record<string, { ok: boolean; error?: string }> }>(`${server.url}/api/host/${key}/control`, { action, tables });

describe("the host dashboard route", () => {
  it("gives the server's time and each live table's clock, seats and presence", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", tables: 2, timing: "45", bots: true, botStrength: "strong" });
    const [first, second] = sem.tables as [string, string];
    const anna = await new Player(server.url).join(first, { code: sem.code, name: "Anna", delegation: "RU" });

    const before = Date.now();
    const lobby = await dashboard(sem.hostKey);
    expect(lobby.serverNow).toBeGreaterThanOrEqual(before);
    expect(lobby.serverNow).toBeLessThanOrEqual(Date.now());
    const t1 = lobby.tables.find((t) => t.table === first)!;
    expect(t1.live).toMatchObject({ status: "lobby", rounds: 1, clock: { endsAt: null, remaining: null } });
    expect(t1.live!.delegations.map((d) => d.id)).toEqual(["RU", "BY", "TJ"]);
    expect(t1.live!.items.length).toBeGreaterThan(0);
    expect(t1.live!.seats).toEqual([{ seat: anna.seat, name: "Anna", delegation: "RU", bot: false, presence: "here", signatory: true }]);

    // Start one table only: the other stays in its lobby.
    const started = await control(sem.hostKey, { type: "host.start" }, [first]);
    expect(started.body.results).toEqual({ [first]: { ok: true } });
    await anna.sees((u) => u.view.status === "running" && Object.values(u.view.seats).filter((s) => s.bot).length === 2, "bots seated");
    const running = await dashboard(sem.hostKey);
    const live = running.tables.find((t) => t.table === first)!.live!;
    expect(live).toMatchObject({ status: "running", round: 1, phase: "opening" });
    expect(live.clock.endsAt).toBe(anna.view.clock.endsAt);
    const bots = live.seats.filter((s) => s.bot);
    expect(bots.map((s) => [s.delegation, s.presence, s.signatory])).toEqual(expect.arrayContaining([["BY", "bot", true], ["TJ", "bot", true]]));
    expect(running.tables.find((t) => t.table === second)!.live!.status).toBe("lobby");

    // A minute more: the live clock moves at once (the stored summary is only rewritten at phase changes).
    const endsAt = live.clock.endsAt!;
    expect((await control(sem.hostKey, { type: "host.extend", seconds: 60 }, [first])).body.results[first]).toEqual({ ok: true });
    const extended = await dashboard(sem.hostKey);
    expect(extended.tables.find((t) => t.table === first)!.live!.clock.endsAt).toBe(endsAt + 60_000);

    // Anna leaves: her seat shows her away (or the autopilot standing in), never gone.
    await anna.leave();
    const after = await dashboard(sem.hostKey);
    const seat = after.tables.find((t) => t.table === first)!.live!.seats.find((s) => s.name === "Anna")!;
    expect(["away", "bot"]).toContain(seat.presence);
  });

  it("still refuses a wrong key", async () => {
    expect((await fetch(`${server.url}/api/host/not-a-key-at-all`)).status).toBe(403);
  });
});
