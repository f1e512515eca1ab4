/**
 * The player's table page as a class uses it: nothing typed or chosen is lost while bots act, a keyboard alone can vote
 * and chat while others act, and the page fits phones to projectors (no sideways scroll, 44 px targets, a status bar
 * that never scrolls away). Real server on loopback, bots at the table, Debian Chromium.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createSeminar, Player, until } from "../server/harness";
import { browserSuite, haveChromium, newPage, openTab } from "./browser";

// Quick bots: many actions in little time while the page holds a half-filled form.
const suite = browserSuite({ BOT_PACE_MS: "120" });

/** A page seated through a seat token (as after a reload), on the 2D renderer to spare the two cores. */
async function seatedPage(table: string, token: string, viewport = { width: 1280, height: 800 }) {
  const p = await newPage(suite.browser, viewport, "canvas");
  await p.page.context().addInitScript(([t, k]) => localStorage.setItem(`csto.seat.${t}`, k!), [table, token]);
  await p.page.goto(`${suite.server.url}/table/${table}`);
  await p.page.locator("canvas").first().waitFor();
  return p;
}

/** The model seq the page last drew (null on a page that does not say). */
const pageSeq = async (page: Page) => page.evaluate(() => {
  const s = document.querySelector(".table-page")?.getAttribute("data-seq");
  return s === null || s === undefined ? null : Number(s);
});

/** Waits until others have made `n` more moves, and the page has drawn them. */
async function othersAct(page: Page, watcher: Player, n: number, ms = 60_000): Promise<void> {
  const start = watcher.update!.seq;
  await until(() => watcher.update!.seq >= start + n, ms, `${n} moves by others`);
  const target = watcher.update!.seq;
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    const s = await pageSeq(page);
    if (s === null) { await page.waitForTimeout(1500); return; }
    if (s >= target) return;
    await page.waitForTimeout(50);
  }
  throw new Error("the page did not draw the others' moves");
}

