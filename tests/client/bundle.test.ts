import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildClient, DIST } from "../../client/build";
import { scenarios } from "../../shared/scenarios";

describe("the served client bundle", () => {
  it("carries no scenario secrets: no briefing, no priority weights, no unfired event", async () => {
    await buildClient();
    const js = readFileSync(join(DIST, "main.js"), "utf8");
    expect(js.length).toBeGreaterThan(100_000);
    // esbuild writes non-ASCII characters as \uXXXX escapes: look for a text in either spelling.
    const spellings = (text: string): string[] => [text, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`)];
    const holds = (text: string): boolean => spellings(text).some((x) => js.includes(x));
    // The positive control: the home page's own Russian is in the bundle, so the search can see Cyrillic.
    expect(holds("Войти на саммит")).toBe(true);
    for (const sc of Object.values(scenarios)) {
      const ru = sc.translations?.ru;
      expect(ru, `${sc.id} has Russian`).toBeDefined();
      for (const d of sc.delegations) {
        expect(holds(d.briefing.slice(0, 60))).toBe(false);
        expect(holds(ru!.delegations![d.id]!.briefing!.slice(0, 40)), `${sc.id} ${d.id}: Russian briefing`).toBe(false);
      }
      for (const e of sc.events) {
        expect(holds(e.text.slice(0, 60))).toBe(false);
        expect(holds(ru!.events![e.id]!.text!.slice(0, 40)), `${sc.id} ${e.id}: Russian event`).toBe(false);
        expect(holds(ru!.events![e.id]!.title!), `${sc.id} ${e.id}: Russian event title`).toBe(false);
      }
    }
    expect(js).not.toContain('"adopted:ohanyan"');
  }, 60_000);
});
