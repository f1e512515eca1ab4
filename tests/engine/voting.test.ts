import { describe, expect, it } from "vitest";
import { createSummit } from "../../shared/createSummit";
import { passes } from "../../shared/rules/count";
import type { VotingRule } from "../../shared/scenario";
import { scenarios } from "../../shared/scenarios";
import { DELEGATIONS, Table, votes } from "../builders";

type V = "yes" | "no" | "abstain";
const refused = (error: string) => ({ ok: false, error });
/** Yerevan in round 1's drafting phase, optionally with rule overrides. */
function drafting(ruleOverrides?: Record<string, VotingRule>): Table {
  const t = new Table();
  t.state = createSummit(scenarios["yerevan-2016"]!, { seed: 1, timing: "manual", ruleOverrides });
  return t.seatAll().start().advance().advance();
}
/** Six votes from a compact pattern such as "yyyyna": y(es), n(o), a(bstain), in RU AM BY KZ KG TJ order. */
const pattern = (p: string): Record<string, V> =>
  Object.fromEntries(DELEGATIONS.map((d, i) => [d, ({ y: "yes", n: "no", a: "abstain" } as const)[p[i] as "y" | "n" | "a"]]));

describe("counting under each rule", () => {
  const cases: [VotingRule, string, boolean][] = [
    ["consensus", "yyyyyy", true], ["consensus", "yyyyyn", false], ["consensus", "yyyyya", true], ["consensus", "yaaaaa", true], ["consensus", "aaaaaa", false],
    ["unanimity", "yyyyyy", true], ["unanimity", "yyyyya", false], ["unanimity", "yyyyyn", false],
    ["majority", "yyynna", true], ["majority", "yyynnn", false], ["majority", "yaaaaa", true], ["majority", "aaaaaa", false],
    ["qualified", "yyyynn", true], ["qualified", "yyyaaa", false], ["qualified", "yyyyaa", true], ["qualified", "yyyyna", true], ["qualified", "yyynnn", false],
  ];
  it.each(cases)("%s with %s passes: %s", (rule, votes, expected) => {
    expect(passes(rule, pattern(votes), 6)).toBe(expected);
  });

  it("counts absence as no vote at all: it blocks unanimity and a qualified majority, but not consensus", () => {
    const absent = { RU: "yes", AM: "yes", BY: "yes", KZ: "yes", KG: "absent", TJ: "absent" } as const;
    expect(passes("consensus", absent, 6)).toBe(true);
    expect(passes("majority", absent, 6)).toBe(true);
    expect(passes("qualified", absent, 6)).toBe(true);
    expect(passes("unanimity", absent, 6)).toBe(false);
    expect(passes("qualified", { ...absent, KZ: "absent" }, 6)).toBe(false);
  });
});

describe("rules on the table, and overrides", () => {
  it.each([
    ["consensus", "yyyyyn", "failed"], ["consensus", "yayyyy", "passed"],
    ["unanimity", "yayyyy", "failed"], ["majority", "yynnya", "passed"], ["qualified", "yynyyn", "passed"], ["qualified", "yynnya", "failed"],
  ] as const)("a %s ballot with %s is %s", (rule, p, result) => {
    const t = drafting({ "strategy-2025": rule });
    expect(t.state.rules["strategy-2025"]).toEqual({ rule, postponeRule: "qualified" });
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll(pattern(p));
    expect(t.state.ballots[0]).toMatchObject({ rule, result });
    expect(t.state.outcomes["strategy-2025"]).toBe(result === "passed" ? "adopted:core" : undefined);
  });

  it("keeps the scenario's rule for items not overridden, and the postpone rule for motions", () => {
    const t = drafting({ "secretary-general": "unanimity" });
    expect(t.state.rules["karabakh-statement"]).toEqual({ rule: "consensus", postponeRule: "majority" });
    t.as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
    t.advance();
    expect(t.state.ballots[0]!.rule).toBe("qualified");
    t.voteAll(pattern("ynyyyn"));
    expect(t.state.outcomes["secretary-general"]).toBe("postponed");
  });
});

describe("the order of ballots", () => {
  it("takes items in agenda order, motions to postpone first, then drafts in tabling order", () => {
    const t = drafting();
    t.as("TJ", { type: "propose", item: "missile-defence", option: "concern" });
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
    t.as("KZ", { type: "propose", item: "secretary-general", option: "khachaturov" });
    t.as("AM", { type: "propose", item: "secretary-general", option: "ohanyan" });
    t.as("BY", { type: "propose", item: "karabakh-statement", option: "postpone" });
    t.as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
    t.advance();
    expect(t.state.ballots).toHaveLength(1);
    expect(t.events.at(-1)).toMatchObject({ type: "ballot.opened", item: "secretary-general", option: "postpone", rule: "qualified" });
    expect(t.state.proposals.find((p) => p.status === "balloting")).toMatchObject({ sponsor: "RU", option: "postpone" });
    while (t.state.phase === "voting") t.voteAll(votes("no"));
    expect(t.state.ballots.map((b) => `${b.item}/${b.option}`)).toEqual([
      "secretary-general/postpone", "secretary-general/khachaturov", "secretary-general/ohanyan",
      "karabakh-statement/postpone", "karabakh-statement/firm", "missile-defence/concern",
    ]);
    expect(t.state.proposals.every((p) => p.status === "failed")).toBe(true);
    expect(t.state.outcomes).toEqual({});
  });
});

