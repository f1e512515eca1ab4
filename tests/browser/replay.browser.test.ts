/** The replay pages in Chromium: library, timeline, perspectives, deep links, seeking speed, export → import → verify. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, builtScripts } from "../../client/build";
import type { Imported } from "../../shared/replayProtocol";
import { scenarios } from "../../shared/scenarios";
import { exportSession, parseSessionFile, stringifySession } from "../../shared/sessionFile";
import { verifySession } from "../../shared/verifySession";
import { playClassSession } from "../classSession";
import { createSeminar, Player, post, startTestServer, type TestServer } from "../server/harness";
import { haveChromium, launch, newPage } from "./browser";

const CORPUS = join(import.meta.dirname, "../corpus/yerevan-historical.session.json");
const corpus = JSON.parse(readFileSync(CORPUS, "utf8")) as { actions: { type: string; channel?: string; text?: string }[] };
/** Armenia's first private line to Russia in the corpus session, and the moment just after it. */
const AM_RU_AT = corpus.actions.findIndex((a) => a.type === "say" && a.channel === "dm:AM-RU") + 1;
const AM_RU = corpus.actions[AM_RU_AT - 1]!.text!;
const LIVE_SECRET = "Live marker 4410: Dushanbe wants the exercise at any price";

let server: TestServer;
let browser: Browser;
let table = "";
let long = "";
let live = "";
let liveCode = ""; // a running table is read with its seminar's code
const players: Player[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  await buildClient();
  server = await startTestServer();
  browser = await launch();
  table = (await post<Imported>(`${server.url}/api/replays/import`, JSON.parse(readFileSync(CORPUS, "utf8")))).body.table;
  // A full 90-minute class (24 students, about 900 actions) for the timing checks.
  const yerevan = scenarios["yerevan-2016"]!;
  const s = playClassSession(yerevan, { seed: 3, timing: "90", perDelegation: 4, chatPerMinute: 0.5 });
  const e = exportSession({ scenario: yerevan, header: s.header, actions: s.actions, createdAt: s.createdAt, title: "Long class" });
  if (!e.ok) throw new Error(e.error);
  long = (await post<Imported>(`${server.url}/api/replays/import`, e.file)).body.table;
  // A running tutorial with a private message in it.
  const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false, title: "Live class" });
  live = sem.tables[0]!;
  liveCode = sem.code;
  const host = await new Player(server.url).join(live, { hostKey: sem.hostKey });
  const ru = await new Player(server.url).join(live, { code: sem.code, name: "Russia player", delegation: "RU" });
  const tj = await new Player(server.url).join(live, { code: sem.code, name: "Tajik player", delegation: "TJ" });
  players.push(host, ru, tj);
  await host.must({ type: "host.start" });
  await ru.must({ type: "say", channel: "public", text: "Russia opens the live class." });
  await host.must({ type: "host.advance" });
  await tj.must({ type: "say", channel: "dm:RU-TJ", text: LIVE_SECRET });
}, 180_000);
afterAll(async () => {
  for (const p of players) await p.leave();
  await browser?.close();
  await server?.stop();
});

const where = (page: Page) => page.locator(".tl-where");
async function momentIs(page: Page, seq: number, of?: number): Promise<void> {
  await expect.poll(() => where(page).textContent(), { timeout: 5000 }).toMatch(new RegExp(`^Moment ${seq} of ${of ?? "\\d+"}\\b`));
}

