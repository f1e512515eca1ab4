/**
 * The replay library, viewer and debrief on a 375 px phone: nothing wider than the screen, every control at least
 * 44 px, the debrief opening with its key moments (which jump the replay), and both languages. Screenshots go to a
 * temporary folder (or docs/screenshots with UPDATE_SCREENSHOTS=1).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Imported } from "../../shared/replayProtocol";
import { post } from "../server/harness";
import { browserSuite, haveChromium, newPage } from "./browser";

const PHONE = { width: 375, height: 740 };
const CORPUS = join(import.meta.dirname, "../corpus/yerevan-historical.session.json");
const OUT = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(import.meta.dirname, "../../docs/screenshots") : join(tmpdir(), "csto-replay-phone");
const suite = browserSuite();
let table = "";

beforeAll(async () => {
  if (!haveChromium) return;
  table = (await post<Imported>(`${suite.server.url}/api/replays/import`, JSON.parse(readFileSync(CORPUS, "utf8")))).body.table;
  mkdirSync(OUT, { recursive: true });
}, 60_000);

/** Elements wider than the viewport (or sticking out of it), and the page's own scroll width. */
async function overflow(page: Page): Promise<{ scrollWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Content inside a deliberately scrolling box (wide tables) does not widen the page.
      if (el.closest(".table-scroll, .compare") && !el.matches(".table-scroll, .compare")) continue;
      if (r.right > vw + 1 || r.left < -1) offenders.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 10) };
  });
}

/** Visible controls smaller than 44 × 44 px (the timeline strip is not tappable on a phone: the jump list stands in). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("a[href], button, select, input, summary, [role=tab]")) {
      if (el.closest("[inert], .sr-only") || (el instanceof HTMLInputElement && el.type === "hidden")) continue;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === "hidden") continue;
      if (r.width < 43.5 || r.height < 43.5) small.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute("aria-label") ?? "").trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return small;
  });
}

async function checkFits(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${OUT}/replay-phone-${name}.png`, fullPage: name !== "replay" });
  const o = await overflow(page);
  expect(o.offenders, `${name}: elements past the screen's edge`).toEqual([]);
  expect(o.scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  expect(await smallTargets(page), `${name}: controls under 44 px`).toEqual([]);
}

describe.skipIf(!haveChromium)("replays on a 375 px phone", () => {
  it("the library fits the screen, each session a card with 44 px links", async () => {
    const { page, errors } = await newPage(suite.browser, PHONE);
    await page.goto(`${suite.server.url}/replay`);
    await page.getByRole("link", { name: "Open" }).first().waitFor();
    await checkFits(page, "library");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the viewer and its debrief fit the screen; a key moment opens the replay at its moment", async () => {
    const { page, errors } = await newPage(suite.browser, PHONE);
    await page.goto(`${suite.server.url}/replay/${table}`);
    await page.locator(".tl-mark").first().waitFor({ state: "attached" });
    await page.getByRole("button", { name: "Step forward one action" }).waitFor();
    await checkFits(page, "replay");
    // The strip's marks are too close to tap on a phone: inert, with the jump list instead.
    expect(await page.locator(".tl-strip").getAttribute("aria-hidden")).toBe("true");

    await page.getByRole("tab", { name: "Debrief" }).click();
    await page.getByRole("heading", { name: "Key moments" }).waitFor();
    // Key moments come before the charts, and the tables are folded away after them.
    const order = await page.locator(".debrief h2, .debrief summary").allTextContents();
    expect(order.indexOf("Key moments")).toBeLessThan(order.indexOf("Charts"));
    expect(order.indexOf("Charts")).toBeLessThan(order.findIndex((x) => x.startsWith("The numbers")));
    expect(await page.locator(".debrief details.numbers").getAttribute("open")).toBeNull();
    await checkFits(page, "debrief");
    await page.locator(".debrief details.numbers > summary").click();
    await checkFits(page, "debrief-numbers");

    const go = page.locator(".moment-go").first();
    const seq = Number(/(\d+)/.exec((await go.textContent()) ?? "")![1]);
    await go.click();
    await expect.poll(() => page.locator(".tl-where").textContent(), { timeout: 5000 }).toMatch(new RegExp(`^Moment ${seq} of `));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("switches to Russian in place, and the choice is remembered", async () => {
    const { page, errors } = await newPage(suite.browser, PHONE);
    await page.goto(`${suite.server.url}/replay/${table}#tab=debrief`);
    await page.getByRole("heading", { name: "Key moments" }).waitFor();
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { name: "Ключевые моменты" }).waitFor();
    expect(await page.getByRole("tab", { name: "Стенограмма" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "На одно действие вперёд" }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ru");
    await checkFits(page, "debrief-ru");
    await page.goto(`${suite.server.url}/replay`);
    await page.getByRole("heading", { name: "Записи саммитов" }).waitFor();
    await checkFits(page, "library-ru");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
