import type { State } from "../../shared/state";
/** Session files: export, parse, verify, and every way a file is refused instead of replaying wrongly. */
import { describe, expect, it } from "vitest";
import { forkSession } from "../../shared/forkSession";
import { hash } from "../../shared/hash";
import { ENGINE_VERSION, replay, type SessionHeader } from "../../shared/replay";
import { scenarioHash, type Scenario } from "../../shared/scenario";
import { scenarios } from "../../shared/scenarios";
import { canonicalSessionContent, exportSession, parseSessionFile, rosterOf, type SessionFile, stringifySession } from "../../shared/sessionFile";
import { verifySession } from "../../shared/verifySession";
import { historicalYerevan } from "../builders";

const yerevan = scenarios["yerevan-2016"]!;
const header: SessionHeader = { scenarioId: "yerevan-2016", scenarioVersion: yerevan.version, engineVersion: ENGINE_VERSION, seed: 1, timing: "manual" };

function exported(opts: { withoutScenario?: boolean } = {}): SessionFile {
  const t = historicalYerevan();
  const e = exportSession({ scenario: yerevan, header, actions: t.log, createdAt: Date.UTC(2016, 9, 14, 9), title: "Test", ...opts });
  if (!e.ok) throw new Error(e.error);
  return e.file;
}
/** A copy of a file, changed by `f`, through JSON as a real file would travel. */
const edited = (file: SessionFile, f: (j: Record<string, any>) => void): unknown => {
  const j = JSON.parse(stringifySession(file));
  f(j);
  return j;
};
const parse = (json: unknown): SessionFile => {
  const r = parseSessionFile(json);
  if (!r.ok) throw new Error(r.error);
  return r.file;
};
const changedScenario = (f: (s: Scenario) => void): Scenario => { const s = structuredClone(yerevan); f(s); return s; };

describe("session files", () => {
  it("export → text → parse → verify reproduces the final hash", () => {
    const file = exported();
    const again = parse(JSON.parse(stringifySession(file)));
    expect(again).toEqual(file);
    const r = verifySession(again);
    expect(r.ok && r.hash).toBe(file.final.hash);
    expect(file.header).toMatchObject({ engineVersion: ENGINE_VERSION, scenario: { id: "yerevan-2016", version: yerevan.version, hash: scenarioHash(yerevan) }, seed: 1, timing: "manual", createdAt: "2016-10-14T09:00:00.000Z" });
    expect(file.final.status).toBe("ended");
    expect(file.final.phaseHashes.length).toBeGreaterThan(5);
  });

  it("keeps a roster of everyone who sat", () => {
    const roster = exported().header.roster;
    expect(roster).toHaveLength(6);
    expect(roster[0]).toEqual({ seat: "seat-ru", name: "Russia player", delegation: "RU", bot: false, left: false });
    expect(rosterOf([
      { type: "seat.join", by: "system", at: 1, seat: "a", name: "Ann" },
      { type: "seat.assign", by: "host", at: 2, seat: "a", delegation: "AM" },
      { type: "seat.leave", by: "system", at: 3, seat: "a" },
    ])).toEqual([{ seat: "a", name: "Ann", delegation: "AM", bot: false, left: true }]);
  });

  it("refuses what is not a session file, or a newer format, naming the problem", () => {
    expect(parseSessionFile({ hello: 1 })).toMatchObject({ ok: false, code: "NOT_A_SESSION" });
    expect(parseSessionFile(edited(exported(), (j) => { j.formatVersion = 2; }))).toMatchObject({ ok: false, code: "FORMAT_TOO_NEW" });
    const bad = parseSessionFile(edited(exported(), (j) => { j.header.seed = "x"; }));
    expect(bad).toMatchObject({ ok: false, code: "BAD_FILE" });
    expect(!bad.ok && bad.error).toMatch(/^header\.seed:/);
  });

  it("refuses a file from another engine version", () => {
    const r = verifySession(parse(edited(exported(), (j) => { j.header.engineVersion = ENGINE_VERSION + 1; })));
    expect(r).toMatchObject({ ok: false, code: "ENGINE_VERSION" });
    expect(!r.ok && r.error).toMatch(new RegExp(`engine version ${ENGINE_VERSION + 1}`));
  });

  it("a changed action is caught: refused by the engine, or a hash mismatch that says where the drift began", () => {
    const file = exported();
    const vote = file.actions.findIndex((a) => a.type === "vote" && a.choice === "no");
    const r = verifySession(parse(edited(file, (j) => { j.actions[vote].choice = "yes"; })));
    expect(r).toMatchObject({ ok: false, code: "HASH_MISMATCH" });
    expect(!r.ok && r.error).toMatch(/first differ at the phase boundary after action \d+/);
    const refused = verifySession(parse(edited(file, (j) => { j.actions[3].type = "host.start"; })));
    expect(refused).toMatchObject({ ok: false, code: "ACTION_REFUSED", seq: 4 });
    const hashEdited = verifySession(parse(edited(file, (j) => { j.final.hash = "0123456789abcdef"; })));
    expect(hashEdited).toMatchObject({ ok: false, code: "HASH_MISMATCH" });
  });

  it("a file without its scenario replays only against the very same scenario", () => {
    const file = exported({ withoutScenario: true });
    expect(file.scenario).toBeUndefined();
    expect(verifySession(file)).toMatchObject({ ok: false, code: "SCENARIO_MISSING" });
    expect(verifySession(file, () => yerevan).ok).toBe(true);
    const newer = changedScenario((s) => { s.version += 1; });
    expect(verifySession(file, () => newer)).toMatchObject({ ok: false, code: "SCENARIO_CHANGED", error: expect.stringMatching(/does not carry/) });
    const silentlyEdited = changedScenario((s) => { s.delegations[0]!.priorities["strategy-2025"]!["adopted:core"] = 1; });
    expect(verifySession(file, () => silentlyEdited)).toMatchObject({ ok: false, code: "SCENARIO_CHANGED", error: expect.stringMatching(/without a new version/) });
  });

  it("a roster that is not the log's is refused, even when every hash matches", () => {
    const renamed = verifySession(parse(edited(exported(), (j) => { j.header.roster[0].name = "Somebody else"; })));
    expect(renamed).toMatchObject({ ok: false, code: "ROSTER_MISMATCH", error: expect.stringMatching(/first difference at entry 1/) });
    const padded = verifySession(parse(edited(exported(), (j) => { j.header.roster.push({ seat: "ghost", name: "Ghost", delegation: null, bot: false, left: false }); })));
    expect(padded).toMatchObject({ ok: false, code: "ROSTER_MISMATCH" });
  });

  it("a signature is an optional, strictly shaped field that the canonical content leaves out", () => {
    const file = exported();
    const signature = { alg: "HMAC-SHA256", key: "0123456789abcdef", mac: "ab".repeat(32) };
    const signed = parse({ ...JSON.parse(stringifySession(file)), signature });
    expect(signed.signature).toEqual(signature);
    expect(canonicalSessionContent(signed)).toBe(canonicalSessionContent(file));
    // Formatting and key order do not change the canonical content; the content does.
    const { actions, ...rest } = JSON.parse(stringifySession(file));
    expect(canonicalSessionContent(parse({ actions, ...rest }))).toBe(canonicalSessionContent(file));
    expect(canonicalSessionContent(parse(edited(file, (j) => { j.header.title = "Other"; })))).not.toBe(canonicalSessionContent(file));
    expect(parseSessionFile({ ...JSON.parse(stringifySession(file)), signature: { ...signature, alg: "MD5" } })).toMatchObject({ ok: false, code: "BAD_FILE" });
    expect(parseSessionFile({ ...JSON.parse(stringifySession(file)), signature: { ...signature, extra: 1 } })).toMatchObject({ ok: false, code: "BAD_FILE" });
  });

  it("a file whose scenario does not match its header is refused", () => {
    const r = verifySession(parse(edited(exported(), (j) => { j.scenario.delegations[0].priorities["strategy-2025"]["adopted:core"] = 1; })));
    expect(r).toMatchObject({ ok: false, code: "BAD_SCENARIO" });
  });
});

