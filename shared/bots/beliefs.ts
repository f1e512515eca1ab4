/**
 * What a bot expects: how each other delegation will vote on a draft, judged only from what its view shows
 * (drafts and who backs them, earlier votes, the votes cast so far, its own commitments), and what an agenda
 * item is worth to it if the drafts on the table are voted in order.
 */
import type { Choice } from "../actions";
import { passes } from "../rules/count";
import type { VotingRule } from "../scenario";
import { adopted, outcomeIfPassed } from "../outcomes";
import {
  type BotContext, adoptionFailed, openBallot, queueOf, relation, remember, ruleFor, utility,
} from "./botContext";

/** Chances that a delegation votes each way on one ballot. */
export interface Odds { yes: number; abstain: number; no: number }
/** "Suppose `delegation` votes `choice` on any ballot about `option` of `item`." */
export interface Assumption { delegation: string; item: string; option: string; choice: Choice }

const certain = (choice: Choice): Odds => ({ yes: 0, abstain: 0, no: 0, [choice]: 1 });

// Hand-set odds: how a delegation tends to vote given one kind of evidence.
const ADOPT = {
  backer: { yes: 0.93, abstain: 0.05, no: 0.02 },
  rival: { yes: 0.15, abstain: 0.35, no: 0.5 },
  prior: { yes: 0.5, abstain: 0.38, no: 0.12 },
};
const POSTPONE = {
  backer: { yes: 0.93, abstain: 0.05, no: 0.02 },
  rival: { yes: 0.15, abstain: 0.2, no: 0.65 },
  prior: { yes: 0.35, abstain: 0.3, no: 0.35 },
};
const PAST: Record<Choice, Odds> = {
  yes: { yes: 0.88, abstain: 0.08, no: 0.04 },
  abstain: { yes: 0.15, abstain: 0.7, no: 0.15 },
  no: { yes: 0.08, abstain: 0.12, no: 0.8 },
};

const CERTAIN: Record<Choice, Odds> = { yes: certain("yes"), abstain: certain("abstain"), no: certain("no") };

/** Everything the bot's view tells it about others' intentions, gathered once per turn. */
interface Evidence {
  /** Per "j|item": targets j has shown it wants, and targets it asked this bot to vote down. */
  backed: Map<string, { wants: Set<string>; against: Set<string> }>;
  /** Per "j|item|option": j's vote on the latest closed ballot about it. */
  past: Map<string, Choice>;
  /** Per "j|item|option": odds from a pledge j made to this bot in an accepted commitment. */
  pledged: Map<string, Odds>;
  /** Votes cast so far on the open ballot, per "j|item|option". */
  cast: Map<string, Choice>;
}

const NOTHING = { wants: new Set<string>(), against: new Set<string>() };

/** How far the bot trusts a delegation to keep its word: relations and its record with this bot. */
export function trust(c: BotContext, j: string): number {
  return remember(c, `trust|${j}`, () => {
    let t = 0.75 + 0.25 * relation(c, c.me, j);
    for (const x of c.view.commitments) {
      const v = x.status === "accepted" && (x.from === j || x.to === j) ? x.judged[j] : undefined;
      if (v === "kept") t += 0.1;
      if (v === "broken") t -= 0.3;
    }
    return Math.min(0.97, Math.max(0.3, t));
  });
}

function evidence(c: BotContext): Evidence {
  return remember(c, "evidence", () => {
    const e: Evidence = { backed: new Map(), past: new Map(), pledged: new Map(), cast: new Map() };
    const entry = (j: string, item: string) => {
      const k = `${j}|${item}`;
      let b = e.backed.get(k);
      if (!b) e.backed.set(k, (b = { wants: new Set(), against: new Set() }));
      return b;
    };
    for (const p of c.view.proposals) {
      if (p.status === "withdrawn") continue;
      for (const j of [p.sponsor, ...p.cosponsors]) entry(j, p.item).wants.add(p.option);
      for (const m of p.amendments) entry(m.by, p.item).wants.add(m.option);
    }
    for (const x of c.view.commitments) {
      // An offer to this bot asking for its vote reveals what the offerer wants.
      if (x.to === c.me && x.want) (x.want.vote === "no" ? entry(x.from, x.want.item).against : entry(x.from, x.want.item).wants).add(x.want.target);
      if (x.status !== "accepted") continue;
      for (const [j, p] of [[x.from, x.give], [x.to, x.want]] as const) {
        if (!p || j === c.me) continue;
        const t = trust(c, j);
        const odds = p.vote === "no" ? { yes: (1 - t) / 2, abstain: (1 - t) / 2, no: t } : { ...certain(p.vote), [p.vote]: t, no: 1 - t };
        e.pledged.set(`${j}|${p.item}|${p.target}`, odds);
      }
    }
    for (const b of c.view.ballots) {
      for (const [j, v] of Object.entries(b.votes)) {
        if (v === "absent") continue;
        (b.result === "open" ? e.cast : e.past).set(`${j}|${b.item}|${b.option}`, v);
      }
    }
    return e;
  });
}

