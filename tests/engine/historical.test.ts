import { describe, expect, it } from "vitest";
import { replay, ENGINE_VERSION } from "../../shared/replay";
import { scenarios } from "../../shared/scenarios";
import { historicalYerevan } from "../builders";

describe("the historical path of Yerevan 2016", () => {
  it("ends with the statement rejected, the appointment postponed and the strategy adopted", () => {
    const t = historicalYerevan();
    const r = t.state.result!;
    expect(r.outcomes["karabakh-statement"]).toBe("rejected");
    expect(r.outcomes["secretary-general"]).toBe("postponed");
    expect(r.outcomes["strategy-2025"]).toBe("adopted:core");
    for (const [item, outcome] of Object.entries(scenarios["yerevan-2016"]!.historical)) expect(r.outcomes[item]).toBe(outcome);
    expect(r.winners.length).toBeGreaterThan(0);
    // Armenia, the host left empty-handed, should not be among the winners of the historical outcome.
    expect(r.winners).not.toContain("AM");
  });

  it("replays from its log to the same final hash", () => {
    const t = historicalYerevan();
    const scenario = scenarios["yerevan-2016"]!;
    const r1 = replay(scenario, { scenarioId: scenario.id, scenarioVersion: scenario.version, engineVersion: ENGINE_VERSION, seed: 1, timing: "manual" }, t.log, undefined, { phaseHashes: true });
    expect(r1.ok).toBe(true);
    if (!r1.ok) return;
    expect(r1.state).toEqual(t.state);
    expect(r1.phaseHashes.length).toBeGreaterThan(5);
  });
});