/** A ballot as a pause leaves it: its own clock held with the time it had left. */
const held = (now: number) => (b: State["ballots"][number]) =>
  b.result === "open" && b.closesAt !== null ? { ...b, closesAt: null, remaining: b.closesAt - now } : b;

describe("forks", () => {
  const t = historicalYerevan("90");
  const h: SessionHeader = { ...header, timing: "90" };
  const voting = t.log.findIndex((a, i) => i > 0 && replayTo(i + 1).phase === "voting") + 1;
  function replayTo(seq: number) {
    const r = replay(yerevan, h, t.log.slice(0, seq));
    if (!r.ok) throw new Error(r.error);
    return r.state;
  }

  it("starts paused from the moment forked from, keeps the prefix verbatim and no seats", () => {
    const before = replayTo(voting);
    const f = forkSession(yerevan, h, t.log, voting);
    if (!f.ok) throw new Error(f.error);
    expect(f.actions.slice(0, voting)).toEqual(t.log.slice(0, voting));
    expect(f.state.status).toBe("paused");
    expect(f.state.seats).toEqual({});
    expect(f.state.clock.remaining).toBe(before.clock.endsAt! - before.now);
    // The open ballot waits: nobody's absence settles it while the fork is paused, and its own clock is held.
    expect(f.state.ballots.filter((b) => b.result === "open")).toHaveLength(1);
    expect(f.state.ballots).toEqual(before.ballots.map(held(before.now)));
    expect(replay(yerevan, h, f.actions).ok).toBe(true);
  });

  it("with bots, a bot signs for every delegation, as at a live table", () => {
    const f = forkSession(yerevan, h, t.log, voting, { bots: true });
    if (!f.ok) throw new Error(f.error);
    expect(Object.keys(f.state.seats).sort()).toEqual(["bot-am", "bot-by", "bot-kg", "bot-kz", "bot-ru", "bot-tj"]);
    expect(f.state.delegations.RU?.signatory).toBe("bot-ru");
    const at = replayTo(voting);
    expect(f.state.ballots).toEqual(at.ballots.map(held(at.now)));
  });

  it("refuses a moment after the end, or outside the log", () => {
    expect(forkSession(yerevan, h, t.log, t.log.length)).toMatchObject({ ok: false, code: "ENDED" });
    expect(forkSession(yerevan, h, t.log, t.log.length + 1)).toMatchObject({ ok: false, code: "BAD_SEQ" });
    expect(forkSession(yerevan, h, t.log, 0)).toMatchObject({ ok: true, actions: [] });
  });
});
