/**
 * Property tests: 800 random summits (200 for each scenario and timing, about 55,000 actions) that mix legal play
 * with repeated, misrouted, stale, corrupted, out-of-phase and garbage input, on both bundled scenarios, hand-paced
 * and on the 45-minute clock with clock ticks at the deadlines. Every step is checked (see invariants.ts), then the
 * log is replayed and compared. The seed is fixed, so a failure reproduces; PROPERTY_RUNS sets the runs per
 * configuration and PROPERTY_COVERAGE=1 prints how far the summits got.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, type ApplyResult } from "../../shared/apply";
import { ErrorCode } from "../../shared/errors";
import { hash } from "../../shared/hash";
import { legalActions } from "../../shared/legalActions";
import { ENGINE_VERSION, replay } from "../../shared/replay";
import { scenarios } from "../../shared/scenarios";
import type { State, TimingPreset } from "../../shared/state";
import { check, checkAccepted, checkReveal, checkViews, freezeJson, jsonEqual, Tracker } from "./invariants";
import { type Op, opArb, type Plan, RandomSummit, seatingArb } from "./randomPlay";

const SEED = 20161014;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const MAX_OPS = 150;
const CODES = new Set<string>(Object.values(ErrorCode));

/** How far the random summits got: the properties prove little unless many runs reach ballots and the end. */
interface Coverage { runs: number; withBallots: number; closedBallots: number; ended: number; accepted: number; refused: number; secrets: number }

const describeInput = (input: unknown): string => {
  try {
    return (JSON.stringify(input, (_k, v: unknown) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v)) ?? String(input));
  } catch {
    return String(input);
  }
};

const FILL: Op = { kind: "seat", a: 7, b: 3, c: 1, flag: false, text: "Filler text", dt: 0, junk: null };

/** Every action legalActions offers one actor (the host and the seats take turns) is accepted, templates filled. */
function checkEveryLegalAction(game: RandomSummit): void {
  const s = game.state;
  const actors = ["host", ...Object.keys(s.seats)];
  const who = actors[(s.seq / 10) % actors.length]!;
  for (const legal of legalActions(s, who)) {
    const input = { ...game.fill(legal, FILL), by: who, at: s.now };
    const r = apply(s, input);
    check(r.ok, () => `legal ${describeInput(input)} refused: ${r.ok ? "" : r.error} in ${s.status}/${s.phase}`);
  }
}

/** Plays one random summit, checking every step, then checks the replay and the JSON round trip. */
function play(scenarioId: string, timing: TimingPreset, seed: number, seating: Parameters<RandomSummit["seatingInputs"]>[0], ops: Op[], cov: Coverage): void {
  const scenario = scenarios[scenarioId]!;
  const game = new RandomSummit(scenario, timing, seed);
  const tracker = new Tracker();
  /** States at phase boundaries, by their index in the log: the replay must pass through each exactly. */
  const boundaries = new Map<number, State>();
  const briefings = scenario.delegations;
  freezeJson(game.state);
  checkViews(game.state, briefings, game.privateMarkers);

  const run = (plan: Plan): void => {
    const prev = game.state;
    let r: ApplyResult;
    try {
      r = apply(prev, plan.input);
    } catch (err) {
      throw new Error(`apply threw on ${plan.why}: ${describeInput(plan.input)}\n${String(err)}`);
    }
    if (!r.ok) {
      cov.refused++;
      check(CODES.has(r.error), `unknown error code ${r.error}`);
      check(plan.expect !== "accept", () => `${plan.why} refused (${r.ok ? "" : r.error}): ${describeInput(plan.input)} in ${prev.status}/${prev.phase}`);
      return; // the state is frozen, so a refusal cannot have changed it: game.state is still the same object
    }
    cov.accepted++;
    check(plan.expect !== "refuse", () => `${plan.why} accepted: ${describeInput(plan.input)}`);
    checkAccepted(prev, r, tracker);
    game.commit(r);
    const s = r.state;
    if (s.phase !== prev.phase || s.round !== prev.round || s.status !== prev.status) boundaries.set(game.log.length - 1, s);
    if (s.seq % 10 === 0) checkEveryLegalAction(game);
    // One viewer per step, all of them on the last state before the reveal.
    checkViews(s, briefings, game.privateMarkers, true);
    if (s.status === "ended") checkViews(prev, briefings, game.privateMarkers);
  };

  for (const input of game.seatingInputs(seating)) run({ input, expect: "either", why: "seating" });
  let afterEnd = 0;
  for (const op of ops) {
    // After the end everything is refused: a few ops show it, more would only burn time.
    if (game.state.status === "ended" && ++afterEnd > 10) break;
    run(game.plan(op));
  }

  const s = game.state;
  checkViews(s, briefings, game.privateMarkers);
  cov.runs++;
  if (s.ballots.length > 0) cov.withBallots++;
  cov.closedBallots += s.ballots.filter((b) => b.result !== "open").length;
  if (s.status === "ended") {
    cov.ended++;
    checkReveal(s, game.privateMarkers);
  }
  cov.secrets += game.privateMarkers.size;

  const header = { scenarioId, scenarioVersion: scenario.version, engineVersion: ENGINE_VERSION, seed, timing };
  const again = replay(scenario, header, game.log, (replayed, _events, i) => {
    const played = boundaries.get(i);
    check(!played || jsonEqual(replayed, played), `the replay drifted at action ${i + 1} (seq ${played?.seq})`);
  }, { phaseHashes: true });
  check(again.ok, () => `replay failed: ${again.ok ? "" : again.error}`);
  expect(again.hash).toBe(hash(s));
  expect(again.phaseHashes.map((p) => p.seq)).toEqual([...boundaries.values()].map((b) => b.seq));
  // The played state passed freezeJson (plain JSON only), so jsonEqual is as strict here as toStrictEqual, and faster.
  check(jsonEqual(again.state, s), "the replayed state differs from the played one");
  check(jsonEqual(JSON.parse(JSON.stringify(s)), s), "the state does not survive a JSON round trip");
}

const CONFIGS: [string, TimingPreset][] = [["yerevan-2016", "manual"], ["yerevan-2016", "45"], ["tutorial", "manual"], ["tutorial", "45"]];

describe("random play keeps the engine's invariants", () => {
  for (const [scenarioId, timing] of CONFIGS) {
    it(`${scenarioId}, timing ${timing}`, () => {
      const cov: Coverage = { runs: 0, withBallots: 0, closedBallots: 0, ended: 0, accepted: 0, refused: 0, secrets: 0 };
      fc.assert(
        fc.property(fc.integer(), seatingArb, fc.array(opArb, { minLength: 20, maxLength: MAX_OPS, size: "max" }), (seed, seating, ops) => {
          play(scenarioId, timing, seed, seating, ops, cov);
        }),
        // A failure shrinks until the limit, then reports the smallest case found: better than a vitest timeout.
        // The limit is generous so that a loaded machine (CI runs two suites at once) never trips it on a pass.
        { seed: SEED, numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(150_000, { failOnInterrupt: true })] },
      );
      if (process.env.PROPERTY_COVERAGE) console.log(scenarioId, timing, cov);
      expect(cov.withBallots).toBeGreaterThan(cov.runs * 0.1);
      expect(cov.closedBallots).toBeGreaterThan(cov.runs * 0.1);
      expect(cov.ended).toBeGreaterThan(cov.runs * 0.1);
      expect(cov.secrets).toBeGreaterThan(cov.runs * 5);
      expect(cov.accepted).toBeGreaterThan(cov.refused);
    }, 200_000);
  }
});
