import { describe, expect, it } from "vitest";
import type { GameEvent } from "../../shared/state";
import { canRead, canSee, type Viewer, viewFor } from "../../shared/viewFor";
import { scenarioPriority, Table } from "../builders";

const AM: Viewer = { kind: "delegation", delegation: "AM", seat: "seat-am" };
const HOST: Viewer = { kind: "host" };
const SPECTATOR: Viewer = { kind: "spectator" };
const REVIEW: Viewer = { kind: "review" };
const SECRETS = ["Moscow, carry the firm text", "Baku will not like it", "Minsk and Astana talk", "Russian caucus only", "Armenian caucus only"];

/** Yerevan in consultations with traffic on every kind of channel and two commitments. */
function busy(): Table {
  const t = new Table().seatAll().start();
  t.as("AM", { type: "say", channel: "public", text: "Armenia expects solidarity." });
  t.advance();
  t.as("AM", { type: "say", channel: "dm:AM-RU", text: SECRETS[0]! });
  t.as("RU", { type: "say", channel: "dm:AM-RU", text: SECRETS[1]! });
  t.as("BY", { type: "say", channel: "dm:BY-KZ", text: SECRETS[2]! });
  t.as("RU", { type: "say", channel: "team:RU", text: SECRETS[3]! });
  t.as("AM", { type: "say", channel: "team:AM", text: SECRETS[4]! });
  t.as("AM", { type: "commit.offer", to: "RU", give: { item: "missile-defence", target: "concern", vote: "yes" }, want: null });
  t.as("BY", { type: "commit.offer", to: "KZ", give: { item: "karabakh-statement", target: "firm", vote: "no" }, want: null });
  return t;
}
const texts = (v: ReturnType<typeof viewFor>) => v.messages.map((m) => m.text);

describe("a delegation's view", () => {
  it("shows its own priorities, current after events, and nobody else's", () => {
    const t = busy();
    const v = viewFor(t.state, AM);
    expect(v.delegations["AM"]!.priorities).toEqual(t.state.delegations["AM"]!.priorities);
    expect(viewFor(t.state, { kind: "delegation", delegation: "BY" }).delegations["BY"]!.priorities!["karabakh-statement"]!["adopted:firm"]).toBe(scenarioPriority("yerevan-2016", "BY", "karabakh-statement", "adopted:firm", "baku-warning"));
    for (const d of ["RU", "BY", "KZ", "KG", "TJ"]) expect(v.delegations[d]).toEqual({ signatory: `seat-${d.toLowerCase()}`, spoke: false, speeches: 0 });
    for (const d of v.scenario.delegations) expect(d).not.toHaveProperty("priorities");
    expect(v).not.toHaveProperty("pendingEvents");
    expect(v).not.toHaveProperty("rng");
    expect(v.viewer).toEqual(AM);
  });

  it("shows the public floor, its own private lines and caucus, and its own commitments", () => {
    const v = viewFor(busy().state, AM);
    expect(texts(v)).toEqual(["Armenia expects solidarity.", SECRETS[0], SECRETS[1], SECRETS[4]]);
    expect(v.commitments.map((c) => `${c.from}>${c.to}`)).toEqual(["AM>RU"]);
    expect(v.privateTraffic).toEqual({});
    expect(v.eventLibrary).toEqual([]);
    const json = JSON.stringify(v);
    for (const secret of [SECRETS[2]!, SECRETS[3]!]) expect(json).not.toContain(secret);
  });

  it("shows its own briefing but not the other delegations' until the end", () => {
    const t = busy();
    const briefing = (v: ReturnType<typeof viewFor>, d: string) => v.scenario.delegations.find((x) => x.id === d)!.briefing;
    const full = (d: string) => t.state.scenario.delegations.find((x) => x.id === d)!.briefing;
    const v = viewFor(t.state, AM);
    expect(briefing(v, "AM")).toBe(full("AM"));
    expect(briefing(v, "RU")).toBe("");
    expect(briefing(viewFor(t.state, HOST), "RU")).toBe("");
    expect(briefing(v, "RU")).not.toBe(full("RU"));
    expect(v.scenario.delegations.find((x) => x.id === "RU")!.publicStance).toBe(t.state.scenario.delegations[0]!.publicStance);
    t.do("host", { type: "host.end" });
    expect(briefing(viewFor(t.state, SPECTATOR), "RU")).toBe(full("RU"));
  });
});

