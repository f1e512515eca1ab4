import { describe, expect, it } from "vitest";
import { Table, votes } from "../builders";

const refused = (error: string) => ({ ok: false, error });
const coreYes = { item: "strategy-2025", target: "core", vote: "yes" } as const;
/** Yerevan in round 1's consultations, with an Armenian advisor seated. */
function consulting(): Table {
  const t = new Table().seatAll();
  t.do("system", { type: "seat.join", seat: "am-advisor", name: "Advisor" });
  t.do("am-advisor", { type: "seat.pick", delegation: "AM" });
  return t.start().advance();
}
/** KZ offers KG "core yes for core yes" and KG accepts; returns the commitment id. */
function pact(t: Table): string {
  t.as("KZ", { type: "commit.offer", to: "KG", give: coreYes, want: coreYes, note: "Together on the strategy." });
  const id = t.state.commitments.at(-1)!.id;
  t.as("KG", { type: "commit.accept", commitment: id });
  return id;
}
const commitment = (t: Table, id: string) => t.state.commitments.find((c) => c.id === id)!;

describe("offering", () => {
  it("records an offer visible to both parties only", () => {
    const t = consulting();
    t.as("KZ", { type: "commit.offer", to: "KG", give: coreYes, want: { item: "secretary-general", target: "postpone", vote: "no" }, note: "Deal?" });
    const c = t.state.commitments[0]!;
    expect(c).toEqual({
      id: c.id, from: "KZ", to: "KG", give: coreYes, want: { item: "secretary-general", target: "postpone", vote: "no" },
      note: "Deal?", status: "offered", at: t.state.now, judged: { KZ: "untested", KG: "untested" },
    });
    expect(t.events).toEqual([{ type: "commitment.offered", to: ["KZ", "KG"], commitment: c }]);
    t.as("RU", { type: "commit.offer", to: "BY", give: coreYes, want: null });
    expect(t.state.commitments[1]!.judged).toEqual({ RU: "untested" });
  });

  it("refuses offers to oneself, to strangers, or about options that do not exist", () => {
    const t = consulting();
    const offer = (to: string, give: object, want: object | null = null) => t.try("seat-kz", { type: "commit.offer", to, give, want });
    expect(offer("KZ", coreYes)).toMatchObject(refused("NO_SUCH_DELEGATION"));
    expect(offer("UZ", coreYes)).toMatchObject(refused("NO_SUCH_DELEGATION"));
    expect(offer("KG", { ...coreYes, item: "nato" })).toMatchObject(refused("NO_SUCH_OPTION"));
    expect(offer("KG", coreYes, { ...coreYes, target: "firm" })).toMatchObject(refused("NO_SUCH_OPTION"));
    expect(offer("KG", { ...coreYes, vote: "maybe" })).toMatchObject(refused("BAD_ACTION"));
    expect(t.try("am-advisor", { type: "commit.offer", to: "KG", give: coreYes, want: null })).toMatchObject(refused("NOT_SIGNATORY"));
    expect(t.state.commitments).toEqual([]);
  });

  it("is possible from the opening to the vote, not in the lobby or at results", () => {
    const t = new Table().seatAll();
    const offer = { type: "commit.offer", to: "KG", give: coreYes, want: null };
    expect(t.try("seat-kz", offer)).toMatchObject(refused("NOT_RUNNING"));
    t.start();
    for (const phase of ["opening", "consultations", "drafting"]) {
      expect(t.state.phase).toBe(phase);
      expect(t.try("seat-kz", offer)).toMatchObject({ ok: true });
      if (phase === "drafting") t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
      t.advance();
    }
    expect(t.state.phase).toBe("voting");
    expect(t.try("seat-kz", offer)).toMatchObject({ ok: true });
    t.advance();
    expect(t.state.phase).toBe("results");
    expect(t.try("seat-kz", offer)).toMatchObject(refused("WRONG_PHASE"));
    expect(t.try("seat-kg", { type: "commit.accept", commitment: t.state.commitments[0]!.id })).toMatchObject(refused("WRONG_PHASE"));
  });
});

describe("answering", () => {
  it("lets only the addressee accept or decline, and only the offerer withdraw", () => {
    const t = consulting();
    t.as("KZ", { type: "commit.offer", to: "KG", give: coreYes, want: coreYes });
    const id = t.state.commitments[0]!.id;
    expect(t.try("seat-kz", { type: "commit.accept", commitment: id })).toMatchObject(refused("NOT_PARTY"));
    expect(t.try("seat-kz", { type: "commit.decline", commitment: id })).toMatchObject(refused("NOT_PARTY"));
    expect(t.try("seat-kg", { type: "commit.withdraw", commitment: id })).toMatchObject(refused("NOT_PARTY"));
    expect(t.try("seat-ru", { type: "commit.accept", commitment: id })).toMatchObject(refused("NO_SUCH_COMMITMENT"));
    expect(t.try("seat-kg", { type: "commit.accept", commitment: "c999" })).toMatchObject(refused("NO_SUCH_COMMITMENT"));
    t.as("KG", { type: "commit.decline", commitment: id });
    expect(t.events).toEqual([{ type: "commitment.declined", to: ["KZ", "KG"], commitment: id }]);
    expect(commitment(t, id).status).toBe("declined");
    expect(t.try("seat-kg", { type: "commit.accept", commitment: id })).toMatchObject(refused("COMMITMENT_SETTLED"));
    expect(t.try("seat-kz", { type: "commit.withdraw", commitment: id })).toMatchObject(refused("COMMITMENT_SETTLED"));
  });

  it("withdraws an open offer, which then cannot be accepted", () => {
    const t = consulting();
    t.as("AM", { type: "commit.offer", to: "RU", give: { item: "missile-defence", target: "concern", vote: "yes" }, want: null });
    const id = t.state.commitments[0]!.id;
    expect(t.try("am-advisor", { type: "commit.withdraw", commitment: id })).toMatchObject(refused("NOT_SIGNATORY"));
    t.as("AM", { type: "commit.withdraw", commitment: id });
    expect(commitment(t, id).status).toBe("withdrawn");
    expect(t.try("seat-ru", { type: "commit.accept", commitment: id })).toMatchObject(refused("COMMITMENT_SETTLED"));
  });
});

