/**
 * The exact scenario each table was created with, kept beside it in the store, so that a table replays with the
 * scenario version it was played with even after the scenario file changes. Identical scenarios are stored once.
 */
import type Database from "better-sqlite3";
import type { Action } from "../shared/actions";
import { canonicalJson, hash } from "../shared/hash";
import { replay } from "../shared/replay";
import { parseScenario, type Scenario } from "../shared/scenario";
import { getScenario } from "../shared/scenarios";
import type { Translations } from "../shared/scenarioTexts";
import type { Store, TableRow } from "./store";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scenario_texts (hash TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS table_scenarios (table_id TEXT PRIMARY KEY, hash TEXT NOT NULL REFERENCES scenario_texts(hash)) WITHOUT ROWID;
`;
const ready = new WeakSet<Database.Database>();

/** Creates the two tables on first use (old databases simply gain them; their tables fall back, see below). */
export function snapshotTables(store: Store): Database.Database {
  if (!ready.has(store.db)) {
    store.db.exec(SCHEMA);
    ready.add(store.db);
  }
  return store.db;
}

/** Records the scenario a table is played with (once; a later call for the same table changes nothing). */
export function saveTableScenario(store: Store, table: string, scenario: Scenario): void {
  const d = snapshotTables(store);
  const h = hash(scenario);
  d.transaction(() => {
    d.prepare("INSERT OR IGNORE INTO scenario_texts (hash, json) VALUES (?, ?)").run(h, canonicalJson(scenario));
    d.prepare("INSERT OR IGNORE INTO table_scenarios (table_id, hash) VALUES (?, ?)").run(table, h);
  })();
}

/** The scenario stored for a table, or null when the table predates snapshots. */
export function storedTableScenario(store: Store, table: string): Scenario | null {
  const row = snapshotTables(store).prepare("SELECT s.json FROM table_scenarios t JOIN scenario_texts s ON s.hash = t.hash WHERE t.table_id = ?").get(table) as { json: string } | undefined;
  if (!row) return null;
  const r = parseScenario(JSON.parse(row.json));
  if (!r.ok) throw new Error(`table ${table}: its stored scenario no longer parses: ${r.error}`);
  return r.scenario;
}

export type TableScenario = { ok: true; scenario: Scenario; source: "stored" | "installed" } | { ok: false; code: "SCENARIO_UNAVAILABLE"; error: string };

/**
 * The scenario to replay a table with. A table with a stored snapshot uses it. An older table (none stored) may
 * use the installed scenario of the same id and version, but only when that reproduces the state hash its summary
 * recorded, or when it has no moves yet; the snapshot is then stored. Anything else is refused with the reason.
 */
export function tableScenario(store: Store, row: TableRow, actions: readonly Action[]): TableScenario {
  const stored = storedTableScenario(store, row.id);
  if (stored) return { ok: true, scenario: stored, source: "stored" };
  const { scenarioId: id, scenarioVersion: version } = row.header;
  const installed = getScenario(id);
  if (!installed) return { ok: false, code: "SCENARIO_UNAVAILABLE", error: `table ${row.id} was played with scenario "${id}" v${version}, which this server neither stored nor has installed` };
  if (installed.version !== version) {
    return { ok: false, code: "SCENARIO_UNAVAILABLE", error: `table ${row.id} was played with scenario "${id}" v${version}; this server has only v${installed.version}` };
  }
  const check = row.summary && row.summary.hash && row.summary.seq > 0 && row.summary.seq <= actions.length ? row.summary : null;
  if (actions.length > 0 && !check) {
    // Nothing to check against: keep the old behaviour (replay with the installed version) but do not store it as exact.
    return { ok: true, scenario: installed, source: "installed" };
  }
  if (check) {
    let got = "";
    const r = replay(installed, row.header, actions.slice(0, check.seq));
    if (r.ok) got = r.hash;
    if (got !== check.hash) {
      return { ok: false, code: "SCENARIO_UNAVAILABLE", error: `table ${row.id} was played with a different text of scenario "${id}" v${version} (the installed one does not reproduce its recorded state)` };
    }
  }
  saveTableScenario(store, row.id, installed);
  return { ok: true, scenario: installed, source: "installed" };
}

/**
 * The translations to show a table in: those of the installed scenario of the same id and version. They change no
 * rule, so a table whose stored snapshot predates them (or lacks them) still gets them.
 */
export function tableTranslations(id: string, version: number): Translations | undefined {
  const installed = getScenario(id);
  return installed && installed.version === version ? installed.translations : undefined;
}
