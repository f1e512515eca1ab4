import { beforeAll, describe, expect, it } from "vitest";
import { scenarios } from "../../shared/scenarios";
import { inventedReason } from "../../shared/invented";
import { simulate, type SimulationReport } from "../../shared/simulate";

// The goals for Yerevan 2016 (docs/BALANCE.md) are measured on 2000 games; a few hundred games carry about
// ±3 points of sampling noise, so the bounds here are the goals widened by that much.
const GAMES = 240;
const TOLERANCE = 0.035;

describe("balance of Yerevan 2016 with all bots", () => {
  let report: SimulationReport;
  beforeAll(() => {
    report = simulate(scenarios["yerevan-2016"]!, { games: GAMES, seed: 7, strength: "mixed", hostEvents: 0.25 });
  }, 60_000);

  it("plays every game to the end without a refused bot move", () => {
    expect(report.games).toBe(GAMES);
    expect(report.refused).toBe(0);
    expect(report.capped).toBe(0);
  });

  it("lets every delegation win between 10% and 25% of games", () => {
    for (const [d, share] of Object.entries(report.winRate)) {
      expect(share, d).toBeGreaterThanOrEqual(0.1 - TOLERANCE);
      expect(share, d).toBeLessThanOrEqual(0.25 + TOLERANCE);
    }
  });

  it("makes the historical outcome the most frequent combined outcome, but below 60%", () => {
    const { top, historicalShare } = report.combined;
    expect(historicalShare).toBeLessThan(0.6);
    expect(historicalShare).toBeGreaterThanOrEqual(top[0]!.share - TOLERANCE);
  });

  it("reaches every alternative outcome of every item the seed describes", () => {
    const invented = new Set(scenarios["yerevan-2016"]!.items.filter((i) => inventedReason(i) !== null).map((i) => i.id));
    for (const [item, row] of Object.entries(report.outcomes)) {
      if (invented.has(item)) continue;
      for (const [outcome, share] of Object.entries(row)) expect(share, `${item} ${outcome}`).toBeGreaterThanOrEqual(0.05 - TOLERANCE);
    }
  });
});

describe("balance of the tutorial with all bots", () => {
  it("lets every seat win at least 8% of games", () => {
    const r = simulate(scenarios.tutorial!, { games: 200, seed: 7, strength: "mixed", hostEvents: 0.25 });
    expect(r.refused).toBe(0);
    for (const [d, share] of Object.entries(r.winRate)) expect(share, d).toBeGreaterThanOrEqual(0.08);
  }, 60_000);
});
