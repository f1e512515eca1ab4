/**
 * Verifying a session file: it either replays exactly — same scenario, same engine, same final hash — or it is
 * refused with a message that says why. Never silently wrong.
 */
import { apply } from "./apply";
import { createSummit } from "./createSummit";
import { canonicalJson, hash } from "./hash";
import { ENGINE_VERSION, replay } from "./replay";
import { parseScenario, scenarioHash, type Scenario } from "./scenario";
import { rosterOf, type SessionFile, sessionHeaderOf } from "./sessionFile";
import type { GameEvent, State } from "./state";

export type VerifyCode = "ENGINE_VERSION" | "SCENARIO_MISSING" | "SCENARIO_CHANGED" | "BAD_SCENARIO" | "ACTION_REFUSED" | "HASH_MISMATCH" | "ROSTER_MISMATCH";
export type ScenarioFound = { ok: true; scenario: Scenario; embedded: boolean } | { ok: false; code: VerifyCode; error: string };
export type Verified =
  | { ok: true; scenario: Scenario; state: State; hash: string }
  | { ok: false; code: VerifyCode; error: string; seq?: number };

/**
 * The scenario a file was played with: the one it carries, else `lookup(id)` — accepted only if it is the very
 * same (same version and same content hash), since a scenario edited without a new version would replay wrongly.
 */
export function scenarioOfSession(file: SessionFile, lookup?: (id: string) => Scenario | undefined): ScenarioFound {
  const want = file.header.scenario;
  if (file.scenario !== undefined) {
    const r = parseScenario(file.scenario);
    if (!r.ok) return { ok: false, code: "BAD_SCENARIO", error: `the scenario in the file is invalid: ${r.error}` };
    if (r.scenario.id !== want.id || r.scenario.version !== want.version || scenarioHash(r.scenario) !== want.hash) {
      return { ok: false, code: "BAD_SCENARIO", error: `the scenario in the file is not the one its header names (${want.id} v${want.version}, hash ${want.hash})` };
    }
    return { ok: true, scenario: r.scenario, embedded: true };
  }
  const local = lookup?.(want.id);
  if (!local) return { ok: false, code: "SCENARIO_MISSING", error: `the file does not carry its scenario and scenario "${want.id}" is not available here` };
  if (local.version !== want.version) {
    return { ok: false, code: "SCENARIO_CHANGED", error: `played with scenario ${want.id} v${want.version}; this game has v${local.version}, and the file does not carry the scenario it was played with` };
  }
  const got = scenarioHash(local);
  if (got !== want.hash) {
    return { ok: false, code: "SCENARIO_CHANGED", error: `scenario ${want.id} v${want.version} here differs from the one this session was played with (content hash ${got}, recorded ${want.hash}): it was edited without a new version number` };
  }
  return { ok: true, scenario: local, embedded: false };
}

/**
 * Replays a file and checks its final hash. `visit` sees every state (for checkpoints) in the same pass.
 * Phase hashes are only compared when the final hash differs, to say where the drift began.
 */
export function verifySession(
  file: SessionFile,
  lookup?: (id: string) => Scenario | undefined,
  visit?: (state: State, events: GameEvent[], index: number) => void,
): Verified {
  if (file.header.engineVersion !== ENGINE_VERSION) {
    return { ok: false, code: "ENGINE_VERSION", error: `recorded by engine version ${file.header.engineVersion}; this game runs engine version ${ENGINE_VERSION} and cannot promise the same result` };
  }
  const found = scenarioOfSession(file, lookup);
  if (!found.ok) return found;
  const header = sessionHeaderOf(file);
  let state = createSummit(found.scenario, header);
  for (let i = 0; i < file.actions.length; i++) {
    const r = apply(state, file.actions[i]);
    if (!r.ok) {
      return { ok: false, code: "ACTION_REFUSED", seq: i + 1, error: `action ${i + 1} (${file.actions[i]?.type}) is refused by this engine: ${r.error}${r.detail ? ` at ${r.detail}` : ""}` };
    }
    state = r.state;
    visit?.(state, r.events, i);
  }
  const got = hash(state);
  if (got !== file.final.hash || state.seq !== file.final.seq) return { ok: false, code: "HASH_MISMATCH", ...drift(file, found.scenario, got) };
  // The roster is not part of any hash: it must be exactly the one the log gives, or names could be changed freely.
  const roster = rosterOf(file.actions as never);
  if (canonicalJson(roster) !== canonicalJson(file.header.roster)) {
    const i = roster.findIndex((r, k) => canonicalJson(r) !== canonicalJson(file.header.roster[k]));
    return { ok: false, code: "ROSTER_MISMATCH", error: `the header's roster is not the one the log gives (${roster.length} seats in the log, ${file.header.roster.length} in the header; first difference at entry ${(i < 0 ? roster.length : i) + 1})` };
  }
  return { ok: true, scenario: found.scenario, state, hash: got };
}

/** Finds the first phase boundary whose hash differs from the recorded one. */
function drift(file: SessionFile, scenario: Scenario, got: string): { error: string; seq?: number } {
  const r = replay(scenario, sessionHeaderOf(file), file.actions as never, undefined, { phaseHashes: true });
  const base = `final state hash ${got} differs from the recorded ${file.final.hash}`;
  if (!r.ok) return { error: base };
  const recorded = new Map(file.final.phaseHashes.map((p) => [p.seq, p.hash]));
  for (const p of r.phaseHashes) {
    const want = recorded.get(p.seq);
    if (want === undefined) return { error: `${base}; the phases no longer change where they did (first new boundary after action ${p.seq})`, seq: p.seq };
    if (want !== p.hash) return { error: `${base}; the states first differ at the phase boundary after action ${p.seq}`, seq: p.seq };
  }
  return { error: `${base}; every phase boundary matches, so the drift is after action ${r.phaseHashes.at(-1)?.seq ?? 0}`, seq: r.phaseHashes.at(-1)?.seq ?? 0 };
}
