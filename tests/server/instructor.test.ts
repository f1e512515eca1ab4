/**
 * The instructor's side over a real server on 127.0.0.1: bot strength chosen per seminar (stored, shown, played and
 * recorded in the log), the new timing presets, and the role sheets behind the host key, escaped against a hostile
 * scenario installed in the scenario folder.
 */
import { matchMaker } from "@colyseus/core";
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botStrengths, seatLabel } from "../../shared/botSeats";
import type { SeminarInfo } from "../../shared/protocol";
import type { BotDriver } from "../../server/botDriver";
import { createSeminar, Player, post, startTestServer, type TestServer } from "./harness";

const ROOT = resolve(import.meta.dirname, "../..");
const HOSTILE = '<script>alert("sheet")</script>';
let server: TestServer;
beforeAll(async () => {
  // An instructor's scenario with markup in its strings, installed the way an instructor would.
  const evil = JSON.parse(readFileSync(join(ROOT, "shared/scenarios/tutorial.json"), "utf8"));
  evil.id = "hostile-strings";
  evil.title = `Tutorial ${HOSTILE}`;
  evil.delegations[0].briefing = `Trust nobody. ${HOSTILE}`;
  evil.delegations[1].name = "Belarus <b onmouseover=x>";
  evil.items[0].options[0].title = `In Russia ${HOSTILE}`;
  server = await startTestServer({ BOT_PACE_MS: "40", GRACE_SECONDS: "30" }, [evil]);
});
afterAll(async () => { await server.stop(); });

/** The stored log of a table. */
function logOf(table: string): Record<string, unknown>[] {
  const db = new Database(join(server.dataDir, "csto.sqlite"), { readonly: true });
  try {
    return (db.prepare("SELECT action FROM actions WHERE table_id = ? ORDER BY seq").all(table) as { action: string }[]).map((r) => JSON.parse(r.action));
  } finally { db.close(); }
}

function seedOf(table: string): number {
  const db = new Database(join(server.dataDir, "csto.sqlite"), { readonly: true });
  try {
    return (JSON.parse((db.prepare("SELECT header FROM tables WHERE id = ?").get(table) as { header: string }).header) as { seed: number }).seed;
  } finally { db.close(); }
}

const dashboard = async (key: string): Promise<Response> => fetch(`${server.url}/api/host/${key}`);
const sheets = async (key: string): Promise<Response> => fetch(`${server.url}/api/host/${key}/rolesheets`);
/** The bot driver of a live table in this process. */
const driverOf = (table: string) => (matchMaker.getLocalRoomById(table) as unknown as { service: { bots: BotDriver } }).service.bots;

describe("bot strength chosen by the host", () => {
  it("plain: stored with the seminar, and every bot seat plays plain and says so in the log", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: true, botStrength: "plain" });
    const info = (await (await dashboard(sem.hostKey)).json()) as SeminarInfo;
    expect(info).toMatchObject({ bots: true, botStrength: "plain" });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    await host.must({ type: "host.start" });
    const u = await host.sees((x) => Object.values(x.view.seats).filter((s) => s.bot).length === 3, "three bots seated");
    const bots = Object.values(u.view.seats).filter((s) => s.bot);
    expect(bots.map((s) => s.name).sort()).toEqual(["Belarus (bot, plain)", "Russia (bot, plain)", "Tajikistan (bot, plain)"]);
    // Listed once as a bot, never "(bot) (bot)".
    for (const s of bots) expect(seatLabel(s)).toBe(s.name);
    for (const d of ["RU", "BY", "TJ"]) expect(driverOf(table).strengthOf(d)).toBe("plain");
    // They play: the opening statements come from the bot seats, and the log records who they are.
    await host.sees((x) => ["RU", "BY", "TJ"].every((d) => x.view.messages.some((m) => m.channel === "public" && m.from === d)), "the bots' opening statements", 10_000);
    const joins = logOf(table).filter((a) => a.type === "seat.join" && a.bot === true);
    expect(joins.map((a) => a.name)).toEqual(expect.arrayContaining(["Russia (bot, plain)", "Belarus (bot, plain)", "Tajikistan (bot, plain)"]));
    expect(logOf(table).some((a) => a.type === "say" && String(a.by).startsWith("bot-"))).toBe(true);
    await host.leave();
  });

  it("mixed by default: each seat plain or strong by the table's seeded coin toss", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: true, tables: 2 });
    expect(((await (await dashboard(sem.hostKey)).json()) as SeminarInfo).botStrength).toBe("mixed");
    for (const table of sem.tables) {
      const expected = botStrengths(["RU", "BY", "TJ"], "mixed", seedOf(table));
      const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
      await host.must({ type: "host.start" });
      const u = await host.sees((x) => Object.values(x.view.seats).filter((s) => s.bot).length === 3, "three bots seated");
      for (const [d, strength] of Object.entries(expected)) {
        expect(driverOf(table).strengthOf(d)).toBe(strength);
        expect(Object.values(u.view.seats).find((s) => s.delegation === d)!.name).toMatch(new RegExp(`\\(bot, ${strength}\\)$`));
      }
      await host.leave();
    }
  });

  it("refuses a strength that does not exist", async () => {
    const r = await post<{ error: string; detail: string }>(`${server.url}/api/seminars`, { scenario: "tutorial", botStrength: "brutal" });
    expect(r.status).toBe(400);
    expect(r.body.detail).toBe("botStrength");
  });
});

