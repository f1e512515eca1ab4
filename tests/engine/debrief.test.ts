/** The debrief's pure computations: scores per item, outcomes beside history, agreement, commitments, network. */
import { describe, expect, it } from "vitest";
import { debriefOf, degreeCentralization, negotiationNetwork, toCsv, voteAgreement } from "../../shared/debrief";
import { inventedOf } from "../../shared/invented";
import { dmChannel } from "../../shared/rules/channels";
import { scenarios } from "../../shared/scenarios";
import { historicalYerevan, Table } from "../builders";

const edges = (pairs: [string, string, number?][]) => pairs.map(([a, b, w]) => ({ a, b, weight: w ?? 1 }));
const SIX = ["RU", "AM", "BY", "KZ", "KG", "TJ"];

describe("degree centralization (Freeman)", () => {
  it("is 1 for a star, 0 for a complete graph or a ring, 0 with no links", () => {
    expect(degreeCentralization(SIX, edges(SIX.slice(1).map((d) => ["RU", d])))).toBe(1);
    const complete = SIX.flatMap((a, i) => SIX.slice(i + 1).map((b): [string, string] => [a, b]));
    expect(degreeCentralization(SIX, edges(complete))).toBe(0);
    const ring = SIX.map((a, i): [string, string] => [a, SIX[(i + 1) % 6]!]);
    expect(degreeCentralization(SIX, edges(ring))).toBe(0);
    expect(degreeCentralization(SIX, [])).toBe(0);
    expect(degreeCentralization(["A", "B"], edges([["A", "B"]]))).toBe(0);
  });

  it("matches the textbook value for a path of four, and a weighted star is still 1", () => {
    // Path A-B-C-D: degrees 1,2,2,1; max 2; sum of gaps 2; (n-1)(n-2) = 6.
    expect(degreeCentralization(["A", "B", "C", "D"], edges([["A", "B"], ["B", "C"], ["C", "D"]]))).toBe(0.333);
    expect(degreeCentralization(SIX, edges(SIX.slice(1).map((d) => ["RU", d, 7])))).toBe(1);
    // A star whose spokes carry unequal traffic is less than a perfect star.
    const uneven = degreeCentralization(SIX, edges(SIX.slice(1).map((d, i) => ["RU", d, i + 1])));
    expect(uneven).toBeGreaterThan(0.4);
    expect(uneven).toBeLessThan(1);
  });
});

