/** The scenarios that ship with the game, checked against the format when loaded. */
import { parseScenario, type Scenario } from "../scenario";
import yerevan from "./yerevan-2016.json";
import tutorial from "./tutorial.json";

function load(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(`bundled scenario is invalid: ${r.error}`);
  return r.scenario;
}

/** Built-in scenarios by id. */
export const scenarios: Record<string, Scenario> = {
  "yerevan-2016": load(yerevan),
  tutorial: load(tutorial),
};

/** A built-in scenario by id, or undefined. */
export const getScenario = (id: string): Scenario | undefined => (Object.hasOwn(scenarios, id) ? scenarios[id] : undefined);

/** Adds an instructor's scenario (already checked by parseScenario); refuses an id that is taken. */
export function registerScenario(scenario: Scenario): boolean {
  if (Object.hasOwn(scenarios, scenario.id)) return false;
  scenarios[scenario.id] = scenario;
  return true;
}
