/**
 * Screenshots of every screen at phone and desktop size. With UPDATE_SCREENSHOTS=1 they replace the kept ones in
 * docs/screenshots/screen-*.png (look at them before committing); otherwise they go to a temporary folder.
 * Also checks each screen renders without page errors.
 */
import { describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { createSeminar, Player } from "../server/harness";
import { browserSuite, haveChromium, newPage, openTab } from "./browser";

const OUT = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(import.meta.dirname, "../../docs/screenshots") : join(tmpdir(), "csto-screens");
const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const suite = browserSuite();

async function shot(page: Page, name: string, errors: string[]): Promise<void> {
  await page.waitForTimeout(1200); // let entry animations settle
  await page.screenshot({ path: `${OUT}/screen-${name}.png` });
  expect(errors, name).toEqual([]);
}

/** A browser page seated at a delegation through its seat token (as after a reload). */
async function seatedPage(table: string, token: string, viewport: { width: number; height: number }) {
  const p = await newPage(suite.browser, viewport);
  await p.page.context().addInitScript(([t, k]) => localStorage.setItem(`csto.seat.${t}`, k!), [table, token]);
  await p.page.goto(`${suite.server.url}/table/${table}`);
  return p;
}

describe.skipIf(!haveChromium)("every screen, at phone and desktop size", () => {
  it("home, lobby, table mid-ballot, host console, projector and results", async () => {
    const { server, browser } = suite;
    mkdirSync(OUT, { recursive: true });
    for (const [size, vp] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const { page, errors } = await newPage(browser, vp);
      await page.goto(`${server.url}/`);
      await page.getByText("Host a seminar").waitFor();
      await shot(page, `home-${size}`, errors);
      await page.context().close();
    }
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "90", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const p: Record<string, Player> = {};
    for (const d of ["RU", "AM", "BY", "KZ", "KG", "TJ"]) p[d] = await new Player(server.url).join(table, { code: sem.code, name: `${d} delegate`, delegation: d });
    const am = p.AM!;
    for (const [size, vp] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const { page, errors } = await seatedPage(table, am.token, vp);
      await page.locator(".table-page").waitFor();
      await openTab(page, "agenda");
      await page.getByText("You sit for Armenia and sign for it.").waitFor();
      await shot(page, `lobby-${size}`, errors);
      await page.context().close();
    }
    await host.must({ type: "host.start" });
    await p.AM!.must({ type: "say", channel: "public", text: "Armenia expects its allies to stand with it on Karabakh." });
    await p.BY!.must({ type: "say", channel: "public", text: "The world does not take this alliance seriously enough." });
    await host.must({ type: "host.advance" });
    await p.RU!.must({ type: "say", channel: "dm:AM-RU", text: "Baku is watching. A balanced text could pass." });
    await p.KZ!.must({ type: "commit.offer", to: "AM", give: { item: "secretary-general", target: "khachaturov", vote: "yes" }, want: { item: "strategy-2025", target: "expanded", vote: "yes" } });
    await host.must({ type: "host.advance" });
    await p.AM!.must({ type: "propose", item: "karabakh-statement", option: "firm" });
    await p.RU!.must({ type: "amend", proposal: p.AM!.view.proposals[0]!.id, option: "balanced" });
    await p.RU!.must({ type: "propose", item: "strategy-2025", option: "core" });
    await p.KG!.must({ type: "cosponsor", proposal: p.RU!.view.proposals.find((x) => x.item === "strategy-2025")!.id });
    await host.must({ type: "host.advance" });
    const ballot = (await p.RU!.sees((u) => u.view.ballots.some((b) => b.result === "open"), "ballot")).view.ballots.find((b) => b.result === "open")!;
    for (const d of ["RU", "BY", "KZ"]) await p[d]!.must({ type: "vote", ballot: ballot.id, choice: d === "RU" ? "yes" : "no" });
    for (const [size, vp] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const { page, errors } = await seatedPage(table, am.token, vp);
      await page.getByText(/Ballot: Joint statement on Nagorno-Karabakh/).waitFor();
      await shot(page, `table-${size}`, errors);
      await page.context().close();
    }
    for (const [size, vp] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const { page, errors } = await newPage(browser, vp);
      // The host page: every table of the seminar side by side.
      await page.goto(`${server.url}/host/${sem.hostKey}`);
      await page.getByRole("heading", { name: "Host console" }).waitFor();
      await shot(page, `host-${size}`, errors);
      // One table's full view in host mode, its console in the Agenda tab.
      await page.goto(`${server.url}/host/${sem.hostKey}?table=${table}`);
      await page.locator(".table-page").waitFor();
      await openTab(page, "agenda");
      await page.locator("#host-console-h").waitFor();
      await shot(page, `host-table-${size}`, errors);
      await page.context().close();
    }
    {
      const { page, errors } = await newPage(browser, { width: 1920, height: 1080 });
      await page.goto(`${server.url}/projector/${table}?code=${sem.code}`);
      await page.waitForSelector("canvas");
      await shot(page, "projector-1920", errors);
      await page.context().close();
    }
    await host.must({ type: "host.end" });
    {
      const { page, errors } = await seatedPage(table, am.token, DESKTOP);
      await page.getByText("Results and reveal").waitFor();
      await shot(page, "results-desktop", errors);
      await page.context().close();
    }
    for (const x of [host, ...Object.values(p)]) await x.leave();
  }, 240_000);
});
