/**
 * The exact scenario each table was created with, kept beside it in the store, so that a table replays with the
 * scenario version it was played with even after the scenario file changes. Identical scenarios are stored once.
 */
import type { Action } from "../shared/actions";
import { canonicalJson, hash } from "../shared/hash";
import { replay } from "../shared/replay";
import { parseScenario, type Scenario } from "../shared/scenario";
import { getScenario } from "../shared/scenarios";
import type { Translations } from "../shared/scenarioTexts";
import type { ScenarioText, Storage, TableRow } from "./storage/types";

/** The stored text of a scenario: its hash and canonical JSON (identical texts are stored once). */
export const scenarioText = (scenario: Scenario): ScenarioText => ({ hash: hash(scenario), json: canonicalJson(scenario) });

/** Records the scenario a table is played with (once; a later call for the same table changes nothing). */
export async function saveTableScenario(store: Storage, table: string, scenario: Scenario): Promise<void> {
  await store.saveTableScenario(table, scenarioText(scenario));
}

/** The scenario stored for a table, or null when the table predates snapshots. */
export async function storedTableScenario(store: Storage, table: string): Promise<Scenario | null> {
  const json = await store.tableScenario(table);
  if (json === null) return null;
  const r = parseScenario(JSON.parse(json));
  if (!r.ok) throw new Error(`table ${table}: its stored scenario no longer parses: ${r.error}`);
  return r.scenario;
}

export type TableScenario = { ok: true; scenario: Scenario; source: "stored" | "installed" } | { ok: false; code: "SCENARIO_UNAVAILABLE"; error: string };

/**
 * The scenario to replay a table with. A table with a stored snapshot uses it. An older table (none stored) may
 * use the installed scenario of the same id and version, but only when that reproduces the state hash its summary
 * recorded, or when it has no moves yet; the snapshot is then stored. Anything else is refused with the reason.
 */
export async function tableScenario(store: Storage, row: TableRow, actions: readonly Action[]): Promise<TableScenario> {
  const stored = await storedTableScenario(store, row.id);
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
  await saveTableScenario(store, row.id, installed);
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
