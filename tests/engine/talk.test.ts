import { describe, expect, it } from "vitest";
import { MAX_TEXT } from "../../shared/actions";
import { Table } from "../builders";

const refused = (error: string) => ({ ok: false, error });
/** Yerevan with one seat per delegation plus an Armenian advisor. */
function table(): Table {
  const t = new Table().seatAll();
  t.do("system", { type: "seat.join", seat: "am-advisor", name: "Advisor" });
  t.do("am-advisor", { type: "seat.pick", delegation: "AM" });
  return t;
}
const say = (t: Table, seat: string, channel: string, text = "hello") => t.try(seat, { type: "say", channel, text });

describe("the public floor", () => {
  it("records a public message for everyone and gives the speaker the floor", () => {
    const t = table().start();
    expect(say(t, "seat-ru", "public", "  The alliance must stand together.  ")).toMatchObject({ ok: true });
    const msg = { seq: t.state.seq, at: t.state.now, channel: "public", from: "RU", seat: "seat-ru", text: "The alliance must stand together." };
    expect(t.state.messages).toEqual([msg]);
    expect(t.events).toEqual([{ type: "message", message: msg }]);
    expect(t.state.floor).toBe("RU");
    expect(say(t, "am-advisor", "public")).toMatchObject({ ok: true });
    expect(t.state.floor).toBe("AM");
    t.advance();
    expect(t.state.floor).toBeNull();
  });

  it("refuses blank, over-long and unseated speech", () => {
    const t = table().start();
    expect(say(t, "seat-ru", "public", "   ")).toMatchObject(refused("BAD_ACTION"));
    expect(say(t, "seat-ru", "public", "")).toMatchObject(refused("BAD_ACTION"));
    expect(say(t, "seat-ru", "public", "x".repeat(MAX_TEXT + 1))).toMatchObject(refused("BAD_ACTION"));
    expect(say(t, "seat-ru", "public", "x".repeat(MAX_TEXT))).toMatchObject({ ok: true });
    t.do("system", { type: "seat.join", seat: "guest", name: "Guest" });
    expect(say(t, "guest", "public")).toMatchObject(refused("NOT_SEATED"));
    expect(say(t, "host", "public")).toMatchObject(refused("NOT_SEATED"));
    expect(say(t, "system", "public")).toMatchObject(refused("NOT_SEATED"));
    expect(t.state.messages).toHaveLength(1);
  });
});

describe("private lines and the caucus", () => {
  it("lets both ends of a private line write, addressed to the pair only", () => {
    const t = table().start();
    expect(say(t, "seat-am", "dm:AM-RU", "Can Moscow carry it?")).toMatchObject({ ok: true });
    expect(t.events[0]).toMatchObject({ type: "message", to: ["AM", "RU"], message: { channel: "dm:AM-RU", from: "AM" } });
    expect(say(t, "seat-ru", "dm:AM-RU")).toMatchObject({ ok: true });
    expect(say(t, "am-advisor", "dm:AM-RU")).toMatchObject({ ok: true });
    expect(t.state.floor).toBeNull();
  });

  it("refuses lines that are not the writer's or are misnamed", () => {
    const t = table().start();
    for (const channel of ["dm:AM-RU", "dm:KZ-RU", "team:AM", "team:RU"]) {
      expect(say(t, "seat-by", channel)).toMatchObject(refused("NO_SUCH_CHANNEL"));
    }
    for (const channel of ["dm:RU-AM", "dm:AM-AM", "dm:AM-UZ", "team:UZ", "team:am", "caucus", "private"]) {
      expect(say(t, "seat-am", channel)).toMatchObject(refused("NO_SUCH_CHANNEL"));
    }
    expect(say(t, "seat-am", "x".repeat(21))).toMatchObject(refused("BAD_ACTION"));
    expect(t.state.messages).toEqual([]);
  });

  it("keeps the team caucus to the team, advisors included", () => {
    const t = table().start();
    expect(say(t, "am-advisor", "team:AM", "Ask Minsk first.")).toMatchObject({ ok: true });
    expect(t.events[0]).toMatchObject({ type: "message", to: ["AM"], message: { from: "AM", seat: "am-advisor" } });
    expect(say(t, "seat-am", "team:AM")).toMatchObject({ ok: true });
    expect(t.state.floor).toBeNull();
  });
});

describe("talk and the summit's status", () => {
  it("opens only the team caucus in the lobby", () => {
    const t = table();
    expect(say(t, "am-advisor", "team:AM")).toMatchObject({ ok: true });
    expect(say(t, "seat-am", "public")).toMatchObject(refused("NOT_RUNNING"));
    expect(say(t, "seat-am", "dm:AM-RU")).toMatchObject(refused("NOT_RUNNING"));
    expect(say(t, "seat-am", "team:RU")).toMatchObject(refused("NO_SUCH_CHANNEL"));
  });

  it("silences every channel while paused and after the end", () => {
    const t = table().start();
    t.do("host", { type: "host.pause" });
    for (const channel of ["public", "dm:AM-RU", "team:AM"]) expect(say(t, "seat-am", channel)).toMatchObject(refused("NOT_RUNNING"));
    t.do("host", { type: "host.resume" });
    expect(say(t, "seat-am", "team:AM")).toMatchObject({ ok: true });
    t.do("host", { type: "host.end" });
    expect(say(t, "seat-am", "team:AM")).toMatchObject(refused("SUMMIT_ENDED"));
  });

  it("is open in every phase of a running summit", () => {
    const t = table().start();
    for (const phase of ["opening", "consultations", "drafting", "results"]) {
      expect(t.state.phase).toBe(phase);
      expect(say(t, "seat-kz", "public", phase)).toMatchObject({ ok: true });
      t.advance();
    }
  });
});

describe("opening statements", () => {
  const spoke = (t: Table) => Object.entries(t.state.delegations).filter(([, d]) => d.spoke).map(([id]) => id);

  it("marks a delegation as having spoken when any member speaks in public during the opening", () => {
    const t = table().start();
    expect(spoke(t)).toEqual([]);
    say(t, "seat-by", "team:BY");
    say(t, "seat-by", "dm:BY-RU");
    expect(spoke(t)).toEqual([]);
    say(t, "am-advisor", "public");
    say(t, "seat-by", "public");
    expect(spoke(t)).toEqual(["AM", "BY"]);
  });

  it("does not count public speech after the opening, and resets each round", () => {
    const t = table().start();
    say(t, "seat-ru", "public");
    t.advance();
    say(t, "seat-kg", "public");
    expect(spoke(t)).toEqual(["RU"]);
    while (t.state.round < 2) t.advance();
    expect(t.state.phase).toBe("opening");
    expect(spoke(t)).toEqual([]);
    say(t, "seat-kg", "public");
    expect(spoke(t)).toEqual(["KG"]);
  });
});

describe("the floor outside talk", () => {
  it("passes to the delegation that tables a draft or casts a vote", () => {
    const t = table().start().advance().advance();
    t.as("KZ", { type: "propose", item: "strategy-2025", option: "expanded" });
    expect(t.state.floor).toBe("KZ");
    t.advance();
    expect(t.state.floor).toBeNull();
    t.as("TJ", { type: "vote", ballot: t.ballot, choice: "yes" });
    expect(t.state.floor).toBe("TJ");
  });
});
