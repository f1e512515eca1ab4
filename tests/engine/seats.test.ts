import { describe, expect, it } from "vitest";
import { legalActions } from "../../shared/legalActions";
import { teamOf } from "../../shared/rules/seats";
import { Table, votes } from "../builders";

const join = (t: Table, seat: string, bot?: boolean) => t.do("system", { type: "seat.join", seat, name: `Player ${seat}`, ...(bot === undefined ? {} : { bot }) });
const pick = (t: Table, seat: string, delegation: string) => t.do(seat, { type: "seat.pick", delegation });
const signatory = (t: Table, d: string) => t.state.delegations[d]!.signatory;

describe("joining and leaving", () => {
  it("joins an unplaced seat stamped with the time and the bot flag", () => {
    const t = new Table();
    join(t, "ann");
    join(t, "bot-1", true);
    expect(t.state.seats["ann"]).toEqual({ name: "Player ann", delegation: null, bot: false, joinedAt: 2000 });
    expect(t.state.seats["bot-1"]?.bot).toBe(true);
    expect(t.events).toEqual([{ type: "seat.joined", seat: "bot-1", name: "Player bot-1", bot: true }]);
  });

  it("refuses a duplicate or reserved seat, and joins not sent by the server", () => {
    const t = new Table();
    join(t, "ann");
    expect(t.try("system", { type: "seat.join", seat: "ann", name: "Again" })).toMatchObject({ ok: false, error: "SEAT_EXISTS" });
    expect(t.try("system", { type: "seat.join", seat: "host", name: "Sneaky" })).toMatchObject({ ok: false, error: "SEAT_EXISTS" });
    expect(t.try("system", { type: "seat.join", seat: "system", name: "Sneaky" })).toMatchObject({ ok: false, error: "SEAT_EXISTS" });
    expect(t.try("host", { type: "seat.join", seat: "bob", name: "Bob" })).toMatchObject({ ok: false, error: "NOT_SYSTEM" });
    expect(t.try("ann", { type: "seat.leave", seat: "ann" })).toMatchObject({ ok: false, error: "NOT_SYSTEM" });
    expect(t.try("system", { type: "seat.leave", seat: "ghost" })).toMatchObject({ ok: false, error: "NO_SUCH_SEAT" });
  });
});

describe("picking a delegation", () => {
  it("makes the first picker the signatory and later ones advisors", () => {
    const t = new Table();
    for (const s of ["ann", "bob"]) join(t, s);
    pick(t, "ann", "AM");
    expect(t.events).toEqual([{ type: "seat.placed", seat: "ann", delegation: "AM" }]);
    pick(t, "bob", "AM");
    expect(signatory(t, "AM")).toBe("ann");
    expect(teamOf(t.state, "AM")).toEqual(["ann", "bob"]);
  });

  it("refuses a second pick, an unknown delegation and unknown pickers", () => {
    const t = new Table();
    join(t, "ann");
    expect(t.try("ann", { type: "seat.pick", delegation: "UZ" })).toMatchObject({ ok: false, error: "NO_SUCH_DELEGATION" });
    expect(t.try("ann", { type: "seat.pick", delegation: "am" })).toMatchObject({ ok: false, error: "BAD_ACTION" });
    pick(t, "ann", "AM");
    expect(t.try("ann", { type: "seat.pick", delegation: "RU" })).toMatchObject({ ok: false, error: "ALREADY_PLACED" });
    expect(t.try("ghost", { type: "seat.pick", delegation: "RU" })).toMatchObject({ ok: false, error: "NO_SUCH_SEAT" });
    expect(t.try("host", { type: "seat.pick", delegation: "RU" })).toMatchObject({ ok: false, error: "NOT_SEATED" });
    expect(t.state.seats["ann"]?.delegation).toBe("AM");
  });

  it("limits a team to the scenario's maxTeamSize", () => {
    const t = new Table();
    expect(t.state.scenario.maxTeamSize).toBe(5);
    for (let i = 1; i <= 6; i++) join(t, `s${i}`);
    for (let i = 1; i <= 5; i++) pick(t, `s${i}`, "KG");
    expect(t.try("s6", { type: "seat.pick", delegation: "KG" })).toMatchObject({ ok: false, error: "TEAM_FULL" });
    expect(t.try("host", { type: "seat.assign", seat: "s6", delegation: "KG" })).toMatchObject({ ok: false, error: "TEAM_FULL" });
    expect(legalActions(t.state, "s6").map((a) => (a as { delegation: string }).delegation)).toEqual(["RU", "AM", "BY", "KZ", "TJ"]);
    // Re-assigning a member within its own full team is not an extra seat.
    t.do("host", { type: "seat.assign", seat: "s5", delegation: "KG", signatory: true });
    expect(signatory(t, "KG")).toBe("s5");
    t.do("system", { type: "seat.leave", seat: "s1" });
    pick(t, "s6", "KG");
    expect(teamOf(t.state, "KG")).toHaveLength(5);
  });
});

