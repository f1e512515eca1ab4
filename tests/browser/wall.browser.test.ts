/**
 * The projector's wall and the canvas against the model, in headless Chromium against the real server:
 * - in the lobby the projector shows the code, the PUBLIC_URL join link and a QR code of exactly that link (compared
 *   with uqr's own encoding), and the students' names as they join;
 * - through a whole bot-played summit, at every sample, each seat's token on the canvas (what was last rendered,
 *   `canvas[data-drawn]`) equals the model's for the same state, the vote prompt shows exactly when the player may vote,
 *   and the canvas catches up with every action;
 * - the feed keeps news, notices and ballot results after they happened (entries are only ever appended).
 * Screenshots go to $WALL_SHOTS when it is set.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { encode } from "uqr";
import { buildClient } from "../../client/build";
import { createSeminar, Player, startTestServer, type TestServer } from "../server/harness";
import { haveChromium, launch, newPage } from "./browser";
import type { SeminarCreated } from "../../shared/protocol";
import type { LiveUpdate } from "../../shared/liveSync";

const PUBLIC_URL = "https://summit.school.example";
const SHOTS = process.env.WALL_SHOTS;

interface Drawn {
  seq: number | null; status?: string; paused?: boolean; prompt?: boolean;
  seats?: Record<string, string | null>; feed?: string[];
  wall?: { code: string; link: string; qr: string[]; names: string[] } | null;
}

async function drawn(page: Page): Promise<Drawn | null> {
  const text = await page.locator("canvas").first().getAttribute("data-drawn").catch(() => null);
  return text ? (JSON.parse(text) as Drawn) : null;
}

async function waitDrawn(page: Page, pred: (d: Drawn) => boolean, what: string, ms = 10_000): Promise<Drawn> {
  const end = Date.now() + ms;
  let last: Drawn | null = null;
  while (Date.now() < end) {
    last = await drawn(page);
    if (last && pred(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`canvas never showed ${what}; last drawn: ${JSON.stringify(last)?.slice(0, 400)}`);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
}

/** The tokens the canvas must show for a view: the open ballot's votes, "pending" for a signatory yet to vote. */
function expectedTokens(u: LiveUpdate): Record<string, string | null> {
  const v = u.view;
  const open = v.ballots.find((b) => b.result === "open");
  const out: Record<string, string | null> = {};
  for (const id of Object.keys(v.delegations)) {
    out[id] = v.status === "ended" || !open ? null : open.votes[id] ?? (v.delegations[id]?.signatory != null ? "pending" : null);
  }
  return out;
}

