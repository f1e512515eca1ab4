/**
 * A random summit driver for the property tests. fast-check generates "ops" (small records of numbers, text and
 * junk); `RandomSummit.plan` reads each op against the live state and turns it into one input for `apply`:
 * a legal action (templates filled), a repeated, misrouted, stale or corrupted one, an out-of-phase shot, or garbage.
 * Each plan says whether the engine must accept it, must refuse it, or may do either.
 */
import { nextDeadline } from "../../shared/rules/ballots";
import fc from "fast-check";
import type { Action, Pledge } from "../../shared/actions";
import type { ApplyResult } from "../../shared/apply";
import { createSummit } from "../../shared/createSummit";
import { type LegalAction, legalActions } from "../../shared/legalActions";
import { channelsOf, PUBLIC } from "../../shared/rules/channels";
import type { Scenario } from "../../shared/scenario";
import type { State, TimingPreset } from "../../shared/state";

export const OP_KINDS = {
  seat: 60, host: 6, advance: 8, end: 1, tick: 8, join: 4, leave: 2, assign: 3,
  repeat: 5, misroute: 6, stale: 3, corrupt: 8, shotgun: 10, junk: 6,
} as const;
export type OpKind = keyof typeof OP_KINDS;
export interface Op { kind: OpKind; a: number; b: number; c: number; flag: boolean; text: string; dt: number; junk: unknown }
export type Expect = "accept" | "refuse" | "either";
export interface Plan { input: unknown; expect: Expect; why: string }

/** Private-message markers are wrapped in these; random text never contains them. */
const OPEN = "\u27e6", CLOSE = "\u27e7";
export const MARKER = /\u27e6m\d+\u27e7/g;
const clean = (t: string): string => t.replaceAll(OPEN, "").replaceAll(CLOSE, "");

const HUGE = "x".repeat(100_000);
const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, 0, -1, 1.5, NaN, Infinity, -Infinity, 1e308, "", " ", true, false, [], {}, HUGE, "host", "system", "public"),
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 20 }).map((type) => ({ type, by: "host", at: 1e9 })),
);
const textArb = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.constantFrom("  ", "\n\t", "") },
);
const dtArb = fc.oneof({ weight: 9, arbitrary: fc.nat(5_000) }, { weight: 1, arbitrary: fc.nat(900_000) });

export const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.oneof(...(Object.entries(OP_KINDS) as [OpKind, number][]).map(([k, weight]) => ({ weight, arbitrary: fc.constant(k) }))),
  a: fc.nat(10_000), b: fc.nat(10_000), c: fc.nat(10_000),
  flag: fc.boolean(), text: textArb, dt: dtArb, junk: junkArb,
});

/** Seats to create in the lobby before the random ops: delegation indices (wrapped), bots flagged. */
export const seatingArb = fc.oneof(
  fc.constant("full" as const),
  fc.array(fc.record({ d: fc.nat(20), bot: fc.boolean() }), { maxLength: 10 }),
);

const ALL_TYPES: Action["type"][] = [
  "seat.join", "seat.leave", "seat.pick", "seat.assign", "host.start", "host.pause", "host.resume", "host.extend",
  "host.advance", "host.inject", "host.broadcast", "host.end", "clock.tick", "say", "propose", "amend",
  "amendment.accept", "amendment.reject", "cosponsor", "withdraw", "vote", "commit.offer", "commit.accept",
  "commit.decline", "commit.withdraw",
];
const CHOICES = ["yes", "no", "abstain"] as const;
const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;
/** Picks an action type first, then an action of that type: six chat channels must not drown out the one vote. */
function pickByType(legal: LegalAction[], op: Op): LegalAction {
  const all = [...new Set(legal.map((l) => l.type))];
  const other = all.filter((t) => t !== "say");
  const type = op.c % 3 === 0 || other.length === 0 ? pick(all, op.b) : pick(other, op.b);
  return pick(legal.filter((l) => l.type === type), op.c);
}

