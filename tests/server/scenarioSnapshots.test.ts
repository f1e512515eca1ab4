/** A table replays with the scenario text it was created with, even after the scenario file changes. */
import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../shared/scenario";
import { scenarios } from "../../shared/scenarios";
import { storedTableScenario, tableScenario } from "../../server/scenarioSnapshots";
import { openSqlite, type SqliteStorage } from "../../server/storage/sqlite";
import type { TableRow } from "../../server/storage/types";
import { TableAuthority } from "../../server/tableAuthority";
import { Table } from "../builders";

const original = scenarios.tutorial!;
afterEach(() => { scenarios.tutorial = original; });
/** Replaces the installed tutorial, as an instructor editing the file (and restarting) would. */
const install = (f: (s: Scenario) => void): void => { const s = structuredClone(original); f(s); scenarios.tutorial = s; };

async function tableWithLog(store: SqliteStorage, id: string, summaryAfter = true): Promise<TableAuthority> {
  const header = TableAuthority.header("tutorial", original.version, 3, "manual", {});
  const row: TableRow = { id, seminar: `sem-${id}`, index: 0, header, status: "lobby", summary: null, createdAt: 1, endedAt: null, parent: null, forkSeq: null };
  await store.createSeminar({ id: `sem-${id}`, code: `CODE${id}`.slice(0, 7), hostKey: `key-${id}`, scenario: "tutorial", title: "t", timing: "manual", bots: false, ruleOverrides: {}, createdAt: 1 }, [row]);
  const t = new Table("tutorial", "manual", 3).seatAll().start();
  await new Promise<void>((resolve, reject) => store.enqueue({ table: id, entries: t.log.map((action, i) => ({ seq: i + 1, action })), done: (err) => (err ? reject(err) : resolve()) }));
  if (summaryAfter) {
    const a = await TableAuthority.load(store, id);
    await store.setSummary(id, a.summary(true));
  }
  return TableAuthority.load(store, id);
}

describe("scenario snapshots", () => {
  it("a table stores its scenario once loaded and checked, and keeps replaying with it after the file changes", async () => {
    const store = await openSqlite(":memory:");
    const before = await tableWithLog(store, "t1");
    expect(await storedTableScenario(store, "t1")).toEqual(original);
    install((s) => { s.items[0]!.options[0]!.title = "Somewhere else"; s.delegations[0]!.priorities = {}; });
    const after = await TableAuthority.load(store, "t1");
    expect(after.summary(true).hash).toBe(before.summary(true).hash);
  });

  it("an old table (no snapshot) uses the installed scenario only if it reproduces the recorded state", async () => {
    const store = await openSqlite(":memory:");
    await tableWithLog(store, "t2");
    store.db.prepare("DELETE FROM table_scenarios").run();
    install((s) => { s.relations = [{ between: ["RU", "BY"], value: 0.9 }]; });
    const r = await tableScenario(store, (await store.table("t2"))!, await store.actions("t2"));
    expect(r).toMatchObject({ ok: false, code: "SCENARIO_UNAVAILABLE" });
    await expect(TableAuthority.load(store, "t2")).rejects.toThrow(new RegExp(`different text of scenario "tutorial" v${original.version}`));
    scenarios.tutorial = original;
    expect(await tableScenario(store, (await store.table("t2"))!, await store.actions("t2"))).toMatchObject({ ok: true, source: "installed" });
    expect(await storedTableScenario(store, "t2")).toEqual(original);
  });

  it("refuses clearly when the version it was played with is gone", async () => {
    const store = await openSqlite(":memory:");
    await tableWithLog(store, "t3");
    store.db.prepare("DELETE FROM table_scenarios").run();
    install((s) => { s.version = original.version + 1; });
    await expect(TableAuthority.load(store, "t3")).rejects.toThrow(new RegExp(`played with scenario "tutorial" v${original.version}; this server has only v${original.version + 1}`));
  });
});
