/** Crisis events: scripted by the scenario at a phase, or injected by the host. */
import type { ScenarioEvent } from "../scenario";
import type { GameEvent, State } from "../state";
import { recordCohesion, shiftRelation } from "./context";

/** Applies an event's effects, posts it on the news ticker and removes it from the pending list. */
export function fireEvent(s: State, e: ScenarioEvent, events: GameEvent[]): State {
  const delegations = { ...s.delegations };
  const relations = { ...s.relations };
  for (const f of e.effects) {
    if (f.kind === "priority") {
      const d = delegations[f.delegation];
      if (!d) continue;
      const item = { ...(d.priorities[f.item] ?? {}) };
      item[f.outcome] = Math.round(((item[f.outcome] ?? 0) + f.delta) * 1e4) / 1e4;
      delegations[f.delegation] = { ...d, priorities: { ...d.priorities, [f.item]: item } };
    } else {
      shiftRelation(relations, f.between[0], f.between[1], f.delta);
    }
  }
  const notice = { seq: s.seq, at: s.now, kind: "event" as const, title: e.title, text: e.text, event: e.id };
  events.push({ type: "notice", notice });
  return recordCohesion({
    ...s,
    delegations,
    relations,
    pendingEvents: s.pendingEvents.filter((p) => p.id !== e.id),
    notices: [...s.notices, notice],
  });
}

/** Fires every pending event scripted for the current round and phase, in scenario order. */
export function fireScripted(s: State, events: GameEvent[]): State {
  let next = s;
  for (const e of s.pendingEvents) {
    if (e.at && e.at.round === s.round && e.at.phase === s.phase) next = fireEvent(next, e, events);
  }
  return next;
}
