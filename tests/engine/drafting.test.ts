import { describe, expect, it } from "vitest";
import { Table, votes } from "../builders";

const refused = (error: string) => ({ ok: false, error });
/** Yerevan in round 1's drafting phase, with an Armenian advisor seated. */
function drafting(): Table {
  const t = new Table().seatAll();
  t.do("system", { type: "seat.join", seat: "am-advisor", name: "Advisor" });
  t.do("am-advisor", { type: "seat.pick", delegation: "AM" });
  return t.start().advance().advance();
}
const draft = (t: Table, id: string) => t.state.proposals.find((p) => p.id === id)!;

describe("tabling drafts", () => {
  it("tables a text with its sponsor, note and round", () => {
    const t = drafting();
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm", note: "An attack on one is an attack on all." });
    const p = t.state.proposals[0]!;
    expect(p).toEqual({
      id: p.id, item: "karabakh-statement", option: "firm", sponsor: "AM", cosponsors: [],
      note: "An attack on one is an attack on all.", amendments: [], status: "tabled", round: 1,
    });
    expect(p.id).toMatch(/^p\d+$/);
    expect(t.events).toEqual([{ type: "proposal.tabled", proposal: p }]);
  });

  it("tables a motion to postpone, one draft per item and delegation", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
    expect(t.state.proposals[0]).toMatchObject({ option: "postpone", sponsor: "RU", note: "" });
    expect(t.try("seat-ru", { type: "propose", item: "secretary-general", option: "bordyuzha" })).toMatchObject(refused("ALREADY_PROPOSED"));
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.as("AM", { type: "propose", item: "secretary-general", option: "ohanyan" });
    expect(t.state.proposals.map((p) => `${p.sponsor}:${p.item}:${p.option}`)).toEqual([
      "RU:secretary-general:postpone", "RU:strategy-2025:core", "AM:secretary-general:ohanyan",
    ]);
  });

  it("refuses unknown items and options", () => {
    const t = drafting();
    expect(t.try("seat-am", { type: "propose", item: "nato-membership", option: "yes" })).toMatchObject(refused("NO_SUCH_ITEM"));
    expect(t.try("seat-am", { type: "propose", item: "karabakh-statement", option: "ohanyan" })).toMatchObject(refused("NO_SUCH_OPTION"));
    expect(t.try("seat-am", { type: "propose", item: "karabakh-statement", option: "" })).toMatchObject(refused("BAD_ACTION"));
    expect(t.state.proposals).toEqual([]);
  });

  it("refuses an item already decided in an earlier round", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll(votes("yes"));
    while (t.state.phase !== "drafting") t.advance();
    expect(t.state.round).toBe(2);
    expect(t.try("seat-kz", { type: "propose", item: "strategy-2025", option: "expanded" })).toMatchObject(refused("ITEM_DECIDED"));
    expect(t.try("seat-kz", { type: "propose", item: "strategy-2025", option: "postpone" })).toMatchObject(refused("ITEM_DECIDED"));
  });
});

describe("amendments", () => {
  it("lets any signatory offer one and only the sponsor accept it, which changes the text", () => {
    const t = drafting();
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
    const id = t.state.proposals[0]!.id;
    t.as("KZ", { type: "amend", proposal: id, option: "balanced", note: "Soften it." });
    const m = draft(t, id).amendments[0]!;
    expect(m).toEqual({ id: m.id, by: "KZ", option: "balanced", note: "Soften it.", status: "pending" });
    expect(t.events).toEqual([{ type: "amendment.offered", proposal: id, amendment: m }]);
    expect(t.try("seat-kz", { type: "amendment.accept", amendment: m.id })).toMatchObject(refused("NOT_SPONSOR"));
    expect(t.try("am-advisor", { type: "amendment.accept", amendment: m.id })).toMatchObject(refused("NOT_SIGNATORY"));
    t.as("AM", { type: "amendment.accept", amendment: m.id });
    expect(draft(t, id)).toMatchObject({ option: "balanced", sponsor: "AM", amendments: [{ id: m.id, status: "accepted" }] });
    expect(t.events).toEqual([{ type: "amendment.accepted", proposal: id, amendment: m.id, option: "balanced" }]);
    expect(t.try("seat-am", { type: "amendment.reject", amendment: m.id })).toMatchObject(refused("NO_SUCH_AMENDMENT"));
  });

  it("keeps the text when the sponsor rejects", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: "missile-defence", option: "condemn" });
    const id = t.state.proposals[0]!.id;
    t.as("KZ", { type: "amend", proposal: id, option: "concern" });
    const m = draft(t, id).amendments[0]!.id;
    expect(t.try("seat-kz", { type: "amendment.reject", amendment: m })).toMatchObject(refused("NOT_SPONSOR"));
    t.as("RU", { type: "amendment.reject", amendment: m });
    expect(draft(t, id)).toMatchObject({ option: "condemn", amendments: [{ status: "rejected" }] });
    expect(t.try("seat-ru", { type: "amendment.accept", amendment: "a999" })).toMatchObject(refused("NO_SUCH_AMENDMENT"));
  });

  it("refuses amending to the same text, to postpone, or a motion to postpone", () => {
    const t = drafting();
    t.as("AM", { type: "propose", item: "secretary-general", option: "ohanyan" });
    t.as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
    const [text, motion] = t.state.proposals.map((p) => p.id);
    expect(t.try("seat-kz", { type: "amend", proposal: text, option: "ohanyan" })).toMatchObject(refused("NO_SUCH_OPTION"));
    expect(t.try("seat-kz", { type: "amend", proposal: text, option: "postpone" })).toMatchObject(refused("NO_SUCH_OPTION"));
    expect(t.try("seat-kz", { type: "amend", proposal: text, option: "firm" })).toMatchObject(refused("NO_SUCH_OPTION"));
    expect(t.try("seat-kz", { type: "amend", proposal: motion, option: "bordyuzha" })).toMatchObject(refused("NO_SUCH_OPTION"));
    expect(t.try("seat-kz", { type: "amend", proposal: "p999", option: "bordyuzha" })).toMatchObject(refused("NO_SUCH_PROPOSAL"));
  });
});

