/**
 * Invariants the property tests check after every step of random play. Each check throws an Error naming what
 * broke; fast-check then shrinks the op sequence and reports it.
 */
import { objectionsUsed } from "../../shared/rules/ballots";
import type { Action } from "../../shared/actions";
import type { ApplyResult } from "../../shared/apply";
import { type LegalAction, legalActions } from "../../shared/legalActions";
import { channelMembers } from "../../shared/rules/channels";
import { teamOf } from "../../shared/rules/seats";
import type { State } from "../../shared/state";
import { type Viewer, viewFor } from "../../shared/viewFor";
import { MARKER } from "./randomPlay";

export function check(ok: unknown, message: string | (() => string)): asserts ok {
  if (!ok) throw new Error(typeof message === "string" ? message : message());
}

/**
 * Checks that a value is plain JSON (plain objects and arrays, finite numbers, no undefined, no holes) and freezes
 * it, so that any later mutation by the engine throws. Frozen subtrees were checked before and are skipped, which
 * keeps this cheap under structural sharing.
 */
export function freezeJson(value: unknown, path = "state"): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    check(Number.isFinite(value), `${path} is ${value}: not JSON`);
    return;
  }
  check(typeof value === "object", `${path} is a ${typeof value}: not JSON`);
  if (Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      check(i in value && value[i] !== undefined, `${path}[${i}] is undefined or a hole`);
      freezeJson(value[i], `${path}[${i}]`);
    }
  } else {
    check(Object.getPrototypeOf(value) === Object.prototype, `${path} is not a plain object`);
    for (const [k, v] of Object.entries(value)) {
      check(v !== undefined, `${path}.${k} is undefined`);
      freezeJson(v, `${path}.${k}`);
    }
  }
  Object.freeze(value);
}

/** Deep equality of two JSON values, strict about types, key sets and array lengths (key order aside). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && jsonEqual((a as Record<string, unknown>)[k], rb[k]));
}

/** Facts about one run that outlive a single step. */
export class Tracker {
  /** "ballot|delegation" of every vote.cast event seen. */
  readonly votesCast = new Set<string>();
  readonly votesPerBallot = new Map<string, number>();
}

/** Whether every field of `legal` is in `a` with the same value; nested objects (a prepared move) match the same way. */
function sameFields(legal: object, a: object): boolean {
  return Object.entries(legal).every(([k, v]) => {
    const w = (a as Record<string, unknown>)[k];
    return v !== null && typeof v === "object" ? w !== null && typeof w === "object" && sameFields(v as object, w as object) && (!Array.isArray(v) || (w as unknown[]).length === v.length) : w === v;
  });
}

/** An accepted action by a seat or the host must be one that legalActions offered (templates match on their target). */
function wasOffered(prev: State, a: Action): boolean {
  if (a.by === "system") return true;
  if (a.by === "host") {
    if (a.type === "seat.assign" || (a.type === "host.inject" && a.event === undefined)) return true; // not enumerated
    return legalActions(prev, "host").some((l) => l.type === a.type && (l.type !== "host.inject" || sameFields(l, a)));
  }
  return legalActions(prev, a.by).some((l) => l.type === a.type && sameFields(l, a));
}