describe("deciding an item", () => {
  it("supersedes every other draft on the item once one passes", () => {
    const t = drafting();
    t.as("AM", { type: "propose", item: "secretary-general", option: "ohanyan" });
    t.as("KZ", { type: "propose", item: "secretary-general", option: "khachaturov" });
    t.as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll(votes("yes", { AM: "no" }));
    expect(t.events.filter((e) => e.type === "item.decided")).toEqual([{ type: "item.decided", item: "secretary-general", outcome: "postponed" }]);
    expect(t.state.proposals.map((p) => p.status)).toEqual(["superseded", "superseded", "adopted", "balloting"]);
    expect(t.state.ballots.at(-1)).toMatchObject({ item: "strategy-2025", result: "open" });
  });

  it("moves to results once the last ballot closes, and skips voting when nothing is tabled", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll(votes("yes"));
    expect(t.state.phase).toBe("results");
    expect(t.events.map((e) => e.type)).toEqual(["vote.cast", "ballot.closed", "item.decided", "phase.changed"]);
    while (t.state.phase !== "drafting") t.advance();
    t.advance();
    expect(t.state).toMatchObject({ round: 2, phase: "results" });
  });

  it("shifts relations: voting together draws closer, against each other pushes apart, abstaining neither", () => {
    const t = drafting();
    const before = { ...t.state.relations };
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll(votes("yes", { AM: "no", KG: "abstain" }));
    expect(t.state.relations["BY|RU"]).toBeCloseTo(before["BY|RU"]! + 0.02);
    expect(t.state.relations["AM|RU"]).toBeCloseTo(before["AM|RU"]! - 0.04);
    expect(t.state.relations["KG|RU"]).toBe(before["KG|RU"]);
  });
});

describe("absence and refusals", () => {
  it("counts a signatory who has not voted when the phase ends as abstaining, and lists it as lapsed", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.as("KZ", { type: "propose", item: "missile-defence", option: "concern" });
    t.advance().voteAll({ RU: "yes", BY: "yes", KZ: "abstain" });
    t.advance();
    expect(t.state.phase).toBe("results");
    expect(t.state.ballots).toHaveLength(1);
    expect(t.state.ballots[0]).toMatchObject({ result: "passed", votes: { RU: "yes", AM: "abstain", BY: "yes", KZ: "abstain", KG: "abstain", TJ: "abstain" }, lapsed: ["AM", "KG", "TJ"] });
  });

  it("does not wait for a delegation nobody sits at", () => {
    const t = new Table().seatAll();
    t.do("system", { type: "seat.leave", seat: "seat-tj" });
    t.start().advance().advance().as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll({ RU: "yes", AM: "yes", BY: "yes", KZ: "yes", KG: "yes" });
    expect(t.state.ballots[0]).toMatchObject({ result: "passed", votes: { TJ: "absent" } });
  });

  it("closes the ballot when the last delegation it waits for loses its only seat", () => {
    const t = new Table().seatAll().start().advance().advance();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll({ RU: "yes", AM: "yes", BY: "yes", KZ: "yes", KG: "yes" });
    expect(t.state.ballots[0]!.result).toBe("open");
    t.do("system", { type: "seat.leave", seat: "seat-tj" });
    expect(t.state.ballots[0]).toMatchObject({ result: "passed", votes: { TJ: "absent" } });
    expect(t.state.phase).toBe("results");
  });

  it("refuses double, late, unknown and out-of-phase votes", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
    expect(t.try("seat-ru", { type: "vote", ballot: "b1", choice: "yes" })).toMatchObject(refused("WRONG_PHASE"));
    t.advance();
    const first = t.ballot;
    t.as("RU", { type: "vote", ballot: first, choice: "yes" });
    expect(t.try("seat-ru", { type: "vote", ballot: first, choice: "no" })).toMatchObject(refused("ALREADY_VOTED"));
    expect(t.try("seat-ru", { type: "vote", ballot: "b999", choice: "no" })).toMatchObject(refused("NO_SUCH_BALLOT"));
    expect(t.try("seat-ru", { type: "vote", ballot: first, choice: "maybe" })).toMatchObject(refused("BAD_ACTION"));
    expect(t.try("host", { type: "vote", ballot: first, choice: "yes" })).toMatchObject(refused("NOT_SEATED"));
    t.voteAll({ AM: "yes", BY: "yes", KZ: "yes", KG: "yes", TJ: "yes" });
    expect(t.ballot).not.toBe(first);
    expect(t.try("seat-am", { type: "vote", ballot: first, choice: "no" })).toMatchObject(refused("BALLOT_CLOSED"));
  });
});
