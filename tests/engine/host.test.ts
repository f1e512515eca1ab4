import { describe, expect, it } from "vitest";
import { scenarioPriority, Table } from "../builders";

const SEC = 1000;
/** A Yerevan table under the "45" preset (opening 180 s, consultations 480, drafting 360, voting 240, results 90). */
const timed = () => new Table("yerevan-2016", "45").seatAll().start();
const tick = (t: Table, at: number) => t.try("system", { type: "clock.tick" }, at);
const refused = (error: string) => ({ ok: false, error });

describe("start and the clock", () => {
  it("starts round 1 with the opening deadline and a shuffled speaking order", () => {
    const t = new Table("yerevan-2016", "45").seatAll();
    expect(t.try("host", { type: "host.advance" })).toMatchObject(refused("NOT_RUNNING"));
    t.start();
    const now = t.state.now;
    expect(t.state).toMatchObject({ status: "running", round: 1, phase: "opening", clock: { endsAt: now + 180 * SEC, remaining: null } });
    expect(t.events).toEqual([{ type: "summit.started" }, { type: "phase.changed", round: 1, phase: "opening", endsAt: now + 180 * SEC }]);
    expect([...t.state.speakingOrder].sort()).toEqual(["AM", "BY", "KG", "KZ", "RU", "TJ"]);
    expect(t.try("host", { type: "host.start" })).toMatchObject(refused("NOT_IN_LOBBY"));
  });

  it("ticks only from the server, only at or after the deadline", () => {
    const t = timed();
    const due = t.state.clock.endsAt!;
    expect(t.try("host", { type: "clock.tick" }, due)).toMatchObject(refused("NOT_SYSTEM"));
    expect(tick(t, due - 1)).toMatchObject(refused("TOO_EARLY"));
    expect(tick(t, due)).toMatchObject({ ok: true });
    expect(t.state).toMatchObject({ phase: "consultations", clock: { endsAt: due + 480 * SEC } });
    // The scripted event of round 1's consultations fires on entry.
    expect(t.state.notices.map((n) => n.event)).toEqual(["baku-warning"]);
    expect(t.state.delegations["BY"]!.priorities["karabakh-statement"]!["adopted:firm"]).toBe(scenarioPriority("yerevan-2016", "BY", "karabakh-statement", "adopted:firm", "baku-warning"));
  });

  it("runs a whole summit on ticks alone, skipping empty votes", () => {
    const t = timed();
    const seen: string[] = [];
    while (t.state.status === "running") {
      expect(tick(t, t.state.clock.endsAt!)).toMatchObject({ ok: true });
      seen.push(t.state.phase ? `${t.state.round}:${t.state.phase}` : t.state.status);
    }
    expect(seen).toEqual(["1:consultations", "1:drafting", "1:results", "2:opening", "2:consultations", "2:drafting", "2:results", "ended"]);
    expect(t.state.clock).toEqual({ endsAt: null, remaining: null });
    expect(t.state.notices.map((n) => n.event)).toEqual(["baku-warning", "ohanyan-demurs", "ankara-role"]);
  });

  it("has no deadline to tick or extend under manual pacing", () => {
    const t = new Table().seatAll().start();
    expect(t.state.clock).toEqual({ endsAt: null, remaining: null });
    expect(tick(t, t.now + 10_000_000)).toMatchObject(refused("NO_DEADLINE"));
    expect(t.try("host", { type: "host.extend", seconds: 60 })).toMatchObject(refused("NO_DEADLINE"));
    t.do("host", { type: "host.pause" });
    expect(t.try("host", { type: "host.extend", seconds: 60 })).toMatchObject(refused("NO_DEADLINE"));
  });
});