export class RandomSummit {
  state: State;
  readonly log: Action[] = [];
  /** The channel of every accepted private message, by the text marker it carries. */
  readonly privateMarkers = new Map<string, string>();
  private seatCounter = 0;
  private markerCounter = 0;

  constructor(readonly scenario: Scenario, readonly timing: TimingPreset, readonly seed: number) {
    this.state = createSummit(scenario, { seed, timing });
  }

  get delegationIds(): string[] { return this.scenario.delegations.map((d) => d.id); }
  get seatIds(): string[] { return Object.keys(this.state.seats); }

  /** The lobby seating as inputs: each seat joins (by the server) and then picks its delegation. */
  seatingInputs(seating: "full" | { d: number; bot: boolean }[]): Record<string, unknown>[] {
    const plan = seating === "full" ? this.delegationIds.map((_, d) => ({ d, bot: false })) : seating;
    return plan.flatMap(({ d, bot }) => {
      const seat = `s${this.seatCounter++}`;
      return [
        { type: "seat.join", seat, name: `Player ${seat}`, bot, by: "system", at: this.state.now },
        { type: "seat.pick", delegation: pick(this.delegationIds, d), by: seat, at: this.state.now },
      ];
    });
  }

  /** Records an accepted action. */
  commit(r: Extract<ApplyResult, { ok: true }>): void {
    this.state = r.state;
    this.log.push(r.action);
    if (r.action.type === "say" && r.action.channel !== PUBLIC) {
      for (const m of r.action.text.match(MARKER) ?? []) this.privateMarkers.set(m, r.action.channel);
    }
  }

  private at(op: Op): number { return this.state.now + op.dt; }

  private pledge(n: number): Pledge {
    const item = pick(this.scenario.items, n);
    const targets = [...item.options.map((o) => o.id), "postpone"];
    const k = Math.floor(n / this.scenario.items.length);
    return { item: item.id, target: pick(targets, k), vote: pick(CHOICES, Math.floor(k / targets.length)) };
  }

  /** A legal action made concrete: say gets marked text, commit.offer pledges from the scenario, broadcast text. */
  fill(la: LegalAction, op: Op): Record<string, unknown> {
    const text = clean(op.text).slice(0, 300);
    switch (la.type) {
      case "say":
        return { ...la, text: `${text} ${OPEN}m${this.markerCounter++}${CLOSE}` };
      case "commit.offer": {
        const offer: Record<string, unknown> = { ...la, give: this.pledge(op.a), want: op.flag ? null : this.pledge(op.b) };
        if (op.c % 3 === 0) offer.note = text;
        return offer;
      }
      // a prepared offer is a template too: the adviser fills in the pledges
      case "prepare":
        return la.move.type === "commit.offer" && !("give" in la.move)
          ? { ...la, move: { ...la.move, give: this.pledge(op.a), want: op.flag ? null : this.pledge(op.b) } }
          : { ...la };
      // legalActions lists the broadcast with an empty text, which the schema refuses: it is a template in all but type.
      case "host.broadcast":
        return { ...la, text: text || "The chair asks for order." };
      default:
        return { ...la };
    }
  }

  /** Seats (and the host, when `withHost`) that have something legal to do, with what they can do. */
  private actors(withHost: boolean): [string, LegalAction[]][] {
    const out: [string, LegalAction[]][] = [];
    for (const seat of [...this.seatIds, ...(withHost ? ["host"] : [])]) {
      const legal = legalActions(this.state, seat).filter((l) => l.type !== "host.end");
      if (legal.length > 0) out.push([seat, legal]);
    }
    return out;
  }

  /** A filled legal action of some actor, chosen by the op; null when nobody can act. */
  private anyLegal(op: Op): { by: string; input: Record<string, unknown> } | null {
    const actors = this.actors(true);
    if (actors.length === 0) return null;
    const [by, legal] = pick(actors, op.a);
    return { by, input: this.fill(pick(legal, op.b), op) };
  }

  /** Often holds the summit in drafting until two drafts are tabled, so that more runs reach a ballot. */
  private keepDrafting(op: Op): boolean {
    if (this.state.phase !== "drafting" || !op.flag) return false;
    return this.state.proposals.filter((p) => p.status === "tabled").length < 1 + (op.a % 2);
  }

