/**
 * What-if forks: a new summit that starts from the state a session had after its first `seq` actions.
 * The fork's log is self-contained: it holds the parent's prefix verbatim, then the fork's own opening actions,
 * so it replays from the same header like any other session.
 */
import type { Action } from "./actions";
import { apply } from "./apply";
import { createSummit } from "./createSummit";
import type { SessionHeader } from "./replay";
import type { Scenario } from "./scenario";
import type { State } from "./state";

export type Forked =
  | { ok: true; actions: Action[]; state: State; appended: number }
  | { ok: false; code: "BAD_SEQ" | "ENDED" | "REFUSED"; error: string };

/**
 * Builds a fork's log from a parent's log. At the fork point the summit is paused (so that no deadline fires and
 * no ballot settles while nobody sits), then every seat leaves: the fork keeps no one's seat. With `bots`, a bot
 * then sits at every delegation, as at a live table, and yields to any person who picks it; the host resumes. The added actions are stamped at the moment forked from,
 * so the paused clock keeps exactly the time that was left.
 */
export function forkSession(scenario: Scenario, header: SessionHeader, parent: readonly Action[], seq: number, options: { bots?: boolean } = {}): Forked {
  if (!Number.isInteger(seq) || seq < 0 || seq > parent.length) return { ok: false, code: "BAD_SEQ", error: `the session has actions 0 to ${parent.length}` };
  let state = createSummit(scenario, header);
  const actions: Action[] = [];
  for (let i = 0; i < seq; i++) {
    const r = apply(state, parent[i]);
    if (!r.ok) return { ok: false, code: "REFUSED", error: `action ${i + 1} does not replay: ${r.error}` };
    state = r.state;
    actions.push(r.action);
  }
  if (state.status === "ended") return { ok: false, code: "ENDED", error: "the summit had already ended at that moment; fork from an earlier one" };
  const at = state.now;
  const opening: Record<string, unknown>[] = [];
  if (state.status === "running") opening.push({ type: "host.pause", by: "host", at });
  for (const seat of Object.keys(state.seats).sort()) opening.push({ type: "seat.leave", by: "system", at, seat });
  // Bots sit at every delegation (the live table's bot seats: a person who picks the delegation takes it over).
  for (const d of options.bots ? scenario.delegations : []) {
    const seat = `bot-${d.id.toLowerCase()}`;
    opening.push({ type: "seat.join", by: "system", at, seat, name: `${d.name} (bot)`, bot: true });
    opening.push({ type: "seat.assign", by: "system", at, seat, delegation: d.id, signatory: true });
  }
  for (const a of opening) {
    const r = apply(state, a);
    if (!r.ok) return { ok: false, code: "REFUSED", error: `could not open the fork (${String(a.type)}): ${r.error}` };
    state = r.state;
    actions.push(r.action);
  }
  return { ok: true, actions, state, appended: opening.length };
}
