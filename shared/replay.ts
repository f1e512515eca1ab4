/** Folding the log: a session's recorded actions reproduce every state it passed through. */
import type { Action } from "./actions";
import { apply } from "./apply";
import { createSummit, type SummitOptions } from "./createSummit";
import { hash } from "./hash";
import type { Scenario } from "./scenario";
import type { GameEvent, State } from "./state";

/** The engine's version: a replay made by another version is refused unless known to be compatible. */
export const ENGINE_VERSION = 2;

export interface SessionHeader extends SummitOptions {
  scenarioId: string;
  scenarioVersion: number;
  engineVersion: number;
}

export type ReplayResult =
  | { ok: true; state: State; hash: string; phaseHashes: { seq: number; hash: string }[] }
  | { ok: false; error: string; seq: number };

/**
 * Replays a session from its header and actions. `visit` sees every state after each action.
 * With `phaseHashes`, a state hash is also taken at each phase boundary so that drift shows where it began
 * (verification asks for them; opening a table or a replay needs only the final hash).
 */
export function replay(
  scenario: Scenario,
  header: SessionHeader,
  actions: readonly Action[],
  visit?: (state: State, events: GameEvent[], index: number) => void,
  options: { phaseHashes?: boolean } = {},
): ReplayResult {
  if (header.engineVersion !== ENGINE_VERSION) {
    return { ok: false, seq: 0, error: `recorded by engine version ${header.engineVersion}; this is version ${ENGINE_VERSION}` };
  }
  if (header.scenarioId !== scenario.id || header.scenarioVersion !== scenario.version) {
    return { ok: false, seq: 0, error: `recorded with scenario ${header.scenarioId} v${header.scenarioVersion}; have ${scenario.id} v${scenario.version}` };
  }
  let state = createSummit(scenario, header);
  const phaseHashes: { seq: number; hash: string }[] = [];
  for (let i = 0; i < actions.length; i++) {
    const r = apply(state, actions[i]);
    if (!r.ok) return { ok: false, seq: i + 1, error: `action ${i + 1} (${actions[i]?.type}) was refused: ${r.error}` };
    const boundary = r.state.phase !== state.phase || r.state.round !== state.round || r.state.status !== state.status;
    state = r.state;
    if (boundary && options.phaseHashes) phaseHashes.push({ seq: state.seq, hash: hash(state) });
    visit?.(state, r.events, i);
  }
  // The summit usually ends on its last action, whose state was just hashed as a phase boundary: reuse that.
  const last = phaseHashes.at(-1);
  return { ok: true, state, hash: last?.seq === state.seq ? last.hash : hash(state), phaseHashes };
}