/** Presses Tab until `selector` has the focus (bounded), doing nothing else. */
async function tabTo(page: Page, selector: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function summit(scenario = "yerevan-2016") {
  const sem = await createSeminar(suite.server, { scenario, timing: "manual", bots: true });
  const table = sem.tables[0]!;
  const host = await new Player(suite.server.url).join(table, { hostKey: sem.hostKey });
  return { sem, table, host };
}

describe.skipIf(!haveChromium)("the table page keeps the player's place", () => {
  it("typed text, chosen options, scroll and the focus survive a phase change and 20 moves by the bots", async () => {
    const { sem, table, host } = await summit();
    // The page is Armenia's adviser: it has the chat, the offer form (prepared) and a draft form with a note (prepared).
    const signer = await new Player(suite.server.url).join(table, { code: sem.code, name: "Signer", delegation: "AM" });
    const adviser = await new Player(suite.server.url).join(table, { code: sem.code, name: "Adviser", delegation: "AM" });
    await host.must({ type: "host.start" });
    await host.must({ type: "host.advance" });
    const { page, errors } = await seatedPage(table, adviser.token);

    await openTab(page, "agenda");
    const draft = page.locator("#propose-karabakh-statement");
    await draft.selectOption("balanced");
    await page.locator("#prepare-note-karabakh-statement").fill("Baku reads every word");
    await page.locator("#propose-strategy-2025").selectOption("expanded");
    await openTab(page, "talk");
    await page.locator("#say-text").fill("Half a thought about the strategy");
    await page.locator("#offer-to").selectOption("KZ");
    await page.locator("#offer-give-vote").selectOption("abstain");
    await page.locator("#offer-give-on").selectOption("strategy-2025|expanded");
    await page.locator("#offer-want-vote").selectOption("no");
    await page.locator("#offer-want-on").selectOption("missile-defence|concern");
    // Switching the language redraws every word in place: nothing typed or chosen is lost.
    await page.locator(".lang-select").selectOption("ru");
    await page.locator("#tab-talk", { hasText: "Переговоры" }).or(page.locator("h2", { hasText: "Переговоры" })).first().waitFor({ timeout: 5000 });
    await page.locator("#offer-want-on").focus();
    const before = await page.evaluate(() => {
      const pane = (document.querySelector("#pane-talk") ?? document.querySelector(".side")) as HTMLElement;
      pane.scrollTop = Math.min(120, pane.scrollHeight - pane.clientHeight);
      return pane.scrollTop;
    });

    // The host opens drafting; Armenia's signatory tables drafts and offers pledges, and the bots table, amend,
    // co-sponsor and answer: the page must draw at least 20 moves of the bots while it holds the forms.
    const start = host.update!.seq;
    const ownBefore = signer.acks.length;
    await host.must({ type: "host.advance" });
    for (const [item, option] of [["karabakh-statement", "firm"], ["strategy-2025", "core"], ["secretary-general", "ohanyan"], ["missile-defence", "concern"]]) {
      await signer.act({ type: "propose", item, option });
    }
    for (const to of ["RU", "BY", "KZ", "KG", "TJ"]) {
      await signer.act({ type: "commit.offer", to, give: { item: "strategy-2025", target: "core", vote: "yes" }, want: { item: "karabakh-statement", target: "firm", vote: "yes" } });
    }
    const botMoves = () => host.update!.seq - start - 1 - (signer.acks.length - ownBefore);
    await until(() => botMoves() >= 20, 90_000, "20 moves by the bots");
    await othersAct(page, host, 0);
    expect(botMoves()).toBeGreaterThanOrEqual(20);

    const state = await page.evaluate(() => {
      const val = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? null;
      const pane = (document.querySelector("#pane-talk") ?? document.querySelector(".side")) as HTMLElement;
      return {
        draft: val("propose-karabakh-statement"), strategy: val("propose-strategy-2025"), note: val("prepare-note-karabakh-statement"),
        say: val("say-text"), to: val("offer-to"), giveVote: val("offer-give-vote"), giveOn: val("offer-give-on"),
        wantVote: val("offer-want-vote"), wantOn: val("offer-want-on"), focus: document.activeElement?.id ?? null, scroll: pane.scrollTop,
      };
    });
    expect(state).toEqual({
      draft: "balanced", strategy: "expanded", note: "Baku reads every word",
      say: "Half a thought about the strategy", to: "KZ", giveVote: "abstain", giveOn: "strategy-2025|expanded",
      wantVote: "no", wantOn: "missile-defence|concern", focus: "offer-want-on", scroll: before,
    });
    expect(errors).toEqual([]);
    await page.context().close();
    for (const x of [host, signer, adviser]) await x.leave();
  }, 150_000);

  it("a keyboard alone votes and chats while the others act", async () => {
    const { sem, table, host } = await summit();
    const am = await new Player(suite.server.url).join(table, { code: sem.code, name: "Keys", delegation: "AM" });
    await host.must({ type: "host.start" });
    await host.must({ type: "host.advance" });
    await host.must({ type: "host.advance" });
    await am.must({ type: "propose", item: "karabakh-statement", option: "firm" });
    await host.must({ type: "host.advance" });
    const { page, errors } = await seatedPage(table, am.token);
    await page.locator(".vote-prompt .vote.yes, .ballot .vote.yes").first().waitFor({ timeout: 30_000 });
    const ballot = host.view.ballots.find((b) => b.result === "open")!;

    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, ".vote.yes");
    // Somebody else acts while the focus waits on the button.
    await host.must({ type: "host.broadcast", text: "The chair reminds delegations of the time." });
    await othersAct(page, host, 0);
    await page.waitForTimeout(300);
    await page.keyboard.press("Enter");
    await host.sees((u) => u.view.ballots.find((b) => b.id === ballot.id)?.votes.AM === "yes", "Armenia's keyboard vote", 10_000);

    // Chat: Tab to the Talk tab (where there are tabs), open it with Space, Tab to the message box, type, Enter.
    if (await page.locator("#tab-talk").count()) {
      await tabTo(page, "#tab-talk");
      await page.keyboard.press("Space");
    }
    await tabTo(page, "#say-text");
    await page.keyboard.type("Armenia votes with its allies");
    await host.must({ type: "host.broadcast", text: "A second notice from the chair." });
    await othersAct(page, host, 0);
    await page.waitForTimeout(300);
    await page.keyboard.press("Enter");
    await host.sees((u) => u.view.messages.some((x) => x.from === "AM" && x.text === "Armenia votes with its allies"), "Armenia's keyboard line", 10_000);
    expect(errors).toEqual([]);
    await page.context().close();
    await am.leave();
    await host.leave();
  }, 150_000);

  it("fits 375, 768, 1440 and 1920 px: no sideways scroll, 44 px targets on a phone, the status bar always in view", async () => {
    const { sem, table, host } = await summit();
    const am = await new Player(suite.server.url).join(table, { code: sem.code, name: "Phone", delegation: "AM" });
    await host.must({ type: "host.start" });
    await host.must({ type: "host.advance" });
    await host.must({ type: "host.advance" });
    await am.must({ type: "propose", item: "karabakh-statement", option: "firm" });
    await host.must({ type: "host.advance" });
    await am.sees((u) => u.legal.some((a) => a.type === "vote"), "a ballot for Armenia", 30_000);
    const problems: string[] = [];
    for (const width of [375, 768, 1440, 1920]) {
      const { page, errors } = await seatedPage(table, am.token, { width, height: width < 800 ? 740 : 900 });
      await page.getByRole("button", { name: /Vote yes/ }).first().waitFor({ timeout: 30_000 });
      const tabs = (await page.locator("[role=tablist] .page-tab").count()) ? (["table", "agenda", "talk", "briefing", "rules"] as const) : (["-"] as const);
      for (const tab of tabs) {
        if (tab !== "-") await openTab(page, tab);
        await page.waitForTimeout(150);
        const r = await page.evaluate((phone) => {
          const out: string[] = [];
          const doc = document.scrollingElement!;
          if (doc.scrollWidth > innerWidth) out.push(`page is ${doc.scrollWidth} px wide`);
          if (phone) {
            for (const el of document.querySelectorAll<HTMLElement>(".table-page button, .table-page input, .table-page select, .table-page textarea, .table-page [role=tab], .table-page summary")) {
              if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
              const b = el.getBoundingClientRect();
              if (b.width < 44 || b.height < 44) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? el.id).trim().slice(0, 30)}" is ${Math.round(b.width)}×${Math.round(b.height)}`);
            }
          }
          // Scroll everything that scrolls to its end: the status bar must still be in view.
          for (const el of document.querySelectorAll<HTMLElement>(".pane, .side")) el.scrollTop = el.scrollHeight;
          scrollTo(0, doc.scrollHeight);
          const bar = document.querySelector(".topbar")!.getBoundingClientRect();
          if (bar.top < 0 || bar.bottom > innerHeight || bar.height === 0) out.push(`status bar out of view (top ${Math.round(bar.top)})`);
          for (const el of document.querySelectorAll<HTMLElement>(".pane, .side")) el.scrollTop = 0;
          scrollTo(0, 0);
          return out;
        }, width === 375);
        problems.push(...r.map((x) => `${width}px ${tab}: ${x}`));
      }
      // The vote buttons cannot be scrolled out of view.
      const vote = await page.getByRole("button", { name: /Vote yes/ }).first().boundingBox();
      await page.evaluate(() => { for (const el of document.querySelectorAll<HTMLElement>(".pane, .side")) el.scrollTop = el.scrollHeight; scrollTo(0, 1e6); });
      const after = await page.getByRole("button", { name: /Vote yes/ }).first().boundingBox();
      const vh = page.viewportSize()!.height;
      if (!vote || !after || after.y < 0 || after.y + after.height > vh) problems.push(`${width}px: vote button scrolled out of view`);
      expect(errors, `${width}px`).toEqual([]);
      await page.context().close();
    }
    expect(problems).toEqual([]);
    await am.leave();
    await host.leave();
  }, 180_000);
});
