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
    for (const sc of Object.values(scenarios)) {
      for (const d of sc.delegations) expect(js).not.toContain(d.briefing.slice(0, 60));
      for (const e of sc.events) expect(js).not.toContain(e.text.slice(0, 60));
    }
    expect(js).not.toContain('"adopted:ohanyan"');
  }, 60_000);
});
