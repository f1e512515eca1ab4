/** Advisers' jobs: portfolios, prepared moves, the signatory's approval through the move's own handler, and who may see them. */
import { describe, expect, it } from "vitest";
import { apply } from "../../shared/apply";
import { botAct } from "../../shared/bots/botAct";
import { botContext } from "../../shared/bots/botContext";
import { answerPrepared } from "../../shared/bots/prepared";
import { legalActions } from "../../shared/legalActions";
import { isTemplate } from "../../shared/legalPreparation";
import type { State } from "../../shared/state";
import { canSee, type Viewer, viewFor } from "../../shared/viewFor";
import { historicalYerevan, Table } from "../builders";

const refused = (error: string) => ({ ok: false, error });
const SG = "secretary-general";
const KARABAKH = "karabakh-statement";
const coreYes = { item: "strategy-2025", target: "core", vote: "yes" } as const;

/** Yerevan with two Armenian advisers and a Russian one, in the lobby. */
function team(): Table {
  const t = new Table().seatAll();
  for (const [seat, d, name] of [["am-aram", "AM", "Aram"], ["am-lilit", "AM", "Lilit"], ["ru-ivan", "RU", "Ivan"]] as const) {
    t.do("system", { type: "seat.join", seat, name });
    t.do(seat, { type: "seat.pick", delegation: d });
  }
  return t;
}
/** The same table in round 1's drafting phase. */
const drafting = (): Table => team().start().advance().advance();
const prepared = (t: Table, id?: string) => (id ? t.state.prepared?.find((m) => m.id === id) : t.state.prepared?.at(-1));
const lastId = (t: Table): string => prepared(t)!.id;
/** Everything but the bookkeeping of prepared moves and their caucus lines. */
const core = ({ prepared: _p, messages: _m, ...rest }: State) => rest;

describe("portfolios", () => {
  it("the signatory assigns items to an adviser, kept in agenda order; an empty list clears it", () => {
    const t = team();
    t.as("AM", { type: "team.portfolio", seat: "am-aram", items: [KARABAKH, SG, KARABAKH] });
    expect(t.state.portfolios).toEqual({ AM: { "am-aram": [SG, KARABAKH] } });
    expect(t.events).toEqual([{ type: "portfolio.set", to: ["AM"], seat: "am-aram", items: [SG, KARABAKH] }]);
    t.as("AM", { type: "team.portfolio", seat: "am-aram", items: [] });
    expect(t.state.portfolios).toEqual({ AM: {} });
  });

  it("only the signatory, only for its own advisers, only for real items", () => {
    const t = team().start();
    const set = (by: string, seat: string, items: string[] = [SG]) => t.try(by, { type: "team.portfolio", seat, items });
    expect(set("am-lilit", "am-aram")).toMatchObject(refused("NOT_SIGNATORY"));
    expect(set("seat-am", "ru-ivan")).toMatchObject(refused("NOT_ADVISER"));
    expect(set("seat-am", "seat-am")).toMatchObject(refused("NOT_ADVISER"));
    expect(set("seat-am", "ghost")).toMatchObject(refused("NO_SUCH_SEAT"));
    expect(set("seat-am", "am-aram", ["nato-membership"])).toMatchObject(refused("NO_SUCH_ITEM"));
    expect(set("host", "am-aram")).toMatchObject(refused("NOT_SEATED"));
    t.do("host", { type: "host.pause" });
    expect(set("seat-am", "am-aram")).toMatchObject(refused("NOT_RUNNING"));
  });

  it("limits what an adviser may prepare; an empty portfolio allows any item", () => {
    const t = drafting();
    t.as("AM", { type: "team.portfolio", seat: "am-aram", items: [SG] });
    const prep = (by: string, move: object) => t.try(by, { type: "prepare", move });
    expect(prep("am-aram", { type: "propose", item: KARABAKH, option: "firm" })).toMatchObject(refused("NOT_IN_PORTFOLIO"));
    expect(prep("am-aram", { type: "propose", item: SG, option: "ohanyan" }).ok).toBe(true);
    expect(prep("am-lilit", { type: "propose", item: KARABAKH, option: "firm" }).ok).toBe(true);
    // An amendment belongs to the amended draft's item.
    t.as("RU", { type: "propose", item: KARABAKH, option: "balanced" });
    const ru = t.proposal(KARABAKH, "balanced");
    expect(prep("am-aram", { type: "amend", proposal: ru, option: "firm" })).toMatchObject(refused("NOT_IN_PORTFOLIO"));
    // An offer needs one of its two pledges in the portfolio.
    const sgYes = { item: SG, target: "ohanyan", vote: "yes" };
    expect(prep("am-aram", { type: "commit.offer", to: "KZ", give: coreYes, want: null })).toMatchObject(refused("NOT_IN_PORTFOLIO"));
    expect(prep("am-aram", { type: "commit.offer", to: "KZ", give: coreYes, want: sgYes }).ok).toBe(true);
    expect(prep("am-aram", { type: "commit.offer", to: "KZ", give: sgYes, want: null }).ok).toBe(true);
  });
});

