/** The debrief's key moments: decisive ballots, broken pledges, the biggest swing in cohesion, and what the news did. */
import { describe, expect, it } from "vitest";
import { biggestCohesionSwing, brokenPledges, decisiveVotes, eventMoments, keyMomentsOf, pivotalVoters } from "../../shared/keyMoments";
import { debriefOf } from "../../shared/debrief";
import { scenarios } from "../../shared/scenarios";
import type { Ballot } from "../../shared/state";
import { historicalYerevan, Table, votes } from "../builders";

const SIX = ["RU", "AM", "BY", "KZ", "KG", "TJ"];
const ballot = (rule: Ballot["rule"], result: Ballot["result"], v: Record<string, "yes" | "no" | "abstain">): Ballot => ({
  id: "b1", proposal: "p1", item: "x", option: "y", rule, round: 1, openedAt: 0, closedAt: 10, votes: v, result, closesAt: null, remaining: null, lapsed: [],
} as Ballot);

describe("pivotal voters", () => {
  it("under majority, a one-vote margin makes every voter on the winning side pivotal", () => {
    // 4 to 2: any yes turned no makes it 3 to 3, which fails.
    expect(pivotalVoters(ballot("majority", "passed", votes("yes", { AM: "no", TJ: "no" })), SIX)).toEqual(["RU", "BY", "KZ", "KG"]);
  });
  it("under consensus, a lone objection is the only pivotal voter of a failed ballot; two objections leave none", () => {
    expect(pivotalVoters(ballot("consensus", "failed", votes("yes", { RU: "no" })), SIX)).toEqual(["RU"]);
    expect(pivotalVoters(ballot("consensus", "failed", votes("yes", { RU: "no", BY: "no" })), SIX)).toEqual([]);
  });
  it("a landslide has no pivotal voter", () => {
    expect(pivotalVoters(ballot("majority", "passed", votes("yes", { AM: "no" })), SIX)).toEqual([]);
  });
});

/** A summit with a lone objection, a one-vote majority and a broken pledge. */
function contested(): Table {
  const t = new Table().seatAll().start();
  t.advance(); // consultations
  t.as("KZ", { type: "commit.offer", to: "KG", give: { item: "strategy-2025", target: "core", vote: "yes" }, want: null });
  t.as("KG", { type: "commit.accept", commitment: t.state.commitments.at(-1)!.id });
  t.advance(); // drafting
  t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
  t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
  t.as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
  t.advance(); // voting
  for (let i = 0; i < 10 && t.state.ballots.some((b) => b.result === "open"); i++) {
    const b = t.state.ballots.find((x) => x.result === "open")!;
    if (b.item === "karabakh-statement") t.voteAll(votes("yes", { RU: "no" }));
    else if (b.item === "strategy-2025") t.voteAll(votes("yes", { KZ: "no" }));
    else t.voteAll(votes("yes", { AM: "no", TJ: "no" }));
  }
  while (t.state.status !== "ended") t.advance();
  return t;
}

describe("key moments of a contested summit", () => {
  const t = contested();
  const s = t.state;

  it("finds the lone objections and the close majority, naming who could have turned each", () => {
    const d = decisiveVotes(s);
    const byItem = Object.fromEntries(d.map((x) => [x.item, x]));
    expect(byItem["karabakh-statement"]).toMatchObject({ result: "failed", margin: "one-objection", pivotal: ["RU"], tally: { yes: 5, no: 1 } });
    expect(byItem["strategy-2025"]).toMatchObject({ result: "failed", margin: "one-objection", pivotal: ["KZ"] });
    const postpone = s.ballots.find((b) => b.item === "secretary-general")!;
    expect(postpone.rule).toBe("qualified");
    // Four of six is exactly two thirds: any one of the four turning away, and it fails.
    expect(byItem["secretary-general"]).toMatchObject({ result: "passed", margin: "one-vote", pivotal: ["RU", "BY", "KZ", "KG"] });
    for (const x of d) expect(x.at).toBe(s.ballots.find((b) => b.id === x.ballot)!.closedAt);
  });

  it("finds Kazakhstan's broken pledge at the ballot that tested it", () => {
    const b = brokenPledges(s);
    expect(b).toHaveLength(1);
    const strategy = s.ballots.find((x) => x.item === "strategy-2025")!;
    expect(b[0]).toMatchObject({ by: "KZ", to: "KG", item: "strategy-2025", target: "core", promised: "yes", cast: "no", ballot: strategy.id, at: strategy.closedAt });
  });

  it("the biggest swing in cohesion is the largest single step of the series", () => {
    const swing = biggestCohesionSwing(s)!;
    const steps = s.cohesion.slice(1).map((c, i) => Math.abs(c.value - s.cohesion[i]!.value));
    expect(Math.abs(swing.delta)).toBeCloseTo(Math.max(...steps), 3);
    expect(swing.to - swing.from).toBeCloseTo(swing.delta, 3);
    expect(s.cohesion.some((c) => c.seq === swing.seq && c.value === swing.to)).toBe(true);
  });

  it("lists them in the order they happened, and the debrief carries them", () => {
    const all = keyMomentsOf(s, scenarios["yerevan-2016"]!.events);
    expect(all.map((m) => m.at)).toEqual([...all.map((m) => m.at)].sort((a, b) => a - b));
    expect(all.filter((m) => m.kind === "broken-pledge")).toHaveLength(1);
    expect(debriefOf(s, scenarios["yerevan-2016"]!.events).moments).toEqual(all);
    // Deterministic: the same log gives the same moments.
    expect(keyMomentsOf(contested().state, scenarios["yerevan-2016"]!.events)).toEqual(all);
  });
});

describe("key moments of the historical summit", () => {
  const s = historicalYerevan().state;

  it("no ballot was decided by one delegation, and every pledge was kept", () => {
    expect(decisiveVotes(s)).toEqual([]);
    expect(brokenPledges(s)).toEqual([]);
  });

  it("the warning from Baku broke, with the scenario's effects and its cohesion change", () => {
    const ev = eventMoments(s, scenarios["yerevan-2016"]!.events);
    const baku = ev.find((e) => e.event === "baku-warning")!;
    const source = scenarios["yerevan-2016"]!.events.find((e) => e.id === "baku-warning")!;
    expect(baku.relations.length + baku.priorities.length).toBe(source.effects.length);
    const i = s.cohesion.findIndex((c) => c.seq === baku.seq);
    expect(baku.cohesionDelta).toBeCloseTo(s.cohesion[i]!.value - s.cohesion[i - 1]!.value, 3);
    // Without the scenario's list the effects are unknown, not invented.
    expect(eventMoments(s).find((e) => e.event === "baku-warning")).toMatchObject({ relations: [], priorities: [] });
  });
});
