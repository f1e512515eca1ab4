/**
 * The host page over a real server: a seminar of three tables side by side at 1440 px and stacked at 375 px with no
 * horizontal overflow, every table's clock running on the server's clock, bot seats named once with one bot mark,
 * End asking first (Escape and Cancel leave the table running, as the server confirms; Confirm ends it), the
 * language switch, and one table's full view and back. Screenshots go to a temporary folder (docs/screenshots with
 * UPDATE_SCREENSHOTS=1).
 */
import { describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import type { HostDashboard } from "../../shared/protocol";
import { createSeminar, Player } from "../server/harness";
import { axeAudit, browserSuite, haveChromium, newPage } from "./browser";

const OUT = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(import.meta.dirname, "../../docs/screenshots") : join(tmpdir(), "csto-screens");
const suite = browserSuite();

const dashboard = async (key: string): Promise<HostDashboard> => (await fetch(`${suite.server.url}/api/host/${key}`)).json() as Promise<HostDashboard>;
const statusOf = async (key: string, table: string): Promise<string> => {
  const t = (await dashboard(key)).tables.find((x) => x.table === table)!;
  return t.live?.status ?? t.status;
};

/** Page width against its scroll width, and each table card's box. */
async function layout(page: Page) {
  return page.evaluate(() => ({
    viewport: window.innerWidth,
    scroll: document.documentElement.scrollWidth,
    cards: [...document.querySelectorAll<HTMLElement>(".host-table")].map((c) => {
      const r = c.getBoundingClientRect();
      return { left: r.left, right: r.right, top: Math.round(r.top + window.scrollY) };
    }),
  }));
}

/** Serious and critical accessibility violations on the page, by rule. */
const axeViolations = async (page: Page): Promise<string[]> => (await axeAudit(page)).map((v) => `${v.id} (${v.nodes.length})`);

describe.skipIf(!haveChromium)("the host page", () => {
  it("shows every table side by side with its clock and seats, asks before ending, and speaks Russian", async () => {
    const { server, browser } = suite;
    mkdirSync(OUT, { recursive: true });
    const sem = await createSeminar(server, { scenario: "yerevan-2016", tables: 3, timing: "90", bots: true, botStrength: "plain" });
    // One person at the first table, so that a human name sits beside the bots.
    const anna = await new Player(server.url).join(sem.tables[0]!, { code: sem.code, name: "Anna Petrosyan", delegation: "AM" });

    const { page, errors } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(`${server.url}/host/${sem.hostKey}`);
    await page.getByRole("heading", { level: 1, name: "Host console" }).waitFor();
    expect(await page.locator(".host-table").count()).toBe(3);
    await expect.poll(() => page.locator(".code").first().textContent()).toBe(sem.code);
    // The test server listens on 127.0.0.1: the page must say students cannot use that link.
    expect(await page.locator(".host-warning").textContent()).toContain("127.0.0.1");

    // Start every table from the page; the server confirms.
    await page.getByRole("button", { name: "Start every table" }).click();
    for (const table of sem.tables) await expect.poll(() => statusOf(sem.hostKey, table), { timeout: 5000 }).toBe("running");

    // Each table's clock shows and agrees with the server's deadline (to within two seconds).
    await expect.poll(() => page.locator(".host-clock .time").count(), { timeout: 5000 }).toBe(3);
    const dash = await dashboard(sem.hostKey);
    const clocks = await page.locator(".host-table").evaluateAll((cards) => cards.map((c) => ({ table: (c as HTMLElement).dataset.table, text: c.querySelector(".host-clock .time")?.textContent ?? "" })));
    for (const c of clocks) {
      expect(c.text).toMatch(/^\d+:\d\d$/);
      const [m, s] = c.text.split(":").map(Number) as [number, number];
      const live = dash.tables.find((x) => x.table === c.table)!.live!;
      const serverLeft = (live.clock.endsAt! - dash.serverNow) / 1000;
      expect(Math.abs(m * 60 + s - serverLeft)).toBeLessThanOrEqual(2);
    }
    // The clock runs by itself between refreshes.
    const before = await page.locator(".host-clock .time").first().textContent();
    await expect.poll(() => page.locator(".host-clock .time").first().textContent(), { timeout: 4000 }).not.toBe(before);

    // Bots fill the empty seats: each listed once, with a single bot mark; the person by name.
    await expect.poll(() => page.locator(".host-table .seat-mark.bot").count(), { timeout: 10_000 }).toBe(6 + 6 + 5);
    const seats = await page.locator(".host-table .seat").allTextContents();
    for (const text of seats) {
      expect(text.match(/bot/gi)?.length ?? 0, text).toBeLessThanOrEqual(1);
      expect(text).not.toMatch(/\(bot/i);
    }
    const delegations = await page.locator(".host-delegations > li").allTextContents();
    for (const text of delegations) {
      const name = text.trim().split(/\s/)[0]!;
      expect(text.split(name).length - 1, `"${text}" names ${name} once`).toBe(1);
    }
    expect(seats.filter((x) => x.includes("Anna Petrosyan"))).toHaveLength(1);

    // 1440 px: the three tables in one row, nothing wider than the window.
    await page.screenshot({ path: `${OUT}/screen-host-1440.png`, fullPage: true });
    const wide = await layout(page);
    expect(wide.scroll).toBeLessThanOrEqual(wide.viewport);
    expect(new Set(wide.cards.map((c) => c.top)).size).toBe(1);
    for (const c of wide.cards) { expect(c.left).toBeGreaterThanOrEqual(0); expect(c.right).toBeLessThanOrEqual(wide.viewport); }
    expect(await axeViolations(page)).toEqual([]);

    // End asks first. Escape cancels, Cancel cancels: the table keeps running, as the server says.
    const second = page.locator(`.host-table[data-table="${sem.tables[1]}"]`);
    const endButton = second.getByRole("button", { name: "End summit…" });
    await endButton.click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("table 2");
    await page.screenshot({ path: `${OUT}/screen-host-confirm-1440.png` });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("End summit…");
    await endButton.click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await statusOf(sem.hostKey, sem.tables[1]!)).toBe("running");
    await endButton.click();
    await page.getByRole("dialog").getByRole("button", { name: "End summit" }).click();
    await expect.poll(() => statusOf(sem.hostKey, sem.tables[1]!), { timeout: 5000 }).toBe("ended");
    await expect.poll(() => second.locator(".host-status").textContent(), { timeout: 5000 }).toBe("Ended");
    // Only that table: the others still run.
    expect(await statusOf(sem.hostKey, sem.tables[0]!)).toBe("running");
    expect(await statusOf(sem.hostKey, sem.tables[2]!)).toBe("running");

    // A notice to one table reaches that table's delegations.
    const first = page.locator(`.host-table[data-table="${sem.tables[0]}"]`);
    await first.getByRole("textbox").fill("Ten minutes to the coffee break.");
    await first.getByRole("button", { name: "Broadcast" }).click();
    await anna.sees((u) => u.view.notices.some((n) => n.text === "Ten minutes to the coffee break."), "the notice at table 1");

    // Russian, switched on the page and re-rendered in place.
    await page.getByRole("combobox", { name: "Language" }).selectOption("ru");
    await page.getByRole("heading", { level: 1, name: "Пульт ведущего" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ru");
    expect(await second.locator(".host-status").textContent()).toBe("Завершён");
    expect(await page.locator(".host-table .seat-mark.bot").first().textContent()).toMatch(/^бот/);
    await page.screenshot({ path: `${OUT}/screen-host-ru-1440.png` });
    await page.getByRole("combobox", { name: "Язык" }).selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Host console" }).waitFor();

    // One table's full view, in host mode, and back.
    await first.getByRole("link", { name: "Open table view" }).click();
    await page.waitForURL(/\?table=/);
    await page.getByRole("link", { name: "← All tables" }).waitFor({ timeout: 15_000 });
    expect(await page.locator(".panel.host .seat-mark.bot").count()).toBe(5);
    await page.screenshot({ path: `${OUT}/screen-host-table-1440.png` });
    for (const text of await page.locator(".panel.host .seat").allTextContents()) expect(text.match(/bot/gi)?.length ?? 0, text).toBeLessThanOrEqual(1);
    await page.getByRole("link", { name: "← All tables" }).click();
    await page.getByRole("heading", { level: 1, name: "Host console" }).waitFor();
    expect(await page.locator(".host-table").count()).toBe(3);
    expect(errors).toEqual([]);
    await page.context().close();

    // 375 px: one column, every table there, nothing wider than the phone.
    const phone = await newPage(browser, { width: 375, height: 740 });
    await phone.page.goto(`${server.url}/host/${sem.hostKey}`);
    await expect.poll(() => phone.page.locator(".host-clock .time").count(), { timeout: 5000 }).toBe(2);
    await phone.page.screenshot({ path: `${OUT}/screen-host-375.png`, fullPage: true });
    await phone.page.screenshot({ path: `${OUT}/screen-host-375-top.png` });
    const narrow = await layout(phone.page);
    expect(narrow.scroll).toBeLessThanOrEqual(narrow.viewport);
    expect(narrow.cards).toHaveLength(3);
    expect(new Set(narrow.cards.map((c) => c.top)).size).toBe(3);
    for (const c of narrow.cards) { expect(c.left).toBeGreaterThanOrEqual(0); expect(c.right).toBeLessThanOrEqual(narrow.viewport); }
    expect(await axeViolations(phone.page)).toEqual([]);
    // Ending every table asks too; Cancel leaves the two running ones running, Confirm ends them.
    const endAll = phone.page.getByRole("button", { name: "End every table…" });
    await endAll.click();
    await phone.page.getByRole("dialog").waitFor();
    expect(await phone.page.getByRole("dialog").textContent()).toContain("all 2 tables");
    await phone.page.screenshot({ path: `${OUT}/screen-host-confirm-375.png` });
    await phone.page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await phone.page.getByRole("dialog").waitFor({ state: "detached" });
    expect([await statusOf(sem.hostKey, sem.tables[0]!), await statusOf(sem.hostKey, sem.tables[2]!)]).toEqual(["running", "running"]);
    await endAll.click();
    await phone.page.getByRole("dialog").getByRole("button", { name: "End every table" }).click();
    for (const table of sem.tables) await expect.poll(() => statusOf(sem.hostKey, table), { timeout: 5000 }).toBe("ended");
    expect(phone.errors).toEqual([]);
    await phone.page.context().close();
    await anna.leave();
  }, 240_000);
});