describe("preparing", () => {
  it("stores a pending entry for the delegation and writes a caucus line naming the adviser", () => {
    const t = drafting();
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: SG, option: "ohanyan", note: "Our candidate." }, note: "Table this first." });
    const m = prepared(t)!;
    expect(m).toEqual({
      id: m.id, delegation: "AM", author: "am-aram", authorName: "Aram", move: { type: "propose", item: SG, option: "ohanyan", note: "Our candidate." },
      note: "Table this first.", status: "pending", at: t.state.now, settled: null,
    });
    const line = t.state.messages.at(-1)!;
    expect(line).toMatchObject({ channel: "team:AM", from: "AM", seat: "am-aram", prepared: { id: m.id, step: "prepared", author: "am-aram" } });
    expect(line.text).toMatch(/^Aram prepared a draft on /);
    expect(t.events.map((e) => [e.type, e.to])).toEqual([["prepared.added", ["AM"]], ["message", ["AM"]]]);
    expect(t.state.proposals).toEqual([]);
  });

  it("is for advisers only, in the phases where the move can still be made, about things that exist", () => {
    const t = team();
    const prep = (by: string, move: object) => t.try(by, { type: "prepare", move });
    const draft = { type: "propose", item: SG, option: "ohanyan" };
    expect(prep("am-aram", draft)).toMatchObject(refused("NOT_RUNNING"));
    t.start().advance(); // consultations: a draft can be prepared for later, an amendment cannot
    expect(prep("host", draft)).toMatchObject(refused("NOT_SEATED"));
    expect(prep("seat-am", draft)).toMatchObject(refused("NOT_ADVISER"));
    expect(prep("am-aram", { type: "amend", proposal: "p1", option: "firm" })).toMatchObject(refused("WRONG_PHASE"));
    expect(prep("am-aram", { type: "propose", item: SG, option: "nobody" })).toMatchObject(refused("NO_SUCH_OPTION"));
    expect(prep("am-aram", { type: "propose", item: "nope", option: "x" })).toMatchObject(refused("NO_SUCH_ITEM"));
    expect(prep("am-aram", { type: "commit.offer", to: "AM", give: coreYes, want: null })).toMatchObject(refused("NO_SUCH_DELEGATION"));
    expect(prep("am-aram", { type: "vote", ballot: "b1", choice: "yes" })).toMatchObject(refused("BAD_ACTION"));
    expect(prep("am-aram", draft).ok).toBe(true);
    expect(prep("am-lilit", { ...draft, note: "the same move, other words" })).toMatchObject(refused("ALREADY_PREPARED"));
    t.advance().advance(); // voting: offers still, drafts no more
    expect(prep("am-aram", { type: "propose", item: KARABAKH, option: "firm" })).toMatchObject(refused("WRONG_PHASE"));
  });

  it("caps a delegation's pending moves", () => {
    const t = drafting();
    const targets = ["ohanyan", "khachaturov", "bordyuzha", "postpone"];
    let n = 0;
    for (const d of ["RU", "BY", "KZ", "KG", "TJ"]) {
      for (const target of targets) {
        const r = t.try("am-aram", { type: "prepare", move: { type: "commit.offer", to: d, give: { item: SG, target, vote: "yes" }, want: null } });
        if (n < 12) expect(r.ok).toBe(true);
        else expect(r).toMatchObject(refused("TOO_MANY_PREPARED"));
        n++;
      }
    }
  });
});