describe("judging pledges at the ballot", () => {
  it("judges each party by its vote on the pledged ballot and shifts their relation", () => {
    const t = consulting();
    const id = pact(t);
    const before = t.state.relations["KG|KZ"]!;
    t.advance().as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll(votes("yes", { KG: "no" }));
    expect(commitment(t, id).judged).toEqual({ KZ: "kept", KG: "broken" });
    // -0.04 for voting against each other, +0.05 for KZ's kept pledge, -0.15 for KG's broken one
    expect(t.state.relations["KG|KZ"]).toBeCloseTo(before - 0.04 + 0.05 - 0.15, 4);
    expect(t.events.filter((e) => e.type === "commitment.judged")).toEqual([
      { type: "commitment.judged", to: ["KZ", "KG"], commitment: id, party: "KZ", verdict: "kept" },
      { type: "commitment.judged", to: ["KZ", "KG"], commitment: id, party: "KG", verdict: "broken" },
    ]);
  });

  it("leaves pledges untested by ballots on other options, and never judges unaccepted offers", () => {
    const t = consulting();
    const id = pact(t);
    t.as("TJ", { type: "commit.offer", to: "RU", give: { item: "strategy-2025", target: "expanded", vote: "yes" }, want: null });
    const open = t.state.commitments.at(-1)!.id;
    t.advance().as("TJ", { type: "propose", item: "strategy-2025", option: "expanded" });
    t.advance().voteAll(votes("yes", { RU: "no" }));
    expect(commitment(t, id).judged).toEqual({ KZ: "untested", KG: "untested" });
    expect(commitment(t, open).judged).toEqual({ TJ: "untested" });
  });

  it("judges pledges on motions to postpone, and counts absence as breaking", () => {
    const t = consulting();
    t.as("AM", { type: "commit.offer", to: "RU", give: { item: "secretary-general", target: "postpone", vote: "no" }, want: { item: "karabakh-statement", target: "balanced", vote: "yes" } });
    const id = t.state.commitments[0]!.id;
    t.as("RU", { type: "commit.accept", commitment: id });
    t.advance().as("RU", { type: "propose", item: "secretary-general", option: "postpone" });
    t.as("AM", { type: "propose", item: "karabakh-statement", option: "balanced" });
    t.advance().voteAll(votes("yes", { AM: "no" }));
    expect(commitment(t, id).judged).toEqual({ AM: "kept", RU: "untested" });
    t.advance(); // the statement's ballot closes with nobody having voted
    expect(commitment(t, id).judged).toEqual({ AM: "kept", RU: "broken" });
  });

  it("keeps a broken pledge broken when it is later honoured", () => {
    const t = consulting();
    const id = pact(t);
    t.advance().as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll(votes("yes", { KG: "no" }));
    while (t.state.phase !== "drafting") t.advance();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    const rel = t.state.relations["KG|KZ"]!;
    t.advance().voteAll(votes("yes"));
    expect(commitment(t, id).judged).toEqual({ KZ: "kept", KG: "broken" });
    expect(t.events.some((e) => e.type === "commitment.judged")).toBe(false);
    expect(t.state.relations["KG|KZ"]).toBeCloseTo(rel + 0.02, 4);
  });
});

describe("reputation in the final scores", () => {
  it("is the share of tested pledges kept, 1 for those never tested", () => {
    const t = consulting();
    pact(t);
    t.as("TJ", { type: "commit.offer", to: "KG", give: coreYes, want: null });
    t.as("KG", { type: "commit.accept", commitment: t.state.commitments.at(-1)!.id });
    t.as("BY", { type: "commit.offer", to: "KG", give: { ...coreYes, vote: "no" }, want: null }); // never accepted
    t.advance().as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance().voteAll(votes("yes", { KG: "no", BY: "yes" }));
    t.do("host", { type: "host.end" });
    const scores = t.state.result!.scores;
    expect(scores["KZ"]!.reputation).toBe(1);
    expect(scores["TJ"]!.reputation).toBe(1);
    expect(scores["KG"]!.reputation).toBe(0);
    expect(scores["BY"]!.reputation).toBe(1);
    expect(scores["RU"]!.reputation).toBe(1);
  });
});