/**
 * Whether `j` has shown support for (item, option), for a rival target, or neither. With `later` (the targets
 * still to be voted after this one) a rival counts only while its own target is still to come: once that has
 * failed, it has no reason left to block.
 */
export function stance(c: BotContext, j: string, item: string, option: string, later?: readonly string[]): "backer" | "rival" | "prior" {
  const { wants, against } = evidence(c).backed.get(`${j}|${item}`) ?? NOTHING;
  if (wants.has(option)) return "backer";
  if (c.cautious) return "prior";
  if (against.has(option)) return "rival";
  for (const w of wants) if (later === undefined || later.includes(w)) return "rival";
  return "prior";
}

/** How the bot expects `j` to vote on a ballot about (item, option). */
export function voteOdds(c: BotContext, j: string, item: string, option: string, assume: readonly Assumption[] = [], later?: readonly string[]): Odds {
  for (const a of assume) if (a.delegation === j && a.item === item && a.option === option) return CERTAIN[a.choice];
  const e = evidence(c);
  const k = `${j}|${item}|${option}`;
  const cast = e.cast.get(k);
  if (cast) return CERTAIN[cast];
  const pledged = e.pledged.get(k);
  if (pledged) return pledged;
  const past = e.past.get(k);
  if (past) return PAST[past];
  return (option === "postpone" ? POSTPONE : ADOPT)[stance(c, j, item, option, later)];
}

/** The chance that a draft passes if the bot votes `mine`, under the item's rule. */
export function passChance(
  c: BotContext, item: string, option: string, mine: Choice, assume: readonly Assumption[] = [], later?: readonly string[],
): number {
  return passChances(c, item, option, assume, later)[mine];
}

/** The chance that a draft passes for each way the bot could vote. */
export function passChances(
  c: BotContext, item: string, option: string, assume: readonly Assumption[] = [], later?: readonly string[],
): Record<Choice, number> {
  let key = `pass|${item}|${option}|${later?.join(",") ?? "*"}`;
  const relevant: Assumption[] = [];
  for (const x of assume) {
    if (x.item !== item || x.option !== option || x.delegation === c.me) continue;
    relevant.push(x);
    key += `|${x.delegation}:${x.choice}`;
  }
  return remember(c, key, () => computePassChances(c, item, option, relevant, later));
}

function computePassChances(
  c: BotContext, item: string, option: string, assume: readonly Assumption[], later: readonly string[] | undefined,
): Record<Choice, number> {
  const rule = ruleFor(c, item, option);
  if (rule === "consensus" || rule === "unanimity") {
    // Consensus: nobody objects and somebody says yes. Unanimity: everybody says yes.
    let clear = 1, silent = 1, allYes = 1;
    for (const j of c.others) {
      const o = voteOdds(c, j, item, option, assume, later);
      clear *= 1 - o.no;
      silent *= o.abstain;
      allYes *= o.yes;
    }
    if (rule === "unanimity") {
      return { yes: c.others.length + 1 === c.view.scenario.delegations.length ? allYes : 0, abstain: 0, no: 0 };
    }
    return { yes: clear, abstain: clear - silent, no: 0 };
  }
  // Distribution over the others' (yes, no) counts, built one delegation at a time; the bot's own vote shifts it.
  const size = c.others.length + 2;
  let dist = new Float64Array(size * size);
  dist[0] = 1;
  for (const j of c.others) {
    const o = voteOdds(c, j, item, option, assume, later);
    const next = new Float64Array(size * size);
    for (let y = 0; y + 1 < size; y++) {
      for (let n = 0; n + y + 1 < size; n++) {
        const p = dist[y * size + n]!;
        if (p === 0) continue;
        next[(y + 1) * size + n]! += p * o.yes;
        next[y * size + n]! += p * o.abstain;
        next[y * size + n + 1]! += p * o.no;
      }
    }
    dist = next;
  }
  const table = passTable(rule, c.view.scenario.delegations.length, size);
  const out = { yes: 0, abstain: 0, no: 0 };
  for (let y = 0; y + 1 < size; y++) {
    for (let n = 0; n + y + 1 < size; n++) {
      const p = dist[y * size + n]!;
      if (p === 0) continue;
      if (table[(y + 1) * size + n]) out.yes += p;
      if (table[y * size + n]) out.abstain += p;
      if (table[y * size + n + 1]) out.no += p;
    }
  }
  return out;
}

