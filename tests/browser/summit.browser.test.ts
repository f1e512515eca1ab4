import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSuite, haveChromium, newPage, openTab } from "./browser";

const DELEGATIONS: [string, string][] = [["RU", "Russia"], ["AM", "Armenia"], ["BY", "Belarus"], ["KZ", "Kazakhstan"], ["KG", "Kyrgyzstan"], ["TJ", "Tajikistan"]];
const SECRET = "Private marker 7731: Moscow will not back the firm text";

const suite = browserSuite();

async function clickButton(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("button", { name }).first().click();
}

describe.skipIf(!haveChromium)("a summit played through the browser", () => {
  it("host creates, six players join by code, and a round is played with the same result on every page", async () => {
    const { server, browser } = suite;
    const { page: host, errors: hostErrors } = await newPage(browser);
    await host.goto(`${server.url}/`);
    await host.getByLabel("Scenario").selectOption("yerevan-2016");
    await host.getByLabel("Timing").selectOption("manual");
    await host.getByLabel("Bots fill empty seats").uncheck();
    await clickButton(host, "Create the seminar");
    await host.waitForURL(/\/host\//);
    const code = (await host.locator(".code").first().textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{7}$/);
    const tableLink = await host.getByRole("link", { name: "open" }).first().getAttribute("href");

    // The projector follows the table with public information only; record every frame it receives.
    const { page: projector } = await newPage(browser, { width: 1920, height: 1080 });
    const projectorFrames: string[] = [];
    projector.on("websocket", (ws) => ws.on("framereceived", (f) => projectorFrames.push(typeof f.payload === "string" ? f.payload : f.payload.toString("latin1"))));
    await projector.goto(`${server.url}${tableLink}`);

    const players: Record<string, Page> = {};
    for (const [id, name] of DELEGATIONS) {
      // Six pages rendering WebGL in software would crowd two cores: players use the 2D canvas renderer,
      // while the host and the projector keep WebGL.
      const { page } = await newPage(browser, id === "KG" ? { width: 375, height: 740 } : { width: 1280, height: 800 }, "canvas");
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel("Your name").fill(`${name} delegate`);
      await page.getByLabel("Delegation").selectOption(id);
      await clickButton(page, "Take my seat");
      await page.waitForURL(/\/table\//);
      // A phone opens on the Table tab: the agenda is one tap away.
      await openTab(page, "agenda");
      await page.getByText(`You sit for ${name} and sign for it.`).waitFor();
      players[id] = page;
    }
    const ru = players.RU!, am = players.AM!;

    await clickButton(host, /^Start$/);
    await ru.getByText("Round 1 of 2 · Opening statements").waitFor();
    for (const p of [ru, am]) await openTab(p, "talk");
    await ru.getByRole("textbox", { name: "Message" }).fill("Russia welcomes its allies to Yerevan.");
    await ru.getByRole("textbox", { name: "Message" }).press("Enter");
    await am.getByText("Russia welcomes its allies to Yerevan.").waitFor();

    await clickButton(host, /^Next phase$/);
    await am.getByRole("tab", { name: /Russia/ }).click();
    await am.getByRole("textbox", { name: "Message" }).fill(SECRET);
    await am.getByRole("textbox", { name: "Message" }).press("Enter");
    await ru.getByRole("tab", { name: /Armenia/ }).click();
    await ru.getByText(SECRET).waitFor();

    await clickButton(host, /^Next phase$/);
    for (const p of [ru, am]) await openTab(p, "agenda");
    await am.getByText("Round 1 of 2 · Drafting").waitFor();
    await am.getByLabel("Draft for Joint statement on Nagorno-Karabakh").selectOption("firm");
    await am.locator("form.propose").filter({ has: am.getByLabel("Draft for Joint statement on Nagorno-Karabakh") }).getByRole("button").click();
    await clickButton(ru, "Amend to: Balanced statement");
    await clickButton(am, "Accept");
    await ru.getByLabel("Draft for Collective security strategy to 2025").selectOption("core");
    await ru.locator("form.propose").filter({ has: ru.getByLabel("Draft for Collective security strategy to 2025") }).getByRole("button").click();

    await clickButton(host, /^Next phase$/);
    for (const [id] of DELEGATIONS) await clickButton(players[id]!, "Vote yes");
    for (const [id] of DELEGATIONS) await players[id]!.getByText("Status: adopted: Balanced statement").waitFor();

    // Mid-ballot on the strategy: Kazakhstan's page reloads and comes back to the same seat with the ballot open.
    await ru.getByText(/Ballot: Collective security strategy to 2025/).waitFor();
    for (const id of ["RU", "AM", "BY"]) await clickButton(players[id]!, "Vote yes");
    const kz = players.KZ!;
    await kz.reload();
    await kz.getByText("You sit for Kazakhstan and sign for it.").waitFor();
    await kz.getByText(/Ballot: Collective security strategy to 2025/).waitFor();
    for (const id of ["KZ", "KG", "TJ"]) await clickButton(players[id]!, "Vote yes");
    for (const [id] of DELEGATIONS) {
      await players[id]!.getByText("Status: adopted: Strategy as drafted").waitFor();
      await players[id]!.getByText("Status: adopted: Balanced statement").waitFor();
    }

    // The projector never received the private text.
    expect(projectorFrames.join("\n")).not.toContain("Private marker 7731");
    expect(await projector.content()).not.toContain("Private marker 7731");
    expect(hostErrors).toEqual([]);
  }, 360_000);
});