describe("pause, resume, extend, advance", () => {
  it("freezes the remaining time while paused and restarts it on resume", () => {
    const t = timed();
    const start = t.state.now;
    t.do("host", { type: "host.pause" }, start + 60 * SEC);
    expect(t.state).toMatchObject({ status: "paused", clock: { endsAt: null, remaining: 120 * SEC } });
    expect(t.events).toEqual([{ type: "summit.paused", remaining: 120 * SEC }]);
    expect(t.try("host", { type: "host.pause" })).toMatchObject(refused("NOT_RUNNING"));
    expect(t.try("host", { type: "host.advance" })).toMatchObject(refused("NOT_RUNNING"));
    expect(tick(t, start + 500 * SEC)).toMatchObject(refused("NOT_RUNNING"));
    t.do("host", { type: "host.extend", seconds: 30 });
    expect(t.state.clock).toEqual({ endsAt: null, remaining: 150 * SEC });
    t.do("host", { type: "host.resume" }, start + 1000 * SEC);
    expect(t.state).toMatchObject({ status: "running", phase: "opening", clock: { endsAt: start + 1150 * SEC, remaining: null } });
    expect(t.try("host", { type: "host.resume" })).toMatchObject(refused("NOT_PAUSED"));
  });

  it("extends a running deadline and refuses outside a running summit", () => {
    const t = new Table("yerevan-2016", "45").seatAll();
    expect(t.try("host", { type: "host.extend", seconds: 60 })).toMatchObject(refused("NOT_RUNNING"));
    expect(t.try("host", { type: "host.resume" })).toMatchObject(refused("NOT_PAUSED"));
    t.start();
    const due = t.state.clock.endsAt!;
    t.do("host", { type: "host.extend", seconds: 120 });
    expect(t.state.clock.endsAt).toBe(due + 120 * SEC);
    expect(t.events).toEqual([{ type: "clock.extended", seconds: 120, endsAt: due + 120 * SEC }]);
    expect(tick(t, due)).toMatchObject(refused("TOO_EARLY"));
    expect(t.try("host", { type: "host.extend", seconds: 0 })).toMatchObject(refused("BAD_ACTION"));
  });

  it("advances by hand before the deadline and starts the next phase's clock", () => {
    const t = timed();
    t.do("host", { type: "host.advance" }, t.state.now + 5 * SEC);
    expect(t.state).toMatchObject({ phase: "consultations", clock: { endsAt: t.state.now + 480 * SEC } });
  });
});

describe("events and notices", () => {
  it("injects an unscripted event once, applying its effects", () => {
    const t = timed();
    const before = t.state.cohesion.length;
    t.do("host", { type: "host.inject", event: "afghan-border" });
    expect(t.state.delegations["TJ"]!.priorities["strategy-2025"]!["adopted:expanded"]).toBe(scenarioPriority("yerevan-2016", "TJ", "strategy-2025", "adopted:expanded", "afghan-border"));
    expect(t.state.relations["RU|TJ"]).toBe(0.55);
    expect(t.state.notices.at(-1)).toMatchObject({ kind: "event", event: "afghan-border", title: "Clash on the Afghan frontier" });
    expect(t.state.pendingEvents.some((e) => e.id === "afghan-border")).toBe(false);
    expect(t.state.cohesion).toHaveLength(before + 1);
    expect(t.try("host", { type: "host.inject", event: "afghan-border" })).toMatchObject(refused("EVENT_FIRED"));
    expect(t.try("host", { type: "host.inject", event: "martian-landing" })).toMatchObject(refused("NO_SUCH_EVENT"));
  });

  it("fires a scripted event early when injected, and not again on its phase", () => {
    const t = new Table().seatAll().start();
    t.do("host", { type: "host.pause" });
    t.do("host", { type: "host.inject", event: "ankara-role" });
    t.do("host", { type: "host.resume" });
    while (t.state.round < 2) t.advance();
    expect(t.state.notices.filter((n) => n.event === "ankara-role")).toHaveLength(1);
    expect(t.state.delegations["AM"]!.priorities["karabakh-statement"]!["rejected"]).toBe(scenarioPriority("yerevan-2016", "AM", "karabakh-statement", "rejected", "ankara-role"));
  });

  it("injects a custom event with no effects, but needs a title and a running summit", () => {
    const t = new Table().seatAll();
    expect(t.try("host", { type: "host.inject", title: "Too soon" })).toMatchObject(refused("NOT_RUNNING"));
    t.start();
    const relations = { ...t.state.relations };
    t.do("host", { type: "host.inject", title: "Earthquake", text: "A tremor shakes the hall." });
    expect(t.state.notices.at(-1)).toMatchObject({ kind: "event", title: "Earthquake", text: "A tremor shakes the hall.", event: `host-${t.state.seq}` });
    expect(t.state.relations).toEqual(relations);
    expect(t.try("host", { type: "host.inject", text: "no title" })).toMatchObject(refused("BAD_ACTION"));
  });

  it("broadcasts a notice from the chair, even in the lobby", () => {
    const t = new Table();
    t.do("host", { type: "host.broadcast", text: "Sit down, please." });
    expect(t.state.notices).toEqual([{ seq: 1, at: 2000, kind: "broadcast", title: "Notice from the chair", text: "Sit down, please." }]);
    expect(t.events).toEqual([{ type: "notice", notice: t.state.notices[0] }]);
    expect(t.try("host", { type: "host.broadcast", text: "" })).toMatchObject(refused("BAD_ACTION"));
  });
});