describe("approving", () => {
  it("makes exactly the signatory's own move, for each kind of move", () => {
    const t = drafting();
    t.as("RU", { type: "propose", item: KARABAKH, option: "balanced" });
    const moves = [
      { type: "propose", item: SG, option: "ohanyan", note: "Our man." },
      { type: "amend", proposal: t.proposal(KARABAKH, "balanced"), option: "firm" },
      { type: "commit.offer", to: "KZ", give: coreYes, want: { item: SG, target: "ohanyan", vote: "yes" }, note: "A trade." },
    ];
    for (const move of moves) {
      t.do("am-aram", { type: "prepare", move });
      const id = lastId(t);
      const before = t.state;
      const direct = apply(before, { ...move, by: "seat-am", at: t.now + 1000 });
      t.as("AM", { type: "prepared.approve", prepared: id });
      if (!direct.ok) throw new Error(direct.error);
      expect(core(t.state)).toEqual(core(direct.state));
      expect(t.state.messages.slice(0, -1)).toEqual(direct.state.messages);
      expect(t.events.slice(0, direct.events.length)).toEqual(direct.events);
      const m = prepared(t, id)!;
      expect(m.status).toBe("approved");
      expect(m.settled).toEqual({ by: "seat-am", at: t.state.now, result: expect.any(String) });
      expect(t.state.messages.at(-1)).toMatchObject({ channel: "team:AM", seat: "seat-am", prepared: { id, step: "approved", author: "am-aram" } });
      expect(t.state.messages.at(-1)!.text).toContain("prepared by Aram");
    }
    const draft = t.state.proposals.find((p) => p.item === SG)!;
    expect(draft).toMatchObject({ sponsor: "AM", option: "ohanyan", note: "Our man.", status: "tabled" });
    expect(prepared(t, t.state.prepared![0]!.id)!.settled!.result).toBe(draft.id);
    expect(t.state.proposals.find((p) => p.item === KARABAKH)!.amendments).toMatchObject([{ by: "AM", option: "firm", status: "pending" }]);
    expect(t.state.commitments.at(-1)).toMatchObject({ from: "AM", to: "KZ", status: "offered", note: "A trade." });
  });

  it("returns the move's refusal and keeps the entry pending", () => {
    const t = team().start().advance();
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: SG, option: "ohanyan" } });
    const id = lastId(t);
    const before = t.state;
    expect(t.try("seat-am", { type: "prepared.approve", prepared: id })).toMatchObject(refused("WRONG_PHASE"));
    expect(t.state).toBe(before);
    t.advance();
    t.as("AM", { type: "propose", item: SG, option: "khachaturov" });
    expect(t.try("seat-am", { type: "prepared.approve", prepared: id })).toMatchObject(refused("ALREADY_PROPOSED"));
    expect(prepared(t, id)!.status).toBe("pending");
    t.as("AM", { type: "withdraw", proposal: t.proposal(SG, "khachaturov") });
    t.as("AM", { type: "prepared.approve", prepared: id });
    expect(prepared(t, id)!.status).toBe("approved");
    expect(t.try("seat-am", { type: "prepared.approve", prepared: id })).toMatchObject(refused("PREPARED_SETTLED"));
  });

  it("is the own signatory's alone", () => {
    const t = drafting();
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: SG, option: "ohanyan" } });
    const id = lastId(t);
    const approve = (by: string) => t.try(by, { type: "prepared.approve", prepared: id });
    expect(approve("am-aram")).toMatchObject(refused("NOT_SIGNATORY"));
    expect(approve("am-lilit")).toMatchObject(refused("NOT_SIGNATORY"));
    expect(approve("ru-ivan")).toMatchObject(refused("NOT_SIGNATORY"));
    expect(approve("seat-ru")).toMatchObject(refused("NO_SUCH_PREPARED"));
    expect(approve("host")).toMatchObject(refused("NOT_SEATED"));
    expect(approve("system")).toMatchObject(refused("NOT_SEATED"));
    expect(t.try("seat-ru", { type: "prepared.discard", prepared: id })).toMatchObject(refused("NO_SUCH_PREPARED"));
    expect(prepared(t, id)!.status).toBe("pending");
  });
});

