/**
 * What a scenario marks as invented — items, options and events with no counterpart in the sources — and what
 * became of each in one summit: for the debrief, and for the agenda's discreet "invented" tags.
 */
import { adoptedOption } from "./outcomes";
import type { ScenarioEvent } from "./scenario";
import type { PublicScenario, State } from "./state";

interface Marked { invented?: boolean | string | undefined }
type PublicItem = PublicScenario["items"][number];

/** Why something is marked invented: its reason, "" when marked without one, null when it is not marked. */
export function inventedReason(x: Marked): string | null {
  if (x.invented === undefined || x.invented === false) return null;
  return x.invented === true ? "" : x.invented;
}

/** An option's own marker, else its item's: every option of an invented item is invented with it. */
export function optionInventedReason(item: PublicItem, optionId: string): string | null {
  const option = item.options.find((o) => o.id === optionId);
  return (option ? inventedReason(option) : null) ?? inventedReason(item);
}

export type InventedRow =
  | { kind: "item"; item: string; id: string; title: string; reason: string; outcome: string }
  | { kind: "option"; item: string; id: string; title: string; reason: string; tabled: boolean; adopted: boolean }
  | { kind: "event"; item: null; id: string; title: string; reason: string; fired: boolean };

/**
 * Everything the scenario marks invented, in agenda order (each item followed by its own marked options), then the
 * events. `events` is the scenario's full event list; the state keeps only the events that have not broken, so
 * without it a marked event that did break cannot be listed.
 */
export function inventedOf(s: State, events: readonly ScenarioEvent[] = s.pendingEvents): InventedRow[] {
  const outcomes = s.result?.outcomes ?? s.outcomes;
  const rows: InventedRow[] = [];
  for (const it of s.scenario.items) {
    const outcome = outcomes[it.id] ?? "open";
    const reason = inventedReason(it);
    if (reason !== null) rows.push({ kind: "item", item: it.id, id: it.id, title: it.title, reason, outcome });
    for (const o of it.options) {
      const own = inventedReason(o);
      if (own === null) continue;
      const tabled = s.proposals.some((p) => p.item === it.id && p.option === o.id);
      rows.push({ kind: "option", item: it.id, id: o.id, title: o.title, reason: own, tabled, adopted: adoptedOption(outcome) === o.id });
    }
  }
  const fired = new Set(s.notices.flatMap((n) => (n.event ? [n.event] : [])));
  for (const e of events) {
    const reason = inventedReason(e);
    if (reason !== null) rows.push({ kind: "event", item: null, id: e.id, title: e.title, reason, fired: fired.has(e.id) });
  }
  return rows;
}