describe("ending and refusals", () => {
  it("ends from the lobby with every item postponed, and refuses everything after", () => {
    const t = new Table().seatAll();
    t.do("host", { type: "host.end" });
    expect(t.state).toMatchObject({ status: "ended", phase: null, floor: null });
    expect(Object.values(t.state.result!.outcomes)).toEqual(["postponed", "postponed", "postponed", "postponed"]);
    expect(t.events.map((e) => e.type)).toEqual(["summit.ended"]);
    for (const type of ["host.start", "host.end", "host.pause", "host.advance"]) expect(t.try("host", { type })).toMatchObject(refused("SUMMIT_ENDED"));
    expect(t.try("host", { type: "host.broadcast", text: "hello?" })).toMatchObject(refused("SUMMIT_ENDED"));
    expect(t.try("system", { type: "clock.tick" })).toMatchObject(refused("SUMMIT_ENDED"));
    expect(t.try("seat-am", { type: "say", channel: "public", text: "wait" })).toMatchObject(refused("SUMMIT_ENDED"));
  });

  it("ends mid-vote: the open ballot closes, signatories who had not voted counted as abstaining", () => {
    const t = timed().advance().advance();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.as("AM", { type: "propose", item: "missile-defence", option: "concern" });
    t.advance();
    t.as("RU", { type: "vote", ballot: t.ballot, choice: "yes" });
    t.as("AM", { type: "vote", ballot: t.ballot, choice: "abstain" });
    t.do("host", { type: "host.end" });
    const [first, second] = t.state.ballots;
    expect(first).toMatchObject({ result: "passed", votes: { RU: "yes", AM: "abstain", BY: "abstain", TJ: "abstain" }, lapsed: ["BY", "KZ", "KG", "TJ"] });
    expect(second).toBeUndefined();
    expect(t.state.result!.outcomes).toMatchObject({ "strategy-2025": "adopted:core", "missile-defence": "postponed" });
    expect(t.state.clock).toEqual({ endsAt: null, remaining: null });
  });

  it("refuses host controls from seats and actions stamped before the clock", () => {
    const t = new Table().seatAll().start();
    for (const type of ["host.start", "host.pause", "host.resume", "host.advance", "host.end"]) {
      expect(t.try("seat-ru", { type })).toMatchObject(refused("NOT_HOST"));
    }
    expect(t.try("seat-ru", { type: "host.broadcast", text: "I am the chair now" })).toMatchObject(refused("NOT_HOST"));
    expect(t.try("seat-ru", { type: "host.inject", event: "arms-deal" })).toMatchObject(refused("NOT_HOST"));
    expect(t.try("system", { type: "host.end" })).toMatchObject(refused("NOT_HOST"));
    expect(t.try("host", { type: "host.pause" }, t.state.now - 1)).toMatchObject(refused("TIME_WENT_BACKWARDS"));
    expect(t.state.status).toBe("running");
  });
});