describe("timing presets", () => {
  it("a seminar may run on the 35- or 75-minute clock, and no other", async () => {
    for (const timing of ["35", "75"] as const) {
      const sem = await createSeminar(server, { scenario: "yerevan-2016", timing, bots: false });
      expect(((await (await dashboard(sem.hostKey)).json()) as SeminarInfo).timing).toBe(timing);
    }
    expect((await post(`${server.url}/api/seminars`, { scenario: "yerevan-2016", timing: "60" })).status).toBe(400);
  });
});

describe("teams at a seminar of several tables", () => {
  it("a team that names its table sits together there; without a table, players spread out", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", tables: 4, timing: "manual", bots: true });
    const placeAt = (body: Record<string, unknown>) => post<{ table: string; delegation: string }>(`${server.url}/api/place`, { code: sem.code, ...body });
    for (const name of ["Anna", "Aram", "Ani"]) {
      const p = await placeAt({ delegation: "AM", table: 2 });
      expect(p.status).toBe(200);
      expect(p.body).toEqual({ table: sem.tables[1], delegation: "AM" });
      const player = await new Player(server.url).join(p.body.table, { code: sem.code, name, delegation: "AM" });
      await player.leave();
    }
    const spread = await placeAt({ delegation: "AM" });
    expect(spread.body.table).not.toBe(sem.tables[1]);
    expect((await placeAt({ table: 9 })).status).toBe(400);
  });
});

describe("role sheets", () => {
  it("are refused without the host key", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "45", bots: false });
    for (const key of ["not-the-key-at-all-123", sem.code, `${sem.hostKey}x`]) {
      const r = await sheets(key);
      expect(r.status).toBe(403);
      expect(r.headers.get("content-type")).toMatch(/json/);
      expect(await r.text()).not.toContain("Sargsyan");
    }
  });

  it("are one page per delegation for the host, with priorities, relations, history and the seminar's timing", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "75", bots: false });
    const r = await sheets(sem.hostKey);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.headers.get("referrer-policy")).toBe("no-referrer");
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await r.text();
    expect(html.match(/<section class="sheet"/g)).toHaveLength(6);
    for (const name of ["Russia", "Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Tajikistan"]) expect(html).toContain(`<h2>${name}</h2>`);
    expect(html).toContain("@media print");
    expect(html).toContain("break-after: page");
    expect(html).toContain("Adopted: Seyran Ohanyan (Armenia)");
    expect(html).toContain("75-min class");
    expect(html).not.toContain("45-min class");
    expect(html).not.toMatch(/<script/i);
  });

  it("escape every string of an instructor's scenario", async () => {
    const sem = await createSeminar(server, { scenario: "hostile-strings", timing: "manual", bots: false });
    const html = await (await sheets(sem.hostKey)).text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<b onmouseover");
    expect(html).toContain("Trust nobody. &lt;script&gt;alert(&quot;sheet&quot;)&lt;/script&gt;");
    expect(html).toContain("Belarus &lt;b onmouseover=x&gt;");
    expect(html).toContain("In Russia &lt;script&gt;");
    expect(html.match(/<section class="sheet"/g)).toHaveLength(3);
  });
});