  /** Reads an op against the current state. */
  plan(op: Op): Plan {
    const s = this.state;
    const at = this.at(op);
    switch (op.kind) {
      case "seat": {
        const actors = this.actors(false);
        if (actors.length === 0) return this.plan({ ...op, kind: "join" });
        const [by, legal] = pick(actors, op.a);
        return { input: { ...this.fill(pickByType(legal, op), op), by, at }, expect: "accept", why: "legal seat action" };
      }
      case "host": {
        const legal = legalActions(s, "host").filter((x) => x.type !== "host.end" && x.type !== "host.advance");
        if (legal.length === 0) return this.plan({ ...op, kind: "junk" });
        return { input: { ...this.fill(pickByType(legal, op), op), by: "host", at }, expect: "accept", why: "legal host action" };
      }
      case "advance": {
        if (this.keepDrafting(op)) return this.plan({ ...op, kind: "seat" });
        // Move the summit on: start it, resume it, or advance the phase.
        const type = s.status === "lobby" ? "host.start" : s.status === "paused" ? "host.resume" : "host.advance";
        return { input: { type, by: "host", at }, expect: s.status === "ended" ? "refuse" : "accept", why: "host moves on" };
      }
      case "end":
        if (op.a % 3 !== 0) return this.plan({ ...op, kind: "advance" });
        return { input: { type: "host.end", by: "host", at }, expect: s.status === "ended" ? "refuse" : "accept", why: "host ends" };
      case "tick": {
        if (this.keepDrafting(op)) return this.plan({ ...op, kind: "seat" });
        // The next deadline: a phase ending or the open ballot's own clock, whichever is first.
        const deadline = nextDeadline(s);
        const when = deadline !== null && !op.flag ? Math.max(s.now, deadline) + (op.dt % 1000) : s.now + (op.dt % 1000);
        const due = s.status === "running" && deadline !== null && when >= deadline;
        return { input: { type: "clock.tick", by: "system", at: when }, expect: due ? "accept" : "refuse", why: "clock tick" };
      }
      case "join": {
        const reuse = op.flag && this.seatIds.length > 0;
        const seat = reuse ? pick(this.seatIds, op.a) : `s${this.seatCounter++}`;
        const name = op.text.slice(0, 40) || "Anonymous";
        const expect: Expect = s.status === "ended" || reuse ? "refuse" : "accept";
        return { input: { type: "seat.join", seat, name, bot: op.c % 2 === 0, by: "system", at }, expect, why: "seat joins" };
      }
      case "leave": {
        const seat = op.flag || this.seatIds.length === 0 ? "ghost" : pick(this.seatIds, op.a);
        return { input: { type: "seat.leave", seat, by: "system", at }, expect: "either", why: "seat leaves" };
      }
      case "assign": {
        const seat = this.seatIds.length === 0 ? "ghost" : pick(this.seatIds, op.a);
        const ds = [...this.delegationIds, null, "ZZ"];
        const input = { type: "seat.assign", seat, delegation: pick(ds, op.b), signatory: op.flag, by: op.c % 2 ? "host" : "system", at };
        return { input, expect: "either", why: "host assigns a seat" };
      }
      case "repeat": {
        // A client retrying: one of the last few accepted actions, sent again (a second vote, a second accept...).
        const last = this.log.length > 0 ? this.log[this.log.length - 1 - (op.a % Math.min(5, this.log.length))]! : null;
        if (!last) return this.plan({ ...op, kind: "seat" });
        return { input: { ...last, at }, expect: "either", why: "a repeated action" };
      }
      case "misroute": {
        const legal = this.anyLegal(op);
        if (!legal) return this.plan({ ...op, kind: "shotgun" });
        const by = pick([...this.seatIds, "host", "system", "nobody", "", legal.by], op.c);
        return { input: { ...legal.input, by, at }, expect: "either", why: `${legal.by}'s action sent by ${by}` };
      }
      case "stale": {
        const legal = this.anyLegal(op);
        if (!legal) return this.plan({ ...op, kind: "junk" });
        return { input: { ...legal.input, by: legal.by, at: s.now - 1 - (op.dt % 5000) }, expect: "refuse", why: "time went backwards" };
      }
      case "corrupt": {
        const legal = this.anyLegal(op);
        if (!legal) return this.plan({ ...op, kind: "junk" });
        const input: Record<string, unknown> = { ...legal.input, by: legal.by, at };
        if (op.flag) {
          input[`extra${op.c % 3}`] = op.junk;
          return { input, expect: "refuse", why: "unexpected field" };
        }
        const keys = Object.keys(input);
        input[pick(keys, op.c)] = op.junk;
        return { input, expect: "either", why: "a field replaced by junk" };
      }
      case "shotgun":
        return { input: this.shotgun(op, at), expect: "either", why: "any action type, whatever the phase" };
      case "junk":
        return { input: op.junk, expect: "refuse", why: "garbage" };
    }
  }