describe("discarding", () => {
  it("by the signatory or the author, once, with a caucus line", () => {
    const t = drafting();
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: SG, option: "ohanyan" } });
    const a = lastId(t);
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: KARABAKH, option: "firm" } });
    const b = lastId(t);
    expect(t.try("am-lilit", { type: "prepared.discard", prepared: a })).toMatchObject(refused("NOT_SIGNATORY"));
    t.as("AM", { type: "prepared.discard", prepared: a });
    expect(prepared(t, a)).toMatchObject({ status: "discarded", settled: { by: "seat-am", result: null } });
    expect(t.state.messages.at(-1)).toMatchObject({ channel: "team:AM", prepared: { id: a, step: "discarded", author: "am-aram" } });
    t.do("am-aram", { type: "prepared.discard", prepared: b });
    expect(prepared(t, b)!.status).toBe("discarded");
    expect(t.try("seat-am", { type: "prepared.discard", prepared: a })).toMatchObject(refused("PREPARED_SETTLED"));
    expect(t.try("seat-am", { type: "prepared.approve", prepared: b })).toMatchObject(refused("PREPARED_SETTLED"));
    expect(t.state.proposals).toEqual([]);
  });
});

describe("privacy", () => {
  const NOTE = "secret-adviser-note-7f3a";
  const DRAFT_NOTE = "secret-draft-note-19c2";
  const viewers: Viewer[] = [
    ...["RU", "BY", "KZ", "KG", "TJ"].map((d): Viewer => ({ kind: "delegation", delegation: d })),
    { kind: "host" }, { kind: "spectator" }, { kind: "review" },
  ];
  function busy(): Table {
    const t = drafting();
    t.as("AM", { type: "team.portfolio", seat: "am-aram", items: [SG] });
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: SG, option: "ohanyan", note: DRAFT_NOTE }, note: NOTE });
    return t;
  }

  it("no other delegation, nor the host, a spectator or a review sees prepared moves or portfolios before the end", () => {
    const t = busy();
    const added = t.events;
    for (const v of viewers) {
      const view = viewFor(t.state, v);
      expect(view.prepared).toEqual([]);
      expect(view.portfolios).toEqual({});
      const json = JSON.stringify(view);
      for (const secret of [NOTE, DRAFT_NOTE, "Aram prepared", prepared(t)!.id]) expect(json).not.toContain(secret);
      for (const e of added) expect(canSee(t.state, v, e)).toBe(false);
    }
    const own = viewFor(t.state, { kind: "delegation", delegation: "AM", seat: "am-lilit" });
    expect(own.prepared.map((m) => m.note)).toEqual([NOTE]);
    expect(own.portfolios).toEqual({ AM: { "am-aram": [SG] } });
    // Another delegation's own advisers' work stays its own.
    t.as("RU", { type: "team.portfolio", seat: "ru-ivan", items: [KARABAKH] });
    expect(viewFor(t.state, { kind: "delegation", delegation: "AM" }).portfolios).toEqual({ AM: { "am-aram": [SG] } });
  });

  it("everyone sees them after the end", () => {
    const t = busy();
    t.do("host", { type: "host.end" });
    for (const v of viewers) {
      expect(viewFor(t.state, v).prepared.map((m) => m.note)).toEqual([NOTE]);
      expect(viewFor(t.state, v).portfolios).toEqual({ AM: { "am-aram": [SG] } });
    }
  });

  it("a summit without advisers' work carries no new state, so recorded hashes hold", () => {
    const s = historicalYerevan().state;
    expect(s).not.toHaveProperty("prepared");
    expect(s).not.toHaveProperty("portfolios");
  });
});