describe("co-sponsoring and withdrawing", () => {
  it("adds co-sponsors once each, never the sponsor", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    const id = t.state.proposals[0]!.id;
    t.as("BY", { type: "cosponsor", proposal: id });
    expect(t.events).toEqual([{ type: "proposal.cosponsored", proposal: id, delegation: "BY" }]);
    t.as("KG", { type: "cosponsor", proposal: id });
    expect(draft(t, id).cosponsors).toEqual(["BY", "KG"]);
    expect(t.try("seat-by", { type: "cosponsor", proposal: id })).toMatchObject(refused("ALREADY_SPONSOR"));
    expect(t.try("seat-ru", { type: "cosponsor", proposal: id })).toMatchObject(refused("ALREADY_SPONSOR"));
    expect(t.try("seat-by", { type: "cosponsor", proposal: "p999" })).toMatchObject(refused("NO_SUCH_PROPOSAL"));
  });

  it("lets only the sponsor withdraw, after which the draft is dead and the sponsor may table again", () => {
    const t = drafting();
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
    const id = t.state.proposals[0]!.id;
    expect(t.try("seat-ru", { type: "withdraw", proposal: id })).toMatchObject(refused("NOT_SPONSOR"));
    t.as("AM", { type: "withdraw", proposal: id });
    expect(t.events).toEqual([{ type: "proposal.withdrawn", proposal: id }]);
    expect(draft(t, id).status).toBe("withdrawn");
    for (const a of [{ type: "withdraw", proposal: id }, { type: "cosponsor", proposal: id }, { type: "amend", proposal: id, option: "balanced" }]) {
      expect(t.try(a.type === "withdraw" ? "seat-am" : "seat-kz", a)).toMatchObject(refused("NO_SUCH_PROPOSAL"));
    }
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "balanced" });
    // A withdrawn draft is never put to the vote.
    t.advance();
    expect(t.state.ballots.map((b) => b.option)).toEqual(["balanced"]);
  });
});

describe("who may draft, and when", () => {
  it("refuses drafting outside the drafting phase", () => {
    const t = new Table().seatAll();
    const propose = { type: "propose", item: "strategy-2025", option: "core" };
    expect(t.try("seat-ru", propose)).toMatchObject(refused("NOT_RUNNING"));
    t.start();
    expect(t.try("seat-ru", propose)).toMatchObject(refused("WRONG_PHASE"));
    t.advance();
    expect(t.try("seat-ru", propose)).toMatchObject(refused("WRONG_PHASE"));
    t.advance().as("RU", propose);
    const id = t.state.proposals[0]!.id;
    t.as("KZ", { type: "amend", proposal: id, option: "expanded" });
    const m = t.state.proposals[0]!.amendments[0]!.id;
    t.advance();
    expect(t.state.phase).toBe("voting");
    for (const a of [propose, { type: "amend", proposal: id, option: "expanded" }, { type: "cosponsor", proposal: id }, { type: "withdraw", proposal: id }, { type: "amendment.accept", amendment: m }]) {
      expect(t.try("seat-ru", a)).toMatchObject(refused("WRONG_PHASE"));
    }
    t.do("host", { type: "host.pause" });
    expect(t.try("seat-ru", propose)).toMatchObject(refused("NOT_RUNNING"));
  });

  it("refuses advisors, unseated seats and the host", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    const id = t.state.proposals[0]!.id;
    for (const a of [{ type: "propose", item: "strategy-2025", option: "expanded" }, { type: "cosponsor", proposal: id }, { type: "amend", proposal: id, option: "expanded" }]) {
      expect(t.try("am-advisor", a)).toMatchObject(refused("NOT_SIGNATORY"));
    }
    t.do("system", { type: "seat.join", seat: "guest", name: "Guest" });
    expect(t.try("guest", { type: "cosponsor", proposal: id })).toMatchObject(refused("NOT_SEATED"));
    expect(t.try("host", { type: "cosponsor", proposal: id })).toMatchObject(refused("NOT_SEATED"));
    expect(t.state.proposals).toHaveLength(1);
  });
});