  /** Any action type with plausible or made-up references, from anyone: mostly out of phase or out of place. */
  private shotgun(op: Op, at: number): Record<string, unknown> {
    const s = this.state;
    const ids = this.delegationIds;
    const refs = [
      ...s.proposals.map((p) => p.id), ...s.ballots.map((b) => b.id), ...s.commitments.map((c) => c.id),
      ...s.proposals.flatMap((p) => p.amendments.map((m) => m.id)), ...s.scenario.items.map((i) => i.id), "p999", "b1", "x",
    ];
    const item = pick(this.scenario.items, op.b);
    const options = [...item.options.map((o) => o.id), "postpone", "nope"];
    const channels = [...channelsOf(pick(ids, op.a), ids), "dm:RU-RU", "team:ZZ", "dm:ZZ-RU", "publik", "team:"];
    const text = pick([clean(op.text) || "hi", HUGE, "   "], op.c);
    const by = pick([...this.seatIds, "host", "system", "nobody"], op.a + op.c);
    const type = pick(ALL_TYPES, op.a);
    const base = { type, by, at };
    const ref = pick(refs, op.b + op.c);
    switch (type) {
      case "seat.join": return { ...base, seat: pick([...this.seatIds, "host", "system", "fresh", "bad seat!"], op.b), name: text.slice(0, 60) };
      case "seat.leave": return { ...base, seat: pick([...this.seatIds, "host"], op.b) };
      case "seat.pick": return { ...base, delegation: pick([...ids, "ZZ", "ru"], op.b) };
      case "seat.assign": return { ...base, seat: pick([...this.seatIds, "ghost"], op.b), delegation: pick([...ids, null], op.c), signatory: op.flag };
      case "host.extend": return { ...base, seconds: pick([1, 60, 3600, 0, -5, 4000, 1.5], op.b) };
      case "host.inject": return op.flag ? { ...base, title: text.slice(0, 130), text: text.slice(0, 600) } : { ...base, event: pick([...this.scenario.events.map((e) => e.id), "nope"], op.b) };
      case "host.broadcast": return { ...base, text };
      case "say": return { ...base, channel: pick(channels, op.b), text };
      case "propose": return { ...base, item: pick([item.id, "nope"], op.c), option: pick(options, op.a), note: text.slice(0, 700) };
      case "amend": return { ...base, proposal: ref, option: pick(options, op.a) };
      case "amendment.accept": case "amendment.reject": return { ...base, amendment: ref };
      case "cosponsor": case "withdraw": return { ...base, proposal: ref };
      case "vote": return { ...base, ballot: ref, choice: pick([...CHOICES, "maybe"], op.c) };
      case "commit.offer": return { ...base, to: pick([...ids, "ZZ"], op.b), give: this.pledge(op.a), want: op.flag ? null : { item: "nope", target: "x", vote: "yes" } };
      case "commit.accept": case "commit.decline": case "commit.withdraw": return { ...base, commitment: ref };
      default: return base;
    }
  }
}