describe("legal actions", () => {
  it("offer an adviser prepare moves within its portfolio, and the signatory approve, discard and portfolios", () => {
    const t = team();
    expect(legalActions(t.state, "seat-am")).toContainEqual({ type: "team.portfolio", seat: "am-aram", items: [] });
    expect(legalActions(t.state, "am-aram")).toEqual([{ type: "say", channel: "team:AM" }]);
    t.start().advance().advance();
    t.as("AM", { type: "team.portfolio", seat: "am-aram", items: [SG] });
    const prep = legalActions(t.state, "am-aram").filter((a) => a.type === "prepare");
    const drafts = prep.flatMap((a) => (a.type === "prepare" && a.move.type === "propose" ? [a.move.item] : []));
    expect(new Set(drafts)).toEqual(new Set([SG]));
    expect(prep.filter(isTemplate)).toHaveLength(5);
    expect(legalActions(t.state, "seat-am").some((a) => a.type === "prepare")).toBe(false);
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: SG, option: "ohanyan" } });
    const id = lastId(t);
    expect(legalActions(t.state, "am-aram")).not.toContainEqual({ type: "prepare", move: { type: "propose", item: SG, option: "ohanyan" } });
    expect(legalActions(t.state, "am-aram")).toContainEqual({ type: "prepared.discard", prepared: id });
    expect(legalActions(t.state, "am-lilit").some((a) => a.type === "prepared.discard")).toBe(false);
    expect(legalActions(t.state, "seat-am")).toEqual(expect.arrayContaining([{ type: "prepared.approve", prepared: id }, { type: "prepared.discard", prepared: id }]));
    // Approval is not offered while the move would be refused.
    t.as("AM", { type: "propose", item: SG, option: "khachaturov" });
    expect(legalActions(t.state, "seat-am")).not.toContainEqual({ type: "prepared.approve", prepared: id });
    for (const by of ["seat-am", "am-aram", "am-lilit"]) {
      for (const a of legalActions(t.state, by).filter((x) => !isTemplate(x))) {
        expect(apply(t.state, { ...a, by, at: t.now + 1000 }), `${by} ${JSON.stringify(a)}`).toMatchObject({ ok: true });
      }
    }
  });
});

describe("a bot signatory", () => {
  /** Armenia signed by a bot, with a human adviser, in drafting. */
  function botTable(advances = 2): Table {
    const t = new Table();
    t.do("system", { type: "seat.join", seat: "bot-am", name: "Armenia (bot)", bot: true });
    t.do("system", { type: "seat.assign", seat: "bot-am", delegation: "AM", signatory: true });
    t.do("system", { type: "seat.join", seat: "am-aram", name: "Aram" });
    t.do("am-aram", { type: "seat.pick", delegation: "AM" });
    for (const d of ["RU", "BY", "KZ", "KG", "TJ"]) {
      t.do("system", { type: "seat.join", seat: `seat-${d.toLowerCase()}`, name: d });
      t.do(`seat-${d.toLowerCase()}`, { type: "seat.pick", delegation: d });
    }
    t.start();
    for (let i = 0; i < advances; i++) t.advance();
    return t;
  }
  const context = (t: Table) => botContext(viewFor(t.state, { kind: "delegation", delegation: "AM", seat: "bot-am" }), "bot-am", "strong")!;
  const botMove = (t: Table) => botAct(viewFor(t.state, { kind: "delegation", delegation: "AM", seat: "bot-am" }), "bot-am", "strong", 7).action;

  it("approves a human adviser's draft that serves its priorities", () => {
    const t = botTable();
    // The firm statement: if it fails, the statement is rejected, no worse for Armenia than put off.
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: KARABAKH, option: "firm" } });
    expect(botMove(t)).toEqual({ type: "prepared.approve", prepared: lastId(t) });
    t.do("bot-am", botMove(t) as Record<string, unknown>);
    expect(t.state.proposals.at(-1)).toMatchObject({ sponsor: "AM", item: KARABAKH, option: "firm" });
  });

  it("discards one that hurts them, and one that can no longer be made", () => {
    const t = botTable();
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: SG, option: "bordyuzha" } });
    expect(botMove(t)).toEqual({ type: "prepared.discard", prepared: lastId(t) });
    t.do("bot-am", botMove(t) as Record<string, unknown>);
    t.as("RU", { type: "propose", item: KARABAKH, option: "balanced" });
    t.do("am-aram", { type: "prepare", move: { type: "amend", proposal: t.proposal(KARABAKH, "balanced"), option: "firm" } });
    t.as("RU", { type: "withdraw", proposal: t.proposal(KARABAKH, "balanced") });
    expect(botMove(t)).toEqual({ type: "prepared.discard", prepared: lastId(t) });
  });

  it("waits with a draft prepared before drafting opens, and approves a harmless offer at once", () => {
    const t = botTable(1);
    t.do("am-aram", { type: "prepare", move: { type: "propose", item: SG, option: "ohanyan" } });
    expect(answerPrepared(context(t), 1)).toBeNull();
    t.do("am-aram", { type: "prepare", move: { type: "commit.offer", to: "RU", give: { item: SG, target: "ohanyan", vote: "yes" }, want: null } });
    expect(answerPrepared(context(t), 1)).toEqual([{ type: "prepared.approve", prepared: lastId(t) }, 1]);
  });
});