describe("host, spectator and review views before the end", () => {
  it("show no private text, no priorities and no commitments", () => {
    const t = busy();
    for (const viewer of [HOST, SPECTATOR, REVIEW]) {
      const v = viewFor(t.state, viewer);
      expect(texts(v)).toEqual(["Armenia expects solidarity."]);
      expect(v.commitments).toEqual([]);
      for (const d of Object.values(v.delegations)) expect(d).not.toHaveProperty("priorities");
      expect(v.result).toBeNull();
      const json = JSON.stringify(v);
      for (const secret of SECRETS) expect(json).not.toContain(secret);
    }
  });

  it("give the host private traffic counts and the event library, and nobody else", () => {
    const t = busy();
    const host = viewFor(t.state, HOST);
    expect(host.privateTraffic).toEqual({ "dm:AM-RU": 2, "dm:BY-KZ": 1, "team:RU": 1, "team:AM": 1 });
    expect(host.eventLibrary).toEqual([
      { id: "ohanyan-demurs", title: "Ohanyan plays down the post", scripted: true },
      { id: "ankara-role", title: "Moscow sees a role for Ankara", scripted: true },
      { id: "afghan-border", title: "Clash on the Afghan frontier", scripted: false },
      { id: "aegis-ashore", title: "Missile-defence site declared operational", scripted: false },
      { id: "fergana-arrests", title: "Arrests in the Fergana valley", scripted: false },
      { id: "arms-deal", title: "New Russian arms for Armenia", scripted: false },
      { id: "border-shelling", title: "Shells fall inside Armenia", scripted: false },
      { id: "minsk-group-appeal", title: "Minsk Group co-chairs call for talks", scripted: false },
      { id: "air-defence-deal", title: "Moscow and Baku to build air defences together", scripted: false },
      { id: "not-taken-seriously", title: "\"Nobody takes us seriously\"", scripted: false },
      { id: "transition-year", title: "Bordyuzha offers a transition year", scripted: false },
      { id: "signing-in-moscow", title: "Moscow offers to host the signing", scripted: false },
    ]);
    for (const viewer of [SPECTATOR, REVIEW, AM]) {
      expect(viewFor(t.state, viewer).privateTraffic).toEqual({});
      expect(viewFor(t.state, viewer).eventLibrary).toEqual([]);
    }
  });
});

describe("after the end", () => {
  it("reveals everything to everyone", () => {
    const t = busy();
    t.do("host", { type: "host.end" });
    for (const viewer of [SPECTATOR, REVIEW, HOST, { kind: "delegation", delegation: "TJ" } as Viewer]) {
      const v = viewFor(t.state, viewer);
      expect(texts(v)).toHaveLength(6);
      expect(v.commitments).toHaveLength(2);
      expect(v.privateTraffic).toEqual({ "dm:AM-RU": 2, "dm:BY-KZ": 1, "team:RU": 1, "team:AM": 1 });
      for (const [id, d] of Object.entries(v.delegations)) expect(d.priorities).toEqual(t.state.delegations[id]!.priorities);
      expect(v.result).toEqual(t.state.result);
    }
    expect(viewFor(t.state, REVIEW).eventLibrary).toHaveLength(12);
    expect(viewFor(t.state, SPECTATOR).eventLibrary).toEqual([]);
  });
});

describe("canRead and canSee", () => {
  it("let a delegation read only channels it belongs to, until the end", () => {
    const t = busy();
    expect(["public", "dm:AM-RU", "team:AM"].map((c) => canRead(t.state, AM, c))).toEqual([true, true, true]);
    expect(["dm:BY-KZ", "team:RU", "dm:RU-AM", "nonsense"].map((c) => canRead(t.state, AM, c))).toEqual([false, false, false, false]);
    expect(canRead(t.state, HOST, "team:AM")).toBe(false);
    t.do("host", { type: "host.end" });
    expect(canRead(t.state, SPECTATOR, "team:AM")).toBe(true);
  });

  it("show an addressed event only to its audience before the end, and every event after", () => {
    const t = new Table().seatAll().start();
    t.as("AM", { type: "say", channel: "dm:AM-RU", text: "Between us." });
    const dm = t.events[0]!;
    expect(dm.to).toEqual(["AM", "RU"]);
    t.as("RU", { type: "say", channel: "public", text: "For all." });
    const pub = t.events[0]!;
    const viewers: Viewer[] = [AM, { kind: "delegation", delegation: "RU" }, { kind: "delegation", delegation: "BY" }, HOST, SPECTATOR, REVIEW];
    expect(viewers.map((v) => canSee(t.state, v, dm))).toEqual([true, true, false, false, false, false]);
    expect(viewers.map((v) => canSee(t.state, v, pub))).toEqual([true, true, true, true, true, true]);
    const offer: GameEvent = { type: "commitment.accepted", to: ["KZ", "KG"], commitment: "c1" };
    expect(canSee(t.state, AM, offer)).toBe(false);
    t.do("host", { type: "host.end" });
    expect(viewers.map((v) => canSee(t.state, v, dm))).toEqual([true, true, true, true, true, true]);
    expect(canSee(t.state, AM, offer)).toBe(true);
  });
});
