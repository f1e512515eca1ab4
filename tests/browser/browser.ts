/** Browser test support: Debian Chromium driven by playwright-core, against the real server on loopback. */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import axe from "axe-core";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildClient } from "../../client/build";
import { startTestServer, type TestServer } from "../server/harness";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Browser tests run where Chromium exists; in CI they are mandatory (tests/run.ts fails loudly without it). */
export const haveChromium = existsSync(CHROMIUM);

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--use-gl=swiftshader", "--enable-unsafe-swiftshader"],
    // playwright-core passes its own user-data-dir per context; a fresh temp dir keeps runs apart.
    env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), "csto-chrome-")) },
  });
}

/** A new page in its own context (own localStorage: a separate "laptop"), with console errors collected. */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }, renderer: "webgl" | "canvas" = "webgl"): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  if (renderer === "canvas") await context.addInitScript(() => localStorage.setItem("csto.renderer", "canvas"));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  return { page, errors };
}

/** Opens a tab of the table page (Table, Agenda, Talk, Briefing, Rules) when the page shows that tab's button. */
export async function openTab(page: Page, tab: "table" | "agenda" | "talk" | "briefing" | "rules"): Promise<void> {
  await page.locator(".table-page").waitFor();
  const el = page.locator(`#tab-${tab}`);
  if ((await el.count()) && (await el.isVisible())) await el.click();
}

/**
 * Registers the usual set-up of a browser test file: build the client, start the real server on loopback,
 * launch Chromium; and tear both down afterwards. Read `suite.server` and `suite.browser` inside tests.
 */
export function browserSuite(env: Record<string, string> = {}): { server: TestServer; browser: Browser } {
  const suite = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    if (!haveChromium) return;
    await buildClient();
    suite.server = await startTestServer(env);
    suite.browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** An axe-core finding: the rule, its impact and the first few elements it names. */
export type AxeFound = { id: string; impact: string; nodes: string[] };

/** Runs axe on the page as it is: its serious and critical violations, and those of any rule in `alsoRules`. */
export async function axeAudit(page: Page, alsoRules: ReadonlySet<string> = new Set()): Promise<AxeFound[]> {
  // Evaluated through the DevTools protocol: the page's CSP (scripts from this origin only) rightly refuses an inline tag.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? "", nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical" || alsoRules.has(v.id));
}
