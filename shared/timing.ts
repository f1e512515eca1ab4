/**
 * Timing presets: how long each phase lasts when a summit is paced by the clock. A scenario lists seconds per
 * phase for the 45- and 90-minute presets and may list the 35- and 75-minute ones; a preset it leaves out is
 * derived from the nearest one it lists, scaled by the ratio of their minutes.
 */
import type { Phase } from "./scenario";

/** The presets paced by the clock, named by the minutes of a class period they are written for. */
export const TIMED_PRESETS = ["35", "45", "75", "90"] as const;
export type TimedPreset = (typeof TIMED_PRESETS)[number];
/** Every pacing the host can choose: a timed preset, or "manual" (the host moves on by hand). */
export const TIMING_PRESETS = [...TIMED_PRESETS, "manual"] as const;
export type TimingPreset = (typeof TIMING_PRESETS)[number];

export type PhaseSeconds = Record<Phase, number>;
/** A scenario's `timings`: "45" and "90" always, "35" and "75" when the author chose to write them. */
export type ScenarioTimings = { "45": PhaseSeconds; "90": PhaseSeconds } & Partial<Record<TimedPreset, PhaseSeconds>>;

/** Derived phases are rounded to this many seconds, so clocks show round numbers. */
const STEP = 5;
/** The shortest phase the scenario format allows. */
const MIN_SECONDS = 10;

/** The minutes a timed preset stands for. */
export const presetMinutes = (preset: TimedPreset): number => Number(preset);

/** True for "35", "45", "75" and "90"; false for "manual" and anything else. */
export const isTimedPreset = (x: string): x is TimedPreset => (TIMED_PRESETS as readonly string[]).includes(x);

/** The listed preset a missing one is derived from: the nearest in minutes (on a tie, the longer one). */
export function basePreset(timings: ScenarioTimings, preset: TimedPreset): TimedPreset {
  if (timings[preset]) return preset;
  const listed = TIMED_PRESETS.filter((p) => timings[p] !== undefined);
  const distance = (p: TimedPreset) => Math.abs(presetMinutes(p) - presetMinutes(preset));
  return listed.reduce((best, p) => (distance(p) < distance(best) || (distance(p) === distance(best) && presetMinutes(p) > presetMinutes(best)) ? p : best));
}

/** Seconds phase `phase` lasts under `preset`: as the scenario lists it, or derived from the nearest listed preset; null when hand-paced. */
export function presetSeconds(timings: ScenarioTimings, preset: TimingPreset, phase: Phase): number | null {
  if (preset === "manual") return null;
  const listed = timings[preset];
  if (listed) return listed[phase];
  const base = basePreset(timings, preset);
  const secs = (timings[base]![phase] * presetMinutes(preset)) / presetMinutes(base);
  return Math.max(MIN_SECONDS, Math.round(secs / STEP) * STEP);
}

/** Seconds of every phase under a timed preset, in phase order. */
export function presetPhases(timings: ScenarioTimings, preset: TimedPreset): PhaseSeconds {
  const at = (p: Phase) => presetSeconds(timings, preset, p)!;
  return { opening: at("opening"), consultations: at("consultations"), drafting: at("drafting"), voting: at("voting"), results: at("results") };
}

/** Seconds one round lasts under a timed preset (all five phases). */
export function roundSeconds(timings: ScenarioTimings, preset: TimedPreset): number {
  return Object.values(presetPhases(timings, preset)).reduce((a, b) => a + b, 0);
}