describe.skipIf(!haveChromium)("the projector wall, the feed, and the canvas against the model", () => {
  let server: TestServer;
  let browser: Browser;
  let sem: SeminarCreated;
  let table: string;
  let projector: Page;
  const students: Player[] = [];

  beforeAll(async () => {
    await buildClient();
    server = await startTestServer({ PUBLIC_URL, BOT_PACE_MS: "40" });
    browser = await launch();
    sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: true });
    table = sem.tables[0]!;
  }, 120_000);
  afterAll(async () => {
    for (const s of students) await s.leave();
    await browser?.close();
    await server?.stop();
  });

  it("in the lobby the projector shows the code, the public link, its QR code, and names as students arrive", async () => {
    ({ page: projector } = await newPage(browser, { width: 1920, height: 1080 }));
    await projector.goto(`${server.url}/projector/${table}?code=${sem.code}`);
    const link = `${PUBLIC_URL}/join/${sem.code}`;
    const first = await waitDrawn(projector, (d) => !!d.wall, "the lobby wall");
    expect(first.wall).toMatchObject({ code: sem.code, link, names: [] });
    // The QR code drawn is uqr's encoding of the public link, module for module.
    const qr = encode(link, { ecc: "M", border: 2 }).data.map((row) => row.map((b) => (b ? "1" : "0")).join(""));
    expect(first.wall!.qr).toEqual(qr);
    expect(qr.length).toBeGreaterThan(20);
    // Names appear as students join, in the order they came, with their delegation.
    for (const [name, delegation] of [["Ana", "AM"], ["Boris", "BY"], ["Dana", "KZ"]] as const) {
      students.push(await new Player(server.url).join(table, { code: sem.code, name, delegation }));
      await waitDrawn(projector, (d) => !!d.wall?.names.some((n) => n.startsWith(`${name} ·`)), `${name} on the wall`);
    }
    const wall = (await drawn(projector))!.wall!;
    expect(wall.names).toEqual(["Ana · Armenia", "Boris · Belarus", "Dana · Kazakhstan"]);
    await shot(projector, "projector-lobby-1920.png");
  });

  it("through a whole bot-played summit the canvas shows each seat's vote as the model has it, and the feed keeps everything", async () => {
    // Boris and Dana leave: bots stand in for them. Ana plays on a phone; her own SDK connection (same seat) votes.
    const [ana, boris, dana] = students as [Player, Player, Player];
    await boris.leave();
    await dana.leave();
    const { page: phone, errors } = await newPage(browser, { width: 375, height: 740 });
    await phone.addInitScript(([key, token]) => localStorage.setItem(key!, token!), [`csto.seat.${table}`, ana.token]);
    await phone.goto(`${server.url}/table/${table}`);
    await waitDrawn(phone, (d) => d.seq !== null, "the table");
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    students.push(host);
    await host.must({ type: "host.start" });

    let samples = 0, prompts = 0, lastSeq = -1, stableSince = Date.now(), feedSeen: string[] = [];
    let pausedChecked = false, notices = 0, scrolledUpAt: number | null = null;
    const deadline = Date.now() + 150_000;
    for (let i = 0; i < 600 && Date.now() < deadline; i++) {
      const u = ana.update!;
      if (u.view.status === "ended") break;
      // Sample the canvas and compare it with Ana's model at the same state.
      const d = await drawn(phone);
      const at = d?.seq != null ? [...ana.updates].reverse().find((x) => x.seq === d.seq) : undefined;
      if (d && at) {
        expect(d.seats, `seat tokens at seq ${d.seq}`).toEqual(expectedTokens(at));
        const mayVote = at.legal.some((a) => a.type === "vote") && expectedTokens(at).AM === "pending";
        expect(d.prompt, `vote prompt at seq ${d.seq}`).toBe(mayVote);
        samples++;
        if (d.prompt) prompts++;
      }
      // The chair's notices and a news item, once each, in the first round; a pause shown as a banner on the wall.
      if (notices === 0 && u.view.phase === "consultations") {
        await host.must({ type: "host.broadcast", text: "Coffee is served in the lobby." });
        await host.must({ type: "host.inject", title: "Border incident reported", text: "Shots near the Tajik-Afghan border." });
        notices = 2;
      }
      if (!pausedChecked && u.view.phase === "drafting") {
        await host.must({ type: "host.pause" });
        const p = await waitDrawn(projector, (x) => x.paused === true, "the pause banner");
        expect(p.status).toBe("paused");
        await waitDrawn(phone, (x) => x.paused === true, "the pause banner on the phone");
        await shot(projector, "projector-paused-1920.png");
        await host.must({ type: "host.resume" });
        await waitDrawn(projector, (x) => x.paused === false, "the banner gone");
        pausedChecked = true;
      }
      const vote = u.legal.find((a) => a.type === "vote" && "choice" in a && a.choice === "yes") ?? u.legal.find((a) => a.type === "vote");
      if (vote) {
        if (prompts === 1) await shot(phone, "table-phone-vote-prompt-375.png");
        const r = await ana.act(vote as unknown as Record<string, unknown>);
        // The canvas catches up with every accepted action (the loop may not sleep on a stale frame).
        if (r.ok) await waitDrawn(phone, (x) => (x.seq ?? -1) >= r.seq, `seq ${r.seq} on the phone`);
        continue;
      }
      if (u.seq !== lastSeq) { lastSeq = u.seq; stableSince = Date.now(); }
      // When the bots have done what they will in this phase, the chair moves on.
      if (Date.now() - stableSince > 1200) {
        if (u.view.phase === "voting" && !SHOTS_TAKEN.mid) { SHOTS_TAKEN.mid = true; await shot(projector, "projector-mid-1920.png"); }
        await host.act({ type: "host.advance" });
        stableSince = Date.now();
      }
      // The feed on the phone only ever grows: nothing that happened goes away.
      const keys = await phone.locator(".feed-entry").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key ?? ""));
      expect(keys.slice(0, feedSeen.length), "feed entries kept in order").toEqual(feedSeen);
      feedSeen = keys;
      // A reader scrolls back up the feed once it overflows; new entries must not move them.
      if (scrolledUpAt === null && keys.length >= 3) {
        const overflowing = await phone.locator(".feed-list").evaluate((el) => el.scrollHeight > el.clientHeight + 20);
        if (overflowing) {
          await phone.locator(".feed-list").evaluate((el) => { el.scrollTop = 0; });
          scrolledUpAt = keys.length;
        }
      }
      if (scrolledUpAt !== null) expect(await phone.locator(".feed-list").evaluate((el) => el.scrollTop), "the reader's place in the feed").toBe(0);
      await phone.waitForTimeout(60);
    }
    await ana.sees((x) => x.view.status === "ended", "the end", 10_000);
    expect(samples).toBeGreaterThan(30);
    expect(prompts).toBeGreaterThan(0);
    expect(pausedChecked).toBe(true);
    expect(scrolledUpAt, "the feed overflowed and was read back").not.toBeNull();

    // After the end: the feed holds both notices, every closed ballot and a recap per round, on the phone and the wall.
    const v = ana.update!.view;
    const want = [
      ...v.notices.map((n) => `n:${n.seq}`),
      ...v.ballots.filter((b) => b.result !== "open").map((b) => `b:${b.id}`),
      ...Array.from({ length: v.round }, (_, i) => `r:${i + 1}`),
    ];
    expect(v.notices.length).toBeGreaterThanOrEqual(2);
    expect(v.ballots.filter((b) => b.result !== "open").length).toBeGreaterThan(0);
    const end = await waitDrawn(projector, (x) => x.status === "ended", "the end on the wall");
    expect(end.feed).toEqual(expect.arrayContaining(want));
    await phone.locator(`.feed-entry[data-key="${want.at(-1)}"]`).waitFor({ timeout: 10_000 });
    const finalKeys = await phone.locator(".feed-entry").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key ?? ""));
    expect(finalKeys).toEqual(expect.arrayContaining(want));
    expect(finalKeys.length).toBeGreaterThan(scrolledUpAt!);
    expect(await phone.locator(".feed-list").evaluate((el) => el.scrollTop), "still where the reader left it").toBe(0);
    // A closed ballot says who voted how.
    const firstBallot = v.ballots.find((b) => b.result !== "open")!;
    const ballotEntry = phone.locator(`.feed-entry[data-key="b:${firstBallot.id}"]`);
    await expect(ballotEntry.locator(".feed-votes").textContent()).resolves.toMatch(/Armenia/);
    expect(await phone.locator(".feed-entry.feed-news").filter({ hasText: "Border incident reported" }).count()).toBe(1);
    expect(await phone.locator(".feed-entry.feed-notice").filter({ hasText: "Coffee is served in the lobby." }).count()).toBe(1);
    await shot(projector, "projector-ended-1920.png");
    expect(errors).toEqual([]);
  }, 200_000);

  it("with frames as slow as software WebGL under load, the canvas still shows the latest state once the table is quiet", async () => {
    // A table with no bots: nothing happens unless the test makes it happen.
    const quiet = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
    const t = quiet.tables[0]!;
    const me = await new Player(server.url).join(t, { code: quiet.code, name: "Eva", delegation: "AM" });
    students.push(me);
    const { page, errors } = await newPage(browser, { width: 375, height: 740 });
    // The compositor hands out a frame only every 1.5 s (as with SwiftShader WebGL at 2 s a frame): longer than the
    // page stays awake after an update without events (1 s).
    await page.addInitScript(() => {
      const timers = new Map<number, ReturnType<typeof setTimeout>>();
      let next = 1;
      window.requestAnimationFrame = (cb) => {
        const id = next++;
        timers.set(id, setTimeout(() => { timers.delete(id); cb(performance.now()); }, 1500));
        return id;
      };
      window.cancelAnimationFrame = (id) => { clearTimeout(timers.get(id)); timers.delete(id); };
    });
    await page.addInitScript(([key, token]) => localStorage.setItem(key!, token!), [`csto.seat.${t}`, me.token]);
    await page.goto(`${server.url}/table/${t}`);
    await waitDrawn(page, (d) => d.seq !== null, "the table", 20_000);
    // A classmate comes and goes: the going is a presence change alone, an update without events.
    const other = await new Player(server.url).join(t, { code: quiet.code, name: "Oleg", delegation: "BY" });
    await waitDrawn(page, (d) => (d as { presence?: Record<string, string> }).presence?.BY === "here", "Belarus here", 20_000);
    await other.leave();
    await me.sees((u) => u.presence[other.seat] === "away", "Belarus away in the model");
    await waitDrawn(page, (d) => (d as { presence?: Record<string, string> }).presence?.BY === "away", "Belarus away on the canvas", 20_000);
    expect(errors).toEqual([]);
  }, 90_000);
});

const SHOTS_TAKEN = { mid: false };