const tables = new Map<string, Uint8Array>();
/** Which (yes, no) counts pass under a rule, worked out once with the engine's own counting. */
function passTable(rule: VotingRule, members: number, size: number): Uint8Array {
  const key = `${rule}/${members}/${size}`;
  let t = tables.get(key);
  if (t) return t;
  t = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let n = 0; n + y < size; n++) {
      const votes: Record<string, Choice> = {};
      for (let i = 0; i < y; i++) votes[`y${i}`] = "yes";
      for (let i = 0; i < n; i++) votes[`n${i}`] = "no";
      t[y * size + n] = passes(rule, votes, members) ? 1 : 0;
    }
  }
  tables.set(key, t);
  return t;
}

/** Share of the future the bot gives to a second round when an item is still open at the end of this one. */
const NEXT_ROUND_HOPE = 0.35;

/** What an item is worth if nothing (more) passes now: rejected or postponed, softened by hope of the next round. */
export function fallback(c: BotContext, item: string, failed: boolean): number {
  const base = utility(c, item, failed ? "rejected" : "postponed");
  if (c.lastRound) return base;
  const it = c.view.scenario.items.find((i) => i.id === item);
  const options = it?.options.map((o) => utility(c, item, adopted(o.id))) ?? [base];
  const mean = options.reduce((a, b) => a + b, 0) / options.length;
  return (1 - NEXT_ROUND_HOPE) * base + NEXT_ROUND_HOPE * Math.max(base, mean);
}

/**
 * Expected worth of voting `queue` (draft options in ballot order) on an item, the bot casting its own votes
 * as best it can unless an assumption fixes them. `failed`: an adoption ballot on the item has already failed.
 */
export function queueValue(c: BotContext, item: string, queue: readonly string[], failed: boolean, assume: readonly Assumption[] = []): number {
  if (queue.length === 0) return fallback(c, item, failed);
  const relevant = assume.filter((x) => x.item === item);
  const key = `queue|${item}|${queue.join(",")}|${failed}|${relevant.map((x) => `${x.delegation}:${x.option}:${x.choice}`).join(",")}`;
  return remember(c, key, () => computeQueueValue(c, item, queue, failed, relevant));
}

function computeQueueValue(c: BotContext, item: string, queue: readonly string[], failed: boolean, assume: readonly Assumption[]): number {
  const [option, ...rest] = queue as [string, ...string[]];
  const after = queueValue(c, item, rest, failed || option !== "postpone", assume);
  const u = utility(c, item, outcomeIfPassed(option));
  const open = openBallot(c);
  const cast = open && open.item === item && open.option === option ? open.votes[c.me] : undefined;
  const forced = assume.find((x) => x.delegation === c.me && x.item === item && x.option === option)?.choice
    ?? (cast && cast !== "absent" ? cast : undefined);
  const chances = passChances(c, item, option, assume, rest);
  let best = -Infinity;
  for (const mine of forced ? [forced] : (["yes", "abstain", "no"] as const)) {
    const p = chances[mine];
    best = Math.max(best, p * u + (1 - p) * after);
  }
  return best;
}

/** The draft options of an item in ballot order, the one under vote first. */
export function currentQueue(c: BotContext, item: string): string[] {
  const open = openBallot(c);
  const head = open && open.item === item ? [open.option] : [];
  return [...head, ...queueOf(c, item).map((p) => p.option)];
}

/** Where a new motion to postpone would join the queue: after the ballot under way and any other motion to postpone. */
export function postponeSlot(c: BotContext, item: string, queue: readonly string[]): number {
  const open = openBallot(c);
  let i = open && open.item === item ? 1 : 0;
  while (queue[i] === "postpone") i++;
  return i;
}

/** Expected worth of an item from here, optionally with hypothetical drafts added at the end of the queue. */
export function itemValue(c: BotContext, item: string, assume: readonly Assumption[] = [], extra: readonly string[] = []): number {
  if (c.view.outcomes[item] !== undefined) return utility(c, item, c.view.outcomes[item]!);
  const queue = currentQueue(c, item);
  for (const o of extra) if (!queue.includes(o)) queue.splice(o === "postpone" ? postponeSlot(c, item, queue) : queue.length, 0, o);
  return queueValue(c, item, queue, adoptionFailed(c, item), assume);
}