describe("signatory handover", () => {
  it("passes to the earliest remaining member when the signatory leaves, and to nobody when the team empties", () => {
    const t = new Table();
    for (const s of ["ann", "bob", "cat"]) join(t, s);
    pick(t, "ann", "AM");
    pick(t, "cat", "AM");
    pick(t, "bob", "AM"); // bob picked after cat but joined before: the earlier member
    t.do("system", { type: "seat.leave", seat: "ann" });
    expect(t.events).toEqual([{ type: "seat.left", seat: "ann" }]);
    expect(signatory(t, "AM")).toBe("bob");
    t.do("system", { type: "seat.leave", seat: "cat" }); // an advisor leaving changes nothing
    expect(signatory(t, "AM")).toBe("bob");
    t.do("system", { type: "seat.leave", seat: "bob" });
    expect(signatory(t, "AM")).toBeNull();
    expect(t.state.seats["bob"]).toBeUndefined();
  });

  it("repairs both teams when the host moves a signatory, and can name the new signatory", () => {
    const t = new Table();
    for (const s of ["ann", "bob", "cat"]) join(t, s);
    pick(t, "ann", "AM");
    pick(t, "bob", "AM");
    pick(t, "cat", "RU");
    t.do("host", { type: "seat.assign", seat: "ann", delegation: "RU", signatory: true });
    expect(t.events).toEqual([{ type: "seat.placed", seat: "ann", delegation: "RU" }]);
    expect(signatory(t, "AM")).toBe("bob");
    expect(signatory(t, "RU")).toBe("ann");
    t.do("host", { type: "seat.assign", seat: "cat", delegation: "RU", signatory: true });
    expect(signatory(t, "RU")).toBe("cat");
    t.do("host", { type: "seat.assign", seat: "cat", delegation: null, signatory: true });
    expect(t.state.seats["cat"]?.delegation).toBeNull();
    expect(signatory(t, "RU")).toBe("ann");
  });

  it("moves without the signatory flag leave the target's signatory alone", () => {
    const t = new Table();
    for (const s of ["ann", "bob"]) join(t, s);
    pick(t, "ann", "KZ");
    pick(t, "bob", "TJ");
    t.do("system", { type: "seat.assign", seat: "bob", delegation: "KZ" });
    expect(signatory(t, "KZ")).toBe("ann");
    expect(signatory(t, "TJ")).toBeNull();
  });

  it("lets an advisor sign once the signatory drops out mid-vote", () => {
    const t = new Table().seatAll();
    join(t, "am-advisor");
    pick(t, "am-advisor", "AM");
    t.start().advance().advance();
    t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
    t.advance();
    expect(t.try("am-advisor", { type: "vote", ballot: t.ballot, choice: "yes" })).toMatchObject({ ok: false, error: "NOT_SIGNATORY" });
    t.do("system", { type: "seat.leave", seat: "seat-am" });
    expect(signatory(t, "AM")).toBe("am-advisor");
    const { AM: _am, ...others } = votes("yes");
    t.voteAll(others);
    t.do("am-advisor", { type: "vote", ballot: t.ballot, choice: "no" });
    expect(t.state.ballots[0]).toMatchObject({ result: "failed", votes: { AM: "no", RU: "yes" } });
  });
});

describe("host-only assignment", () => {
  it("refuses assign from a seat and names unknown seats and delegations", () => {
    const t = new Table();
    join(t, "ann");
    expect(t.try("ann", { type: "seat.assign", seat: "ann", delegation: "RU", signatory: true })).toMatchObject({ ok: false, error: "NOT_HOST" });
    expect(t.try("host", { type: "seat.assign", seat: "ghost", delegation: "RU" })).toMatchObject({ ok: false, error: "NO_SUCH_SEAT" });
    expect(t.try("host", { type: "seat.assign", seat: "ann", delegation: "UZ" })).toMatchObject({ ok: false, error: "NO_SUCH_DELEGATION" });
    expect(t.state.seats["ann"]?.delegation).toBeNull();
  });

  it("still works once the summit runs, but not after it ended", () => {
    const t = new Table().seatAll().start();
    join(t, "late");
    t.do("host", { type: "seat.assign", seat: "late", delegation: "TJ", signatory: true });
    expect(signatory(t, "TJ")).toBe("late");
    t.do("host", { type: "host.end" });
    expect(t.try("host", { type: "seat.assign", seat: "late", delegation: "RU" })).toMatchObject({ ok: false, error: "SUMMIT_ENDED" });
  });
});