/** Checks an accepted step: bookkeeping, ballots and votes, seats, ranges and the legal-action lists. */
export function checkAccepted(prev: State, r: Extract<ApplyResult, { ok: true }>, t: Tracker): void {
  const s = r.state;
  const a = r.action;
  check(s.seq === prev.seq + 1, `seq went ${prev.seq} -> ${s.seq}`);
  check(s.now === a.at, `now ${s.now} is not the action's time ${a.at}`);
  check(s.scenario === prev.scenario, "the public scenario was replaced");
  freezeJson(s);
  check(wasOffered(prev, a), () => `accepted ${JSON.stringify(a)} which legalActions did not offer`);

  // Ballots: at most one open, only in voting; new ones only opened in a voting phase; votes only ever added.
  const open = s.ballots.filter((b) => b.result === "open");
  check(open.length <= 1, `${open.length} ballots open at once`);
  check(open.length === 0 || s.phase === "voting", `ballot ${open[0]?.id} open in phase ${s.phase}`);
  const before = new Map(prev.ballots.map((b) => [b.id, b]));
  const enteredVoting = r.events.some((e) => e.type === "phase.changed" && e.phase === "voting");
  check(s.ballots.length >= prev.ballots.length, "a ballot disappeared");
  const ids = new Set(s.scenario.delegations.map((d) => d.id));
  for (const b of s.ballots) {
    const old = before.get(b.id);
    if (!old) check(prev.phase === "voting" || enteredVoting, `ballot ${b.id} opened outside voting (phase ${prev.phase} -> ${s.phase})`);
    for (const [d, v] of Object.entries(b.votes)) {
      check(ids.has(d), `ballot ${b.id} has a vote from unknown delegation ${d}`);
      const was = old?.votes[d];
      check(was === undefined || was === v, `vote of ${d} on ${b.id} changed ${was} -> ${v}`);
    }
    if (b.result !== "open") check(Object.keys(b.votes).length === ids.size, `closed ballot ${b.id} lacks votes`);
  }
  for (const e of r.events) {
    if (e.type !== "vote.cast") continue;
    check(prev.phase === "voting" && prev.status === "running", `vote cast in ${prev.status}/${prev.phase}`);
    const key = `${e.ballot}|${e.delegation}`;
    check(!t.votesCast.has(key), `second vote ${key}`);
    t.votesCast.add(key);
    t.votesPerBallot.set(e.ballot, (t.votesPerBallot.get(e.ballot) ?? 0) + 1);
  }
  for (const b of s.ballots) {
    // A lapsed signatory's abstention was counted by the clock, not cast.
    for (const d of b.lapsed) check(b.votes[d] === "abstain", `lapsed ${d} on ${b.id} holds ${b.votes[d]}`);
    const cast = Object.entries(b.votes).filter(([d, v]) => v !== "absent" && !b.lapsed.includes(d)).length;
    check(cast === (t.votesPerBallot.get(b.id) ?? 0), `ballot ${b.id} holds ${cast} votes but ${t.votesPerBallot.get(b.id) ?? 0} were cast`);
  }

  for (const d of ids) check(objectionsUsed(s, d) <= s.scenario.objections, `${d} raised ${objectionsUsed(s, d)} objections`);

  // Seats: signatories sit at their delegation; teams within the limit.
  for (const [d, del] of Object.entries(s.delegations)) {
    check(del.signatory === null || s.seats[del.signatory]?.delegation === d, `signatory ${del.signatory} of ${d} does not sit there`);
    const team = teamOf(s, d);
    check(team.length <= s.scenario.maxTeamSize, `${d} has ${team.length} seats`);
    check((team.length === 0) === (del.signatory === null), `${d} has seats ${team} but signatory ${del.signatory}`);
  }
  for (const v of Object.values(s.relations)) check(v >= -1 && v <= 1, `relation ${v} out of range`);
  for (const c of s.cohesion) check(c.value >= 0 && c.value <= 1, `cohesion ${c.value} out of range`);
  if (s.status === "ended") {
    check(s.result !== null && open.length === 0 && s.phase === null, "ended without a result, or with a ballot open");
  }
}

const VIEWERS_ALWAYS: Viewer[] = [{ kind: "host" }, { kind: "spectator" }, { kind: "review" }];

/**
 * No view leaks before the end: a delegation sees no private message of a channel it is not in and no other
 * delegation's priorities; host, spectator and review views hold no private text and no priorities at all; nobody
 * sees the text of an event that has not fired, nor another delegation's briefing (`briefings`, from the scenario). Views are searched as JSON, so a leak through any field counts.
 * `channelOf` maps each private message's text marker to its channel. With `sample` only one viewer is checked,
 * chosen by the state's seq so that all take turns: this keeps long runs fast.
 */
export function checkViews(s: State, briefings: readonly { id: string; briefing: string }[], channelOf: ReadonlyMap<string, string>, sample = false): void {
  if (s.status === "ended") return;
  const ids = s.scenario.delegations.map((d) => d.id);
  const viewers: Viewer[] = [...ids.map((d): Viewer => ({ kind: "delegation", delegation: d })), ...VIEWERS_ALWAYS];
  viewers.forEach((v, i) => {
    if (sample && s.seq % viewers.length !== i) return;
    const view = viewFor(s, v);
    const me = v.kind === "delegation" ? v.delegation : null;
    const who = me ?? v.kind;
    const json = JSON.stringify(view);
    for (const [marker] of json.matchAll(MARKER)) {
      const channel = channelOf.get(marker);
      if (channel === undefined) continue; // a public message
      const members = channelMembers(channel, ids);
      check(me !== null && Array.isArray(members) && members.includes(me), () => `${who} sees ${marker} of ${channel}`);
    }
    for (const d of ids) check(d === me || view.delegations[d]?.priorities === undefined, `${who} sees ${d}'s priorities`);
    const priorities = json.split('"priorities":').length - 1;
    check(priorities === (me === null ? 0 : 1), () => `${who}'s view holds ${priorities} priority tables`);
    for (const e of s.pendingEvents) check(!json.includes(e.text), () => `${who} sees the unfired event ${e.id}`);
    // Advisers' portfolios and prepared moves stay within their own delegation.
    for (const m of view.prepared) check(m.delegation === me, () => `${who} sees ${m.delegation}'s prepared move ${m.id}`);
    for (const d of Object.keys(view.portfolios)) check(d === me, () => `${who} sees ${d}'s portfolios`);
    // A briefing spells out its delegation's secret priorities in words.
    for (const d of briefings) check(d.id === me || !json.includes(d.briefing), () => `${who} sees ${d.id}'s briefing`);
  });
}

/** After the end everything is revealed: the review view holds every private message. */
export function checkReveal(s: State, channelOf: ReadonlyMap<string, string>): void {
  const seen = new Set([...JSON.stringify(viewFor(s, { kind: "review" })).matchAll(MARKER)].map((m) => m[0]));
  for (const marker of channelOf.keys()) check(seen.has(marker), `the reveal misses ${marker}`);
}
