import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { buildClient } from "../../client/build";
import { freePort, killAll, startServerProcess } from "../server/serverProcess";
import { post } from "../server/harness";
import type { SeminarCreated } from "../../shared/protocol";
import { haveChromium, launch, newPage, openTab } from "./browser";

let browser: Browser;
const dataDir = mkdtempSync(join(tmpdir(), "csto-reconnect-"));
beforeAll(async () => {
  if (!haveChromium) return;
  await buildClient();
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  killAll();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!haveChromium)("a page that loses the server", () => {
  it("reconnects by itself after the server is killed and restarted, back in the same seat", async () => {
    const port = await freePort();
    let server = await startServerProcess(port, dataDir);
    const sem = (await post<SeminarCreated>(`${server.url}/api/seminars`, { scenario: "tutorial", timing: "manual", bots: false })).body;
    const { page } = await newPage(browser, { width: 1280, height: 800 }, "canvas");
    await page.goto(`${server.url}/join/${sem.code}`);
    await page.getByLabel("Your name").fill("Minsk");
    await page.getByLabel("Delegation").selectOption("BY");
    await page.getByRole("button", { name: "Take my seat" }).click();
    await page.waitForURL(/\/table\//);
    await page.getByText("You sit for Belarus and sign for it.").waitFor();
    const url = page.url();

    server.child.kill("SIGKILL");
    await new Promise((r) => server.child.once("exit", r));
    await page.getByText("Reconnecting…").waitFor({ timeout: 15_000 });
    server = await startServerProcess(port, dataDir);
    // Back without a reload: the status line clears and the seat is the same one.
    await page.getByText("Reconnecting…").waitFor({ state: "detached", timeout: 30_000 });
    expect(page.url()).toBe(url);
    await page.getByText("You sit for Belarus and sign for it.").waitFor();
    await openTab(page, "talk");
    await page.getByRole("textbox", { name: "Message" }).fill("Still here.");
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await page.locator(".messages").getByText("Still here.").waitFor();
  }, 180_000);
});
