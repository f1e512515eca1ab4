import { describe, expect, it } from "vitest";
import { cohesionOf } from "../../shared/rules/context";
import { finalOutcomes, outcomeKeys, scoreSummit } from "../../shared/rules/scoring";
import type { State } from "../../shared/state";
import { historicalYerevan, Table, votes } from "../builders";

type Pick = (values: number[]) => number;
/** For each item, the outcome `pick` prefers by the delegation's current priorities. */
function extreme(s: State, d: string, pick: Pick): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of s.scenario.items) {
    const w = s.delegations[d]!.priorities[item.id] ?? {};
    const keys = outcomeKeys(s, item.id);
    const target = pick(keys.map((k) => w[k] ?? 0));
    out[item.id] = keys.find((k) => (w[k] ?? 0) === target)!;
  }
  return out;
}

/** Plays round 1 so that each item ends as `choose` wants (adopted, postponed, or rejected by a failed vote), then ends. */
function play(scenarioId: string, choose: (s: State) => Record<string, string>): Table {
  const t = new Table(scenarioId).seatAll().start().advance().advance();
  const ids = t.state.scenario.delegations.map((d) => d.id);
  const target = choose(t.state);
  for (const [item, outcome] of Object.entries(target)) {
    const first = t.state.scenario.items.find((i) => i.id === item)!.options[0]!.id;
    const option = outcome.startsWith("adopted:") ? outcome.slice(8) : outcome === "postponed" ? "postpone" : first;
    t.as(ids[0]!, { type: "propose", item, option });
  }
  t.advance();
  while (t.state.phase === "voting") {
    const b = t.ballot;
    const item = t.state.ballots.find((x) => x.id === b)!.item;
    for (const d of ids) t.as(d, { type: "vote", ballot: b, choice: target[item] === "rejected" ? "no" : "yes" });
  }
  t.do("host", { type: "host.end" });
  expect(t.state.result!.outcomes).toEqual(target);
  return t;
}

describe("normalised priority scores", () => {
  for (const scenarioId of ["yerevan-2016", "tutorial"]) {
    const ids = new Table(scenarioId).state.scenario.delegations.map((d) => d.id);
    it.each(ids)(`${scenarioId}: %s reaches 1.0 with its best outcomes and 0 with its worst`, (d) => {
      const best = play(scenarioId, (s) => extreme(s, d, (v) => Math.max(...v))).state.result!;
      expect(best.scores[d]!.priority).toBe(1);
      expect(best.winners).toContain(d);
      const worst = play(scenarioId, (s) => extreme(s, d, (v) => Math.min(...v))).state.result!;
      expect(worst.scores[d]!.priority).toBe(0);
    });
  }

  it("scores the historical outcome for Armenia by hand", () => {
    const r = historicalYerevan().state.result!;
    // After the scripted events: SG postponed 0; statement rejected -6-1; strategy core 1; missile defence postponed 0.
    // Worst possible -5-7+0-1 = -13, best 7+7+1+0 = 15: (-6 + 13) / 28.
    expect(r.scores["AM"]).toEqual({ raw: -6, priority: Math.round((7 / 28) * 1e4) / 1e4, reputation: 1, perItem: {
      "secretary-general": 0, "karabakh-statement": -7, "strategy-2025": 1, "missile-defence": 0,
    } });
    for (const s of Object.values(r.scores)) {
      expect(s.priority).toBeGreaterThanOrEqual(0);
      expect(s.priority).toBeLessThanOrEqual(1);
    }
  });

  it("gives 1 to a delegation indifferent to every outcome", () => {
    const s = new Table("tutorial").state;
    const flat = { ...s, delegations: { ...s.delegations, BY: { ...s.delegations["BY"]!, priorities: {} } } };
    expect(scoreSummit(flat).scores["BY"]).toMatchObject({ raw: 0, priority: 1 });
  });
});

