import { describe, expect, it } from "vitest";
import { adoptedOption } from "../../shared/outcomes";
import { cohesionOf } from "../../shared/rules/context";
import { CONDUCT, conductPoints, finalOutcomes, gainOver, outcomeKeys, scoreSummit } from "../../shared/rules/scoring";
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
    const option = adoptedOption(outcome) ?? (outcome === "postponed" ? "postpone" : first);
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

  it("scores the historical outcome for Armenia as its own bar: no gain, only conduct", () => {
    const r = historicalYerevan().state.result!;
    const am = r.scores["AM"]!;
    // Every item ends as in 2016, so Armenia's share equals its bar; the events shifted both alike.
    expect(am.priority).toBe(am.baseline);
    expect(am.gain).toBe(0);
    // Conduct: it spoke in round 1 only (two rounds were played), objected to the postponement under majority
    // (not an objection) and to nothing else; its standing is its mean relation.
    expect(am).toMatchObject({ objections: 0, silent: 1, kept: 0, broken: 0, lapsed: 0 });
    expect(am.total).toBeCloseTo(CONDUCT.standing * am.standing - CONDUCT.silent, 4);
    for (const x of Object.values(r.scores)) {
      expect(x.priority).toBeGreaterThanOrEqual(0);
      expect(x.priority).toBeLessThanOrEqual(1);
      expect(x.gain).toBeGreaterThanOrEqual(-1);
      expect(x.gain).toBeLessThanOrEqual(1);
    }
  });

  it("measures gain from the bar towards the best (+1) or the worst (-1)", () => {
    expect(gainOver(0.5, 0.5)).toBe(0);
    expect(gainOver(1, 0.6)).toBe(1);
    expect(gainOver(0.8, 0.6)).toBeCloseTo(0.5);
    expect(gainOver(0, 0.6)).toBe(-1);
    expect(gainOver(0.3, 0.6)).toBeCloseTo(-0.5);
    expect(gainOver(1, 1)).toBe(0);
    expect(gainOver(0, 0)).toBe(0);
  });

  it("charges conduct: broken pledges cost four times what kept ones earn, and kept ones count up to a cap", () => {
    const none = { kept: 0, broken: 0, objections: 0, lapsed: 0, silent: 0, standing: 0 };
    expect(conductPoints(none)).toBe(0);
    expect(conductPoints({ ...none, kept: 1 })).toBeCloseTo(CONDUCT.kept);
    expect(conductPoints({ ...none, kept: 10 })).toBeCloseTo(CONDUCT.kept * CONDUCT.keptCap);
    expect(conductPoints({ ...none, kept: 1, broken: 1 })).toBeLessThan(0);
    expect(CONDUCT.broken).toBeGreaterThanOrEqual(4 * CONDUCT.kept);
    expect(conductPoints({ ...none, objections: 2, lapsed: 1, silent: 1 })).toBeCloseTo(-2 * CONDUCT.objection - CONDUCT.lapsed - CONDUCT.silent);
    expect(conductPoints({ ...none, standing: 1 })).toBeCloseTo(CONDUCT.standing);
  });

  it("gives 1 to a delegation indifferent to every outcome", () => {
    const s = new Table("tutorial").state;
    const flat = { ...s, delegations: { ...s.delegations, BY: { ...s.delegations["BY"]!, priorities: {} } } };
    expect(scoreSummit(flat).scores["BY"]).toMatchObject({ raw: 0, priority: 1 });
  });
});

describe("winners", () => {
  it("are nobody when the alliance adopts nothing", () => {
    const t = new Table("tutorial").seatAll();
    t.do("host", { type: "host.end" });
    const r = t.state.result!;
    expect(Object.values(r.outcomes).every((o) => o === "postponed")).toBe(true);
    expect(r.failed).toBe(true);
    expect(r.winners).toEqual([]);
  });

  it("are those with the highest summit score, once something is adopted", () => {
    const s = new Table("tutorial").state;
    const adopted: State = { ...s, status: "ended", outcomes: { exercise: "adopted:tajikistan" } };
    const r = scoreSummit(adopted);
    expect(r.failed).toBe(false);
    const best = Math.max(...Object.values(r.scores).map((x) => x.total));
    expect(r.winners).toEqual(Object.keys(r.scores).filter((d) => r.scores[d]!.total === best));
    expect(r.winners.length).toBeGreaterThan(0);
  });

  it("break a tie by reputation, and share it when reputation ties too", () => {
    const s = new Table("tutorial").state;
    const tied: State = {
      ...s, outcomes: { exercise: "adopted:russia" },
      relations: { "BY|RU": 0, "RU|TJ": 0, "BY|TJ": 0 },
      delegations: { ...s.delegations, TJ: { ...s.delegations["TJ"]!, priorities: structuredClone(s.delegations["BY"]!.priorities) }, RU: { ...s.delegations["RU"]!, priorities: {} } },
    };
    // RU is indifferent (share 1 = its bar: gain 0); BY and TJ share one set of priorities and gain alike.
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
