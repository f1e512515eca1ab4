/** The debrief's reflection questions: generic ones always, and ones drawn from the session's own record. */
import { describe, expect, it } from "vitest";
import { reflectionPrompts, type ReflectionPrompt } from "../../shared/reflectionPrompts";
import { historicalYerevan, Table } from "../builders";

const about = (ps: ReflectionPrompt[], topic: ReflectionPrompt["topic"]) => ps.filter((p) => p.topic === topic).map((p) => p.text).join("\n");

/** The tutorial's one item put to the vote: Russia's draft, Belarus alone against it, after promising Russia a yes. */
function loneObjection(): Table {
  const t = new Table("tutorial").seatAll().start();
  t.advance(); // consultations
  t.as("BY", { type: "commit.offer", to: "RU", give: { item: "exercise", target: "russia", vote: "yes" }, want: null });
  t.as("RU", { type: "commit.accept", commitment: t.state.commitments.at(-1)!.id });
  t.as("RU", { type: "say", channel: "dm:BY-RU", text: "Minsk, we count on you." });
  t.as("TJ", { type: "say", channel: "dm:RU-TJ", text: "Dushanbe will go along with Moscow." });
  t.advance(); // drafting
  t.as("RU", { type: "propose", item: "exercise", option: "russia" });
  t.advance(); // voting
  t.voteAll({ RU: "yes", BY: "no", TJ: "yes" });
  while (t.state.status !== "ended") t.advance();
  return t;
}

describe("reflection prompts", () => {
  it("before the end: only the generic questions", () => {
    const t = new Table("yerevan-2016").seatAll().start();
    const ps = reflectionPrompts(t.state);
    expect(ps.length).toBeGreaterThanOrEqual(3);
    expect(ps.every((p) => p.kind === "generic")).toBe(true);
    expect(about(ps, "network")).toMatch(/star/);
    expect(about(ps, "consensus")).toMatch(/consensus/i);
  });

  it("after the historical Yerevan summit: the postponed appointment, the blocked statement, the one adopted strategy, the kept promise", () => {
    const ps = reflectionPrompts(historicalYerevan().state);
    expect(ps.some((p) => p.kind === "session")).toBe(true);
    expect(ps.some((p) => p.kind === "generic")).toBe(true);
    expect(about(ps, "postponed")).toContain("Appointment of the secretary-general");
    expect(about(ps, "postponed")).toContain("December in Moscow");
    expect(about(ps, "rejected")).toContain("Joint statement on Nagorno-Karabakh");
    expect(about(ps, "adopted")).toContain("Collective security strategy to 2025 was the only item adopted");
    expect(about(ps, "commitments")).toMatch(/kept \(2\)/);
    expect(about(ps, "history")).toContain("all 4 items");
    // Armenia objected once (to the postponement); Russia, Belarus and Kazakhstan once each (to the statement).
    expect(about(ps, "objections")).toMatch(/^Russia, Armenia, Belarus and Kazakhstan voted no more than anyone \(once each\)\./);
  });

  it("names the lone objector who blocked an item under consensus, and the promise it broke doing so", () => {
    const ps = reflectionPrompts(loneObjection().state);
    expect(about(ps, "objections")).toContain("Belarus voted no more than anyone (once)");
    expect(about(ps, "objections")).toContain("A lone objection from Belarus blocked a text on Where to hold next year's joint exercise.");
    expect(about(ps, "rejected")).toContain("Where to hold next year's joint exercise");
    expect(about(ps, "commitments")).toContain("1 promise was broken");
    expect(about(ps, "commitments")).toContain("Belarus broke the most");
    expect(about(ps, "network")).toContain("ran through Russia");
    expect(about(ps, "adopted")).toContain("Nothing was adopted");
  });

  it("lists several lone objectors in the scenario's order, each item once", () => {
    const t = new Table("tutorial").seatAll().start();
    t.advance().advance(); // drafting
    t.as("RU", { type: "propose", item: "exercise", option: "russia" });
    t.as("BY", { type: "propose", item: "exercise", option: "belarus" });
    t.advance(); // voting: Russia's draft, then Belarus's
    t.voteAll({ RU: "yes", BY: "no", TJ: "yes" });
    t.voteAll({ RU: "no", BY: "yes", TJ: "abstain" });
    while (t.state.status !== "ended") t.advance();
    const text = about(reflectionPrompts(t.state), "objections");
    expect(text).toContain("Russia and Belarus voted no more than anyone (once each).");
    expect(text).toContain("Lone objections blocked texts: Russia on Where to hold next year's joint exercise; Belarus on Where to hold next year's joint exercise.");
  });

  it("is deterministic and never repeats a topic from the session's record", () => {
    const s = loneObjection().state;
    expect(reflectionPrompts(s)).toEqual(reflectionPrompts(s));
    const topics = reflectionPrompts(s).map((p) => p.topic);
    expect(new Set(topics).size).toBe(topics.length);
  });
});