describe("winners", () => {
  it("are those with the highest priority score", () => {
    const t = new Table("tutorial").seatAll();
    t.do("host", { type: "host.end" });
    const r = t.state.result!;
    // All postponed: RU (-2 in [-4, 6]) 0.2, BY (0 in [-3, 7]) 0.3, TJ (0 in [-3, 8]) 0.2727
    expect([r.scores["RU"]!.priority, r.scores["BY"]!.priority, r.scores["TJ"]!.priority]).toEqual([0.2, 0.3, 0.2727]);
    expect(r.winners).toEqual(["BY"]);
  });

  it("break a tie by reputation, and share it when reputation ties too", () => {
    const s = new Table("tutorial").state;
    const tied: State = { ...s, delegations: { ...s.delegations, TJ: { ...s.delegations["TJ"]!, priorities: structuredClone(s.delegations["BY"]!.priorities) } } };
    expect(scoreSummit(tied).winners).toEqual(["BY", "TJ"]);
    const broken = {
      id: "c1", from: "BY", to: "TJ", give: { item: "exercise", target: "belarus", vote: "yes" as const }, want: null,
      note: "", status: "accepted" as const, at: 0, judged: { BY: "broken" as const },
    };
    expect(scoreSummit({ ...tied, commitments: [broken] }).winners).toEqual(["TJ"]);
    expect(scoreSummit({ ...tied, commitments: [{ ...broken, status: "declined" }] }).winners).toEqual(["BY", "TJ"]);
  });
});

describe("final outcomes of undecided items", () => {
  it("are rejected after a failed adoption vote, postponed otherwise", () => {
    const t = new Table().seatAll().start().advance().advance();
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
    t.as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
    t.as("KZ", { type: "propose", item: "strategy-2025", option: "expanded" });
    t.advance();
    t.voteAll(votes("no", { RU: "yes" })); // the motion to postpone fails
    t.voteAll(votes("no", { AM: "yes" })); // the statement fails
    t.voteAll(votes("yes")); // the strategy passes
    expect(finalOutcomes(t.state)).toEqual({
      "secretary-general": "postponed", "karabakh-statement": "rejected", "strategy-2025": "adopted:expanded", "missile-defence": "postponed",
    });
    t.do("host", { type: "host.end" });
    expect(t.state.result!.outcomes).toEqual(finalOutcomes(t.state));
  });

  it("a later postponement overrides an earlier failed vote", () => {
    const t = new Table().seatAll().start().advance().advance();
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
    t.advance().voteAll(votes("no", { AM: "yes" }));
    while (t.state.phase !== "drafting") t.advance();
    t.as("RU", { type: "propose", item: "karabakh-statement", option: "postpone" });
    t.advance().voteAll(votes("yes"));
    expect(finalOutcomes(t.state)["karabakh-statement"]).toBe("postponed");
  });
});

describe("cohesion", () => {
  it("starts from the scenario's relations and is recorded at every ballot and event", () => {
    const t = new Table().seatAll();
    // 15 pairs summing to 2.1: mean 0.14, rescaled to (0.14 + 1) / 2
    expect(t.state.cohesion).toEqual([{ seq: 0, at: 0, value: 0.57 }]);
    t.start().advance(); // the scripted warning from Baku: AM-RU -0.05
    expect(t.state.cohesion.at(-1)!.value).toBeCloseTo(0.57 - 0.05 / 15 / 2, 4);
    t.advance().as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    const before = cohesionOf(t.state);
    const recorded = t.state.cohesion.length;
    t.advance().voteAll(votes("yes"));
    expect(t.state.cohesion).toHaveLength(recorded + 1);
    expect(t.state.cohesion.at(-1)!.value).toBeCloseTo(before + 0.01, 4); // every pair +0.02
  });

  it("is reported in the result as the final value, within [0, 1]", () => {
    const t = historicalYerevan();
    const r = t.state.result!;
    expect(r.cohesion).toBe(cohesionOf(t.state));
    expect(r.cohesion).toBe(t.state.cohesion.at(-1)!.value);
    expect(r.cohesion).toBeGreaterThan(0);
    expect(r.cohesion).toBeLessThan(1);
  });
});
