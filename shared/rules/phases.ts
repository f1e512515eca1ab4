/** The summit clock: rounds of phases with deadlines, and the end of the summit. */
import { PHASES, type Phase } from "../scenario";
import type { GameEvent, State } from "../state";
import { shuffle } from "../prng";
import { delegationIds, recordCohesion } from "./context";
import { closeBallot, openBallot, openNextBallot } from "./ballots";
import { fireScripted } from "./events";
import { scoreSummit } from "./scoring";
import { presetSeconds } from "../timing";

/** Seconds the phase lasts under the summit's timing preset, or null when hand-paced. */
export function phaseSeconds(s: State, phase: Phase): number | null {
  return presetSeconds(s.scenario.timings, s.timing, phase);
}

/** Starts a phase: sets its deadline, fires its scripted events, and in voting opens the first ballot. */
export function enterPhase(s: State, round: number, phase: Phase, events: GameEvent[]): State {
  const secs = phaseSeconds(s, phase);
  let next: State = { ...s, round, phase, floor: null, clock: { endsAt: secs === null ? null : s.now + secs * 1000, remaining: null } };
  if (phase === "opening") {
    const [order, rng] = shuffle(next.rng, delegationIds(next));
    const delegations = { ...next.delegations };
    for (const d of Object.keys(delegations)) delegations[d] = { ...delegations[d]!, spoke: false };
    next = { ...next, rng, speakingOrder: order, delegations };
  }
  events.push({ type: "phase.changed", round, phase, endsAt: next.clock.endsAt });
  next = fireScripted(next, events);
  if (phase === "voting") {
    next = openNextBallot(next, events);
    if (!openBallot(next)) return advance(next, events);
  }
  return next;
}

/** Moves to the next phase, the next round, or the end of the summit. */
export function advance(s: State, events: GameEvent[]): State {
  let next = s.phase === "voting" ? closeBallot(s, events) : s;
  const i = s.phase === null ? -1 : PHASES.indexOf(s.phase);
  if (i < PHASES.length - 1) return enterPhase(next, Math.max(1, next.round), PHASES[i + 1]!, events);
  if (next.round < next.scenario.rounds) return enterPhase(next, next.round + 1, "opening", events);
  return endSummit(next, events);
}

/** Ends the summit: closes any ballot, fixes every outcome, scores and reveals. */
export function endSummit(s: State, events: GameEvent[]): State {
  let next = recordCohesion(closeBallot(s, events));
  const result = scoreSummit(next);
  next = { ...next, status: "ended", phase: null, floor: null, clock: { endsAt: null, remaining: null }, result };
  events.push({ type: "summit.ended", result });
  return next;
}
