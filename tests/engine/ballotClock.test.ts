import { describe, expect, it } from "vitest";
import { legalActions } from "../../shared/legalActions";
import { nextDeadline, objectionsUsed } from "../../shared/rules/ballots";
import { seatOf, Table, votes } from "../builders";

const SEC = 1000;
const refused = (error: string) => ({ ok: false, error });
const tick = (t: Table, at: number) => t.try("system", { type: "clock.tick" }, at);

/** Yerevan in round 1's voting phase with three drafts queued (hand-paced phases: only ballots keep time). */
function voting(): Table {
  const t = new Table().seatAll().start().advance().advance();
  t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
  t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
  t.as("BY", { type: "propose", item: "karabakh-statement", option: "balanced" });
  return t.advance();
}

describe("every ballot keeps its own time", () => {
  it("opens with a deadline; the clock closes it there, counting silence as abstention, and the queue moves on", () => {
    const t = voting();
    const first = t.state.ballots[0]!;
    expect(first.closesAt).toBe(first.openedAt + t.state.scenario.ballotSeconds * SEC);
    expect(nextDeadline(t.state)).toBe(first.closesAt);
    // Agenda order: the Karabakh statement (firm, then balanced) comes before the strategy.
    expect(first).toMatchObject({ item: "karabakh-statement", option: "firm" });
    t.as("RU", { type: "vote", ballot: first.id, choice: "yes" });
    t.as("BY", { type: "vote", ballot: first.id, choice: "yes" });
    expect(tick(t, first.closesAt! - 1)).toMatchObject(refused("TOO_EARLY"));
    expect(tick(t, first.closesAt!)).toMatchObject({ ok: true });
    const closed = t.state.ballots[0]!;
    expect(closed).toMatchObject({ result: "passed", lapsed: ["AM", "KZ", "KG", "TJ"], votes: { RU: "yes", BY: "yes", AM: "abstain", TJ: "abstain" } });
    expect(t.state.outcomes["karabakh-statement"]).toBe("adopted:firm");
    // The next draft is up at once, with a fresh clock: one silent signatory cannot stall the queue.
    const next = t.state.ballots[1]!;
    expect(next).toMatchObject({ result: "open", item: "strategy-2025", option: "core" });
    expect(next.closesAt).toBe(first.closesAt! + t.state.scenario.ballotSeconds * SEC);
    expect(t.events.map((e) => e.type)).toEqual(["ballot.closed", "item.decided", "ballot.opened"]);
  });

  it("runs a whole voting phase on the clock alone when nobody votes, then moves to results", () => {
    const t = voting();
    for (let i = 0; i < 5 && t.state.phase === "voting"; i++) expect(tick(t, nextDeadline(t.state)!)).toMatchObject({ ok: true });
    expect(t.state.phase).toBe("results");
    // Abstentions alone pass nothing under consensus: the two statements failed, the strategy too.
    expect(t.state.ballots.map((b) => [b.result, b.lapsed.length])).toEqual([["failed", 6], ["failed", 6], ["failed", 6]]);
  });

  it("holds a ballot's clock while the summit is paused and gives back the time it had left", () => {
    const t = voting();
    const b = t.state.ballots[0]!;
    t.do("host", { type: "host.pause" }, b.openedAt + 20 * SEC);
    expect(t.state.ballots[0]).toMatchObject({ closesAt: null, remaining: b.closesAt! - b.openedAt - 20 * SEC });
    expect(nextDeadline(t.state)).toBeNull();
    expect(tick(t, b.closesAt! + 60 * SEC)).toMatchObject(refused("NOT_RUNNING"));
    t.do("host", { type: "host.resume" }, b.openedAt + 500 * SEC);
    expect(t.state.ballots[0]).toMatchObject({ result: "open", closesAt: b.openedAt + 500 * SEC + 40 * SEC, remaining: null });
  });

  it("under a timed preset, the phase deadline still ends voting if it comes first", () => {
    const t = new Table("yerevan-2016", "45").seatAll().start().advance().advance();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance();
    const phaseEnds = t.state.clock.endsAt!;
    const b = t.state.ballots[0]!;
    expect(nextDeadline(t.state)).toBe(Math.min(phaseEnds, b.closesAt!));
    t.voteAll(votes("yes"));
    expect(t.state.phase).toBe("results");
  });
});

describe("objections are limited and counted", () => {
  it("a delegation out of objections may still vote yes or abstain, and 'no' under majority is not an objection", () => {
    const t = new Table().seatAll().start().advance().advance();
    // A scenario with a single objection makes the limit easy to reach.
    t.state = { ...t.state, scenario: { ...t.state.scenario, objections: 1 } };
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
    t.as("KG", { type: "propose", item: "karabakh-statement", option: "postpone" });
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.as("BY", { type: "propose", item: "strategy-2025", option: "expanded" });
    t.advance();
    // The motion to postpone the statement comes first, under majority: a "no" is an ordinary vote.
    expect(t.state.ballots.at(-1)).toMatchObject({ option: "postpone", rule: "majority" });
    t.voteAll(votes("no", { KG: "yes" }));
    expect(objectionsUsed(t.state, "KZ")).toBe(0);
    t.voteAll(votes("yes", { KZ: "no" })); // KZ objects to the firm statement: its one objection
    expect(objectionsUsed(t.state, "KZ")).toBe(1);
    expect(t.state.ballots.at(-2)).toMatchObject({ option: "firm", result: "failed" });
    const core = t.ballot;
    const kzVotes = legalActions(t.state, seatOf("KZ")).filter((a) => a.type === "vote").map((a) => (a as { choice: string }).choice);
    expect(kzVotes).toEqual(["yes", "abstain"]);
    expect(t.try(seatOf("KZ"), { type: "vote", ballot: core, choice: "no" })).toMatchObject(refused("NO_OBJECTIONS_LEFT"));
    expect(t.try(seatOf("KZ"), { type: "vote", ballot: core, choice: "abstain" })).toMatchObject({ ok: true });
  });
});
