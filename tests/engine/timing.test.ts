import { describe, expect, it } from "vitest";
import { hash } from "../../shared/hash";
import { parseScenario, PHASES } from "../../shared/scenario";
import { scenarios } from "../../shared/scenarios";
import yerevanJson from "../../shared/scenarios/yerevan-2016.json";
import { parseSessionFile } from "../../shared/sessionFile";
import { createSeminarSchema } from "../../shared/protocol";
import { basePreset, presetPhases, presetSeconds, roundSeconds, TIMED_PRESETS, type PhaseSeconds, type ScenarioTimings } from "../../shared/timing";
import { Table } from "../builders";

const phases = (opening: number, consultations: number, drafting: number, voting: number, results: number): PhaseSeconds =>
  ({ opening, consultations, drafting, voting, results });
/** Timings as most scenario files write them: only the two required presets. */
const twoPresets = (): ScenarioTimings => ({ "45": phases(180, 480, 360, 240, 90), "90": phases(360, 960, 720, 480, 180) });

describe("presetSeconds", () => {
  it("returns the listed seconds for a preset the scenario lists", () => {
    const t = twoPresets();
    for (const p of PHASES) {
      expect(presetSeconds(t, "45", p)).toBe(t["45"][p]);
      expect(presetSeconds(t, "90", p)).toBe(t["90"][p]);
    }
  });

  it("is null under manual pacing", () => {
    expect(presetSeconds(twoPresets(), "manual", "opening")).toBeNull();
  });

  it("derives 35 from 45 and 75 from 90, scaled by minutes and rounded to 5 seconds", () => {
    const t = twoPresets();
    expect(basePreset(t, "35")).toBe("45");
    expect(basePreset(t, "75")).toBe("90");
    expect(presetPhases(t, "35")).toEqual(phases(140, 375, 280, 185, 70));
    expect(presetPhases(t, "75")).toEqual(phases(300, 800, 600, 400, 150));
  });

  it("keeps each preset's round length close to its share of the class period", () => {
    const t = twoPresets();
    const per45 = roundSeconds(t, "45");
    for (const p of TIMED_PRESETS) {
      const expected = (per45 * Number(p)) / 45;
      expect(Math.abs(roundSeconds(t, p) - expected)).toBeLessThanOrEqual(5 * PHASES.length / 2);
    }
  });

  it("prefers what the author wrote for 35 or 75 over the derivation", () => {
    const t: ScenarioTimings = { ...twoPresets(), "35": phases(100, 400, 300, 200, 50) };
    expect(presetSeconds(t, "35", "consultations")).toBe(400);
    expect(basePreset(t, "35")).toBe("35");
    // 75 is still derived, from 90 (15 minutes away) rather than from 35 (40 minutes away).
    expect(basePreset(t, "75")).toBe("90");
  });

  it("never derives a phase shorter than the format's 10-second minimum", () => {
    const t: ScenarioTimings = { "45": phases(10, 10, 10, 10, 10), "90": phases(20, 20, 20, 20, 20) };
    for (const p of PHASES) expect(presetSeconds(t, "35", p)).toBe(10);
  });
});

describe("the engine's clock under the new presets", () => {
  it("sets each phase's deadline from presetSeconds under 35 and 75", () => {
    for (const preset of ["35", "75"] as const) {
      const t = new Table("yerevan-2016", preset).seatAll().start();
      const start = t.now;
      expect(t.state.phase).toBe("opening");
      expect(t.state.clock.endsAt).toBe(start + presetSeconds(scenarios["yerevan-2016"]!.timings, preset, "opening")! * 1000);
    }
  });
});

describe("scenario files and session files", () => {
  it("keep old scenario files valid, and their hash unchanged", () => {
    const r = parseScenario(yerevanJson);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.scenario.timings).sort()).toEqual(["45", "90"]);
    expect(hash(r.scenario)).toBe(hash(scenarios["yerevan-2016"]!));
  });

  it("accept optional 35 and 75 timings, checked like the others", () => {
    const withBoth = { ...yerevanJson, timings: { ...yerevanJson.timings, "35": phases(120, 360, 300, 180, 60), "75": phases(300, 780, 600, 420, 150) } };
    expect(parseScenario(withBoth).ok).toBe(true);
    const bad = { ...yerevanJson, timings: { ...yerevanJson.timings, "75": { opening: 300 } } };
    const r = parseScenario(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.path).toBe("timings.75.consultations");
    const unknown = { ...yerevanJson, timings: { ...yerevanJson.timings, "60": phases(60, 60, 60, 60, 60) } };
    expect(parseScenario(unknown).ok).toBe(false);
  });

  it("let a seminar and a session file name any of the presets", () => {
    for (const timing of [...TIMED_PRESETS, "manual"]) {
      expect(createSeminarSchema.safeParse({ scenario: "tutorial", timing }).success).toBe(true);
    }
    expect(createSeminarSchema.safeParse({ scenario: "tutorial", timing: "60" }).success).toBe(false);
    const file = (timing: string) => ({
      format: "csto-summit-session", formatVersion: 1,
      header: { engineVersion: 1, scenario: { id: "tutorial", version: 1, hash: "0123456789abcdef" }, seed: 1, timing, roster: [], createdAt: "2016-10-14T09:00:00.000Z" },
      actions: [], final: { seq: 0, status: "lobby", hash: "0123456789abcdef", phaseHashes: [] },
    });
    expect(parseSessionFile(file("75")).ok).toBe(true);
    expect(parseSessionFile(file("35")).ok).toBe(true);
    expect(parseSessionFile(file("60")).ok).toBe(false);
  });
});