describe.skipIf(!haveChromium)("replay pages in the browser", () => {
  it("the client bundle carries no scenario secrets", () => {
    const bundle = builtScripts().map((f) => readFileSync(f, "utf8")).join("\n");
    for (const sc of Object.values(scenarios)) {
      for (const d of sc.delegations) expect(bundle, `${sc.id} ${d.id} briefing`).not.toContain(d.briefing.slice(0, 50));
      for (const e of sc.events) expect(bundle, `${sc.id} event ${e.id}`).not.toContain(e.text.slice(0, 50));
    }
  });

  it("the library lists finished and running sessions, filters them, and links to the viewer", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/replay`);
    await page.getByRole("link", { name: "Open" }).first().waitFor();
    expect(await page.locator("tbody tr").count()).toBe(3);
    await page.getByLabel("Status").selectOption("live");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await expect.poll(() => page.url()).toContain("status=live");
    await page.getByLabel("Status").selectOption("ended");
    await page.getByLabel("Search").fill("Yerevan 2016");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.getByRole("link", { name: "Open" }).click();
    await page.waitForURL(new RegExp(`/replay/${table}$`));
    await page.locator(".tl-mark").first().waitFor();
    expect(errors).toEqual([]);
  });

  it("timeline: marks, step ±1, jump to a ballot, play at 32×", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/replay/${table}#seq=100`);
    await momentIs(page, 100, corpus.actions.length);
    const ballots = page.locator(".tl-mark.ballot");
    expect(await ballots.count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator(".tl-mark.phase").count()).toBeGreaterThanOrEqual(8);
    await page.getByRole("button", { name: "Step forward one action" }).click();
    await momentIs(page, 101);
    await page.getByRole("button", { name: "Step back one action" }).click();
    await page.getByRole("button", { name: "Step back one action" }).click();
    await momentIs(page, 99);
    // A ballot mark jumps to its moment; the jump list does the same from the keyboard.
    const seq = Number(await ballots.first().getAttribute("data-seq"));
    // Marks can sit on top of one another on a dense timeline: a click event on the mark itself, as a keyboard user's Enter gives.
    await ballots.first().dispatchEvent("click");
    await momentIs(page, seq);
    const option = page.locator(".tl-jump optgroup[label=Decisions] option").first();
    const decided = Number(await option.getAttribute("value"));
    await page.locator(".tl-jump").selectOption(String(decided));
    await momentIs(page, decided);
    await page.getByRole("button", { name: "Step back one action" }).click();
    await page.getByLabel("Speed").selectOption("32");
    await page.getByRole("button", { name: "Play", exact: true }).click();
    await page.waitForTimeout(1500);
    await page.getByRole("button", { name: "Pause", exact: true }).click();
    const after = Number(/Moment (\d+)/.exec((await where(page).textContent()) ?? "")?.[1]);
    expect(after).toBeGreaterThan(decided);
    // While playing, the address follows the moment at most every half second: wait for it to catch up.
    await page.waitForURL((u) => u.hash.includes(`seq=${after}&`) || u.hash.endsWith(`seq=${after}`), { timeout: 5000 });
    expect(errors).toEqual([]);
  });

  it("perspectives: a private line shows to its parties and when revealed, never to the public or a third delegation", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/replay/${table}#seq=${AM_RU_AT + 2}&as=public`);
    await momentIs(page, AM_RU_AT + 2);
    const transcript = page.locator(".transcript");
    await expect.poll(() => transcript.textContent()).toContain("Armenia");
    expect(await transcript.textContent()).not.toContain(AM_RU);
    await page.getByLabel("Watch as").selectOption("AM");
    await expect.poll(() => transcript.textContent()).toContain(AM_RU);
    expect(page.url()).toContain("as=AM");
    await page.getByLabel("Watch as").selectOption("BY");
    await expect.poll(() => transcript.textContent()).not.toContain(AM_RU);
    await page.getByLabel("Watch as").selectOption("revealed");
    await expect.poll(() => transcript.textContent()).toContain(AM_RU);
    expect(await page.locator(".tl-persp option").allTextContents()).toEqual(expect.arrayContaining(["the public (projector)", "the host", "Armenia", "everything revealed"]));
    expect(errors).toEqual([]);
  });

  it("a deep link opens at its moment and perspective, and the link follows the viewer", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/replay/${table}#seq=123&as=BY`);
    await momentIs(page, 123);
    expect(await page.getByLabel("Watch as").inputValue()).toBe("BY");
    await page.keyboard.press("ArrowRight");
    await momentIs(page, 124);
    await expect.poll(() => new URL(page.url()).hash).toBe("#seq=124&as=BY");
    // Changing the hash by hand moves the viewer too.
    await page.evaluate(() => { location.hash = "#seq=7&as=BY"; });
    await momentIs(page, 7);
    expect(errors).toEqual([]);
  });

  // Timing belongs to the benchmarks (npm run bench); here seeking must land on the right moment every time.
  it("seeks anywhere in a 90-minute session, landing on the moment asked for", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/replay/${long}`);
    await page.locator(".tl-mark").first().waitFor();
    const r = await page.evaluate(async () => {
      const w = window as unknown as { cstoReplay: { feed: { seek(n: number): Promise<void>; seq: number; lastSeekMs: number; source: { length: number } }; openMs: number } };
      const { feed, openMs } = w.cstoReplay;
      const engine: number[] = [], total: number[] = [], missed: number[] = [];
      for (let i = 0; i < 40; i++) {
        const seq = Math.floor(((i * 7919) % 997) / 997 * feed.source.length);
        const t0 = performance.now();
        await feed.seek(seq);
        total.push(performance.now() - t0);
        engine.push(feed.lastSeekMs);
        if (feed.seq !== seq) missed.push(seq);
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      return { missed, length: feed.source.length, openMs, engineMedian: med(engine), engineMax: Math.max(...engine), totalMedian: med(total), totalMax: Math.max(...total) };
    });
    console.log(`browser replay of ${r.length} actions: open ${r.openMs.toFixed(0)} ms; seek (engine + views) median ${r.engineMedian.toFixed(1)} ms, max ${r.engineMax.toFixed(1)} ms; seek with drawing median ${r.totalMedian.toFixed(1)} ms, max ${r.totalMax.toFixed(1)} ms`);
    expect(r.length).toBeGreaterThan(800);
    expect(r.missed).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("fork from a moment: a new live summit opens on the host page, paused, with the parent recorded", async () => {
    const { page, errors } = await newPage(browser);
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${server.url}/replay/${table}#seq=150`);
    await momentIs(page, 150);
    await page.getByRole("button", { name: "Fork from here" }).click();
    await page.waitForURL(/\/host\//);
    const key = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const dash = (await (await fetch(`${server.url}/api/host/${key}`)).json()) as { title: string; tables: { table: string; status: string }[] };
    expect(dash.title).toBe("What if: Yerevan 2016, class of twelve");
    expect(dash.tables[0]!.status).toBe("paused");
    const lib = (await (await fetch(`${server.url}/api/replays?status=live`)).json()) as { replays: { table: string; parent: string | null; forkSeq: number | null }[] };
    expect(lib.replays.find((r) => r.table === dash.tables[0]!.table)).toMatchObject({ parent: table, forkSeq: 150 });
    expect(errors).toEqual([]);
  });

  it("a running session shows public views only, with no way to reveal", async () => {
    const { page, errors } = await newPage(browser);
    const frames: string[] = [];
    page.on("response", async (res) => { if (res.url().includes("/api/replays")) frames.push(await res.text().catch(() => "")); });
    const length = ((await (await fetch(`${server.url}/api/replays/${live}?code=${liveCode}`)).json()) as { length: number }).length;
    await page.goto(`${server.url}/replay/${live}?code=${liveCode}`);
    await page.getByText("Live: public views only until the summit ends").waitFor();
    await momentIs(page, length, length);
    expect(await page.locator(".tl-persp option").allTextContents()).toEqual(["the public (projector)"]);
    expect(await page.getByRole("button", { name: "Fork from here" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Step back one action" }).click();
    await momentIs(page, length - 1);
    await expect.poll(() => page.locator(".transcript").textContent()).toContain("Russia opens the live class.");
    expect(await page.content()).not.toContain(LIVE_SECRET);
    expect(frames.join("\n")).not.toContain(LIVE_SECRET);
    expect(errors).toEqual([]);
  });

  it("export → import → verify: the downloaded file replays to its hash, imports, and opens in the viewer", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/replay/${table}`);
    await page.locator(".tl-mark").first().waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download session file" }).click()]);
    const path = join(server.dataDir, download.suggestedFilename());
    await download.saveAs(path);
    const parsed = parseSessionFile(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(verifySession(parsed.file).ok).toBe(true);
    const cli = spawnSync(process.execPath, ["--import", "tsx", "server/replayCli.ts", path, "--verify"], { encoding: "utf8" });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("OK: verified");

    await page.goto(`${server.url}/replay`);
    await page.locator("#import-file").setInputFiles(path);
    await page.waitForURL(/\/replay\/\w+$/);
    const imported = new URL(page.url()).pathname.split("/").pop()!;
    expect(imported).not.toBe(table);
    await momentIs(page, corpus.actions.length, corpus.actions.length);
    const back = (await (await fetch(`${server.url}/api/replays/${imported}`)).json()) as { final: { hash: string } };
    expect(back.final.hash).toBe(parsed.file.final.hash);
    // A file that does not replay is refused with its reason.
    const broken = JSON.parse(stringifySession(parsed.file));
    broken.header.source = null;
    broken.actions[AM_RU_AT - 1].text = "edited";
    await page.goto(`${server.url}/replay`);
    await page.locator("#import-file").setInputFiles({ name: "broken.session.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByText(/Import refused: final state hash/).waitFor();
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
  });
});
