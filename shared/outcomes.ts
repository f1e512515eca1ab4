/**
 * Outcome keys: how an agenda item ended, spelt as the log, the priorities, the scores and the scenarios spell
 * it. This module is the only one that writes or reads the spelling.
 */

/** "adopted:<option id>", "rejected" (an adoption vote failed and nothing passed) or "postponed". */
export type Outcome = `adopted:${string}` | "rejected" | "postponed";
export type ParsedOutcome = { kind: "adopted"; option: string } | { kind: "rejected" } | { kind: "postponed" };

const ADOPTED = "adopted:";
/** The option id a draft carries when it is a motion to postpone its item. */
const POSTPONE = "postpone";

/** The spelling of an outcome key, for schemas (option ids as scenarios write them). */
export const OUTCOME_KEY = /^(adopted:[a-z0-9][a-z0-9-]*|rejected|postponed)$/;

/** The outcome of adopting an option. */
export const adopted = (option: string): Outcome => `${ADOPTED}${option}`;

/** Reads an outcome key; null for anything else (an empty option included). */
export function parseOutcome(key: string): ParsedOutcome | null {
  if (key === "rejected" || key === "postponed") return { kind: key };
  return key.startsWith(ADOPTED) && key.length > ADOPTED.length ? { kind: "adopted", option: key.slice(ADOPTED.length) } : null;
}

/** The option an outcome adopts, or null when it adopts none. */
export function adoptedOption(key: string): string | null {
  const o = parseOutcome(key);
  return o?.kind === "adopted" ? o.option : null;
}

/** Whether an outcome adopts an option. */
export const isAdopted = (key: string): boolean => adoptedOption(key) !== null;

/** What a draft decides when its ballot passes: its option adopted, or the item postponed for a motion to postpone. */
export const outcomeIfPassed = (option: string): Outcome => (option === POSTPONE ? "postponed" : adopted(option));

/** Every outcome an item can end with: each option adopted, then rejected, then postponed. */
export const outcomesOf = (item: { options: readonly { id: string }[] }): Outcome[] =>
  [...item.options.map((o) => adopted(o.id)), "rejected", "postponed"];
