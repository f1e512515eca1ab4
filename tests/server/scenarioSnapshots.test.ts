/** A table replays with the scenario text it was created with, even after the scenario file changes. */
import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../shared/scenario";
import { scenarios } from "../../shared/scenarios";
import { storedTableScenario, tableScenario } from "../../server/scenarioSnapshots";
import { Store, type TableRow } from "../../server/store";
import { TableAuthority } from "../../server/tableAuthority";
import { Table } from "../builders";

const original = scenarios.tutorial!;
afterEach(() => { scenarios.tutorial = original; });
/** Replaces the installed tutorial, as an instructor editing the file (and restarting) would. */
const install = (f: (s: Scenario) => void): void => { const s = structuredClone(original); f(s); scenarios.tutorial = s; };

function tableWithLog(store: Store, id: string, summaryAfter = true): TableAuthority {
  const header = TableAuthority.header("tutorial", original.version, 3, "manual", {});
  const row: TableRow = { id, seminar: `sem-${id}`, index: 0, header, status: "lobby", summary: null, createdAt: 1, endedAt: null, parent: null, forkSeq: null };
  store.createSeminar({ id: `sem-${id}`, code: `CODE${id}`.slice(0, 7), hostKey: `key-${id}`, scenario: "tutorial", title: "t", timing: "manual", bots: false, ruleOverrides: {}, createdAt: 1 }, [row]);
  const t = new Table("tutorial", "manual", 3).seatAll().start();
  store.append(id, t.log.map((action, i) => ({ seq: i + 1, action })));
  if (summaryAfter) {
    const a = TableAuthority.load(store, id);
    store.setSummary(id, a.summary(true));
  }
  return TableAuthority.load(store, id);
}

describe("scenario snapshots", () => {
  it("a table stores its scenario once loaded and checked, and keeps replaying with it after the file changes", () => {
    const store = new Store(":memory:");
    const before = tableWithLog(store, "t1");
    expect(storedTableScenario(store, "t1")).toEqual(original);
    install((s) => { s.items[0]!.options[0]!.title = "Somewhere else"; s.delegations[0]!.priorities = {}; });
    const after = TableAuthority.load(store, "t1");
    expect(after.summary(true).hash).toBe(before.summary(true).hash);
  });

  it("an old table (no snapshot) uses the installed scenario only if it reproduces the recorded state", () => {
    const store = new Store(":memory:");
    tableWithLog(store, "t2");
    store.db.prepare("DELETE FROM table_scenarios").run();
    install((s) => { s.relations = [{ between: ["RU", "BY"], value: 0.9 }]; });
    const r = tableScenario(store, store.table("t2")!, store.actions("t2"));
    expect(r).toMatchObject({ ok: false, code: "SCENARIO_UNAVAILABLE" });
    expect(() => TableAuthority.load(store, "t2")).toThrow(new RegExp(`different text of scenario "tutorial" v${original.version}`));
    scenarios.tutorial = original;
    expect(tableScenario(store, store.table("t2")!, store.actions("t2"))).toMatchObject({ ok: true, source: "installed" });
    expect(storedTableScenario(store, "t2")).toEqual(original);
  });

  it("refuses clearly when the version it was played with is gone", () => {
    const store = new Store(":memory:");
    tableWithLog(store, "t3");
    store.db.prepare("DELETE FROM table_scenarios").run();
    install((s) => { s.version = original.version + 1; });
    expect(() => TableAuthority.load(store, "t3")).toThrow(new RegExp(`played with scenario "tutorial" v${original.version}; this server has only v${original.version + 1}`));
  });
});