describe("debrief of the historical Yerevan summit", () => {
  const t = historicalYerevan();
  const d = debriefOf(t.state);

  it("outcomes sit beside the historical ones, and all match", () => {
    const byItem = Object.fromEntries(d.outcomes.map((o) => [o.item, o]));
    expect(byItem["karabakh-statement"]).toMatchObject({ outcome: "rejected", historical: "rejected", matches: true });
    expect(byItem["secretary-general"]).toMatchObject({ outcome: "postponed", historical: "postponed", matches: true });
    expect(byItem["strategy-2025"]).toMatchObject({ outcome: "adopted:core", matches: true });
    // Invented, never on the real agenda: its history is "not adopted", written as postponed.
    expect(byItem["missile-defence"]).toMatchObject({ historical: "postponed", matches: true });
  });

  it("scores each delegation per item against the best it could have had", () => {
    const am = d.scores.find((x) => x.delegation === "AM")!;
    expect(am.priority).toBe(t.state.result!.scores.AM!.priority);
    const statement = am.perItem.find((x) => x.item === "karabakh-statement")!;
    expect(statement).toMatchObject({ outcome: "rejected", bestOutcome: "adopted:firm" });
    expect(statement.got).toBeLessThan(statement.best);
    expect(d.scores.filter((x) => x.winner).map((x) => x.delegation)).toEqual(t.state.result!.winners);
  });

  it("vote agreement: symmetric, 1 on the diagonal, Armenia alone against the postponement", () => {
    const a = voteAgreement(t.state);
    const i = (x: string) => a.delegations.indexOf(x);
    expect(a.share[i("RU")]![i("RU")]).toBe(1);
    expect(a.share[i("RU")]![i("BY")]).toBe(a.share[i("BY")]![i("RU")]);
    expect(a.ballots[i("RU")]![i("AM")]).toBe(3);
    // RU and BY voted alike on all three ballots; RU and AM on one only (the strategy).
    expect(a.share[i("RU")]![i("BY")]).toBe(1);
    expect(a.share[i("RU")]![i("AM")]).toBe(0.333);
  });

  it("commitments: Kazakhstan and Kyrgyzstan both kept their pledge on the strategy", () => {
    expect(d.commitments.KZ).toMatchObject({ offered: 1, accepted: 1, kept: 1, broken: 0 });
    expect(d.commitments.KG).toMatchObject({ received: 1, accepted: 1, kept: 1 });
    expect(d.commitments.RU).toMatchObject({ offered: 0, kept: 0 });
  });

  it("network: private lines and pledges become weighted links", () => {
    const n = negotiationNetwork(t.state);
    expect(n.edges).toEqual(expect.arrayContaining([
      { a: "AM", b: "RU", messages: 2, commitments: 0, weight: 2 },
      { a: "KG", b: "KZ", messages: 0, commitments: 1, weight: 1 },
    ]));
    expect(n.hub).toBe("RU"); // tied with AM on strength 2: the first in scenario order
    expect(n.nodes.find((x) => x.id === "RU")).toMatchObject({ degree: 1, strength: 2, messages: 1 });
    expect(n.centralization).toBeGreaterThanOrEqual(0);
    expect(n.centralization).toBeLessThanOrEqual(1);
  });

  it("lists what the scenario invented, with reasons and what became of each", () => {
    const all = debriefOf(t.state, scenarios["yerevan-2016"]!.events).invented;
    const row = (kind: string, id: string) => all.find((r) => r.kind === kind && r.id === id);
    expect(row("item", "missile-defence")).toMatchObject({ title: "Declaration on missile defence in Europe", outcome: "postponed", reason: expect.stringContaining("agenda") });
    // Armenia tabled the invented firm wording and it failed; nobody tabled Khachaturov.
    expect(row("option", "firm")).toMatchObject({ item: "karabakh-statement", tabled: true, adopted: false });
    expect(row("option", "khachaturov")).toMatchObject({ item: "secretary-general", tabled: false, adopted: false });
    // The scripted warning from Baku broke in round 1; the host injected nothing.
    expect(row("event", "baku-warning")).toMatchObject({ fired: true });
    expect(row("event", "aegis-ashore")).toMatchObject({ fired: false, reason: expect.stringContaining("May 2016") });
    expect(all.every((r) => r.reason.length > 0)).toBe(true);
    // Items first in agenda order, then events; nothing historical among them.
    expect(all.findIndex((r) => r.kind === "event")).toBeGreaterThan(all.findLastIndex((r) => r.kind !== "event"));
    expect(all.map((r) => r.id)).not.toEqual(expect.arrayContaining(["core"]));
    expect(all.map((r) => r.id)).not.toContain("ohanyan-demurs");
  });

  it("without the scenario's events it still lists invented events that have not broken", () => {
    const ids = d.invented.filter((r) => r.kind === "event").map((r) => r.id);
    expect(ids).toContain("aegis-ashore");
    expect(ids).not.toContain("baku-warning"); // broke, so the state no longer holds it
    expect(inventedOf(t.state).length).toBe(d.invented.length);
  });

  it("a summit whose talk all runs through Russia is a perfect star", () => {
    const s = new Table().seatAll().start();
    s.advance();
    for (const d of ["AM", "BY", "KZ", "KG", "TJ"]) s.as(d, { type: "say", channel: dmChannel(d, "RU"), text: "Moscow, a word." });
    const n = negotiationNetwork(s.state);
    expect(n.hub).toBe("RU");
    expect(n.centralization).toBe(1);
    expect(n.binaryCentralization).toBe(1);
  });
});

describe("CSV", () => {
  it("quotes what needs quoting", () => {
    expect(toCsv([["a", 1, null], ['say "hi", then', true, 0.5]])).toBe('a,1,\r\n"say ""hi"", then",true,0.5\r\n');
  });
});
