/**
 * Structured commitments for bots: what a pledge is worth, which offers to accept, and which trades to offer.
 * A plain bot offers only support it would give anyway; a strong bot trades support on items it cares little
 * about for support on the ones it cares about.
 */
import type { ActionInput, Pledge } from "../actions";
import { adopted, outcomeIfPassed } from "../outcomes";
import { type BotContext, openItems, pointsPerScore, relation, ruleFor, stake, utility } from "./botContext";
import { CONDUCT } from "../rules/scoring";
import { currentQueue, itemValue, stance, trust, voteOdds } from "./beliefs";
import { bell } from "./chance";
import { offerNote } from "./speech";

/** Weight of a pledge on a draft nobody has tabled yet: it may never be voted on. */
const HYPOTHETICAL = 0.5;
const ACCEPT_BAR = { plain: 0.2, strong: 0.4 } as const;
/** Goodwill towards a partner, per point of relation, when weighing its offer. */
const GOODWILL = { plain: 1.0, strong: 0.4 } as const;
/** Net gain a trade must promise before the bot offers it. */
const OFFER_BAR = { plain: 0.5, strong: 0.7 } as const;
/** Offers a bot makes per round, at most. */
const OFFERS_PER_ROUND = { plain: 2, strong: 4 } as const;
/** Most a plain bot will pay for a trade: it only offers support it would give anyway. */
const PLAIN_MAX_COST = 0.2;
/** Asks a bot weighs at once: the ones with most at stake. */
const MAX_ASKS = 3;

function extraFor(c: BotContext, p: Pledge): string[] {
  return currentQueue(c, p.item).includes(p.target) ? [] : [p.target];
}

/** What it is worth to the bot that `j` keeps pledge `p` (negative if it hurts), discounted by trust. */
export function pledgeWorth(c: BotContext, j: string, p: Pledge): number {
  if (c.view.outcomes[p.item] !== undefined) return 0;
  const extra = extraFor(c, p);
  const base = itemValue(c, p.item, [], extra);
  const bound = itemValue(c, p.item, [{ delegation: j, item: p.item, option: p.target, choice: p.vote }], extra);
  return (bound - base) * trust(c, j) * (extra.length ? HYPOTHETICAL : 1);
}

/**
 * What it costs the bot to bind its own vote to pledge `p` (never negative). Priced cautiously: the bot does
 * not count on rivals to block for it, since they may be promising the same thing to someone else.
 */
export function pledgeCost(context: BotContext, p: Pledge): number {
  if (context.view.outcomes[p.item] !== undefined) return 0;
  const c = cautiousOf(context);
  const extra = extraFor(c, p);
  const free = itemValue(c, p.item, [], extra);
  const bound = itemValue(c, p.item, [{ delegation: c.me, item: p.item, option: p.target, choice: p.vote }], extra);
  return Math.max(0, free - bound) * (extra.length ? HYPOTHETICAL : 1);
}

function cautiousOf(c: BotContext): BotContext {
  if (c.cautious) return c;
  const memo = c.memo.get("cautious") as BotContext | undefined;
  if (memo) return memo;
  const cautious: BotContext = { ...c, memo: new Map(), cautious: true };
  c.memo.set("cautious", cautious);
  return cautious;
}

/** Accepts or declines the oldest offer made to the bot, or null when there is none. */
export function answerOffer(c: BotContext, rng: number): [ActionInput, number] | null {
  const offer = c.view.commitments.find((x) => x.to === c.me && x.status === "offered");
  if (!offer) return null;
  const worth = pledgeWorth(c, offer.from, offer.give);
  const cost = offer.want ? pledgeCost(c, offer.want) : 0;
  const [z, next] = bell(rng);
  const net = worth - cost + (offer.want ? keptBonus(c) : 0) + GOODWILL[c.strength] * relation(c, c.me, offer.from) + 0.5 * z;
  return [{ type: net > ACCEPT_BAR[c.strength] ? "commit.accept" : "commit.decline", commitment: offer.id }, next];
}

/** Whether `j` has shown it wants (item, target) passed: it backs a draft of it or voted for it. */
function wants(c: BotContext, j: string, item: string, target: string): boolean {
  if (stance(c, j, item, target) === "backer") return true;
  return c.view.ballots.some((b) => b.result !== "open" && b.item === item && b.option === target && b.votes[j] === "yes");
}

/** Support the bot would like from others: not to block drafts it wants, to back or sink motions to postpone. */
function asks(c: BotContext): Pledge[] {
  const out: { pledge: Pledge; gap: number }[] = [];
  for (const item of openItems(c)) {
    const now = itemValue(c, item.id);
    const targets = new Set(currentQueue(c, item.id));
    const best = item.options.map((o) => o.id).sort((a, b) => utility(c, item.id, adopted(b)) - utility(c, item.id, adopted(a)))[0];
    if (best) targets.add(best);
    for (const t of targets) {
      const u = utility(c, item.id, outcomeIfPassed(t));
      const vote = t === "postpone" || ruleFor(c, item.id, t) !== "consensus" ? "yes" : "abstain";
      if (u > now + 0.5) out.push({ pledge: { item: item.id, target: t, vote }, gap: u - now });
      else if (t === "postpone" && u < now - 0.5) out.push({ pledge: { item: item.id, target: t, vote: "no" }, gap: now - u });
    }
  }
  // Only the few asks that matter most are worth a negotiation.
  return out.sort((a, b) => b.gap - a.gap).slice(0, MAX_ASKS).map((x) => x.pledge);
}

/** Support the bot could give `j`: a yes on what `j` has shown it wants and the bot does not already back. */
function gifts(c: BotContext, j: string): Pledge[] {
  const out: Pledge[] = [];
  for (const item of openItems(c)) {
    for (const t of [...item.options.map((o) => o.id), "postpone"]) {
      if (wants(c, j, item.id, t) && stance(c, c.me, item.id, t) !== "backer") out.push({ item: item.id, target: t, vote: "yes" });
    }
  }
  return out;
}

const samePledge = (a: Pledge | null, b: Pledge | null): boolean =>
  a === b || (!!a && !!b && a.item === b.item && a.target === b.target && a.vote === b.vote);

/** The best trade to offer now, as a commit.offer action, or null when none is worth it. */
export function planOffer(c: BotContext, rng: number): [ActionInput, number] | null {
  const mine = c.view.commitments.filter((x) => x.from === c.me);
  if (mine.length >= OFFERS_PER_ROUND[c.strength] * c.view.round) return null;
  const myAsks = asks(c);
  if (myAsks.length === 0) return null;
  const costs = new Map<string, number>();
  const costOf = (g: Pledge): number => {
    const k = `${g.item}/${g.target}/${g.vote}`;
    if (!costs.has(k)) costs.set(k, pledgeCost(c, g));
    return costs.get(k)!;
  };
  let best: { to: string; give: Pledge; want: Pledge; gain: number } | null = null;
  for (const j of c.others) {
    if (mine.some((x) => x.to === j && x.status === "offered")) continue;
    const offers = gifts(c, j);
    if (offers.length === 0) continue;
    const held = c.view.commitments.filter((x) => x.status === "accepted" && (x.from === j || x.to === j));
    for (const want of myAsks) {
      if (held.some((x) => (x.from === j ? x.give : x.want)?.item === want.item && (x.from === j ? x.give : x.want)?.target === want.target)) continue;
      const usable = offers.filter((g) => g.item !== want.item &&
        (c.strength === "plain" || stake(c, itemById(c, g.item)) < stake(c, itemById(c, want.item))) &&
        !mine.some((x) => x.to === j && samePledge(x.give, g) && samePledge(x.want, want)));
      if (usable.length === 0) continue;
      // A pledge from someone who would vote that way anyway is worth nothing: skip the costly sums.
      const odds = voteOdds(c, j, want.item, want.target);
      if ((want.vote === "no" ? odds.yes + odds.abstain : odds.no) < 0.12) continue;
      const worth = pledgeWorth(c, j, want);
      if (worth < 0.5) continue;
      for (const give of usable) {
        const cost = costOf(give);
        if (c.strength === "plain" && cost > PLAIN_MAX_COST) continue;
        const gain = worth - cost + keptBonus(c);
        if (gain > OFFER_BAR[c.strength] && (!best || gain > best.gain)) best = { to: j, give, want, gain };
      }
    }
  }
  if (!best) return null;
  const [note, next] = offerNote(c, rng, best.to, best.give, best.want);
  return [{ type: "commit.offer", to: best.to, give: best.give, want: best.want, note }, next];
}

function itemById(c: BotContext, id: string) {
  const it = c.view.scenario.items.find((i) => i.id === id);
  if (!it) throw new Error(`unknown item ${id}`);
  return it;
}

/** What keeping one more pledge adds to the bot's summit score, in its priority points (nothing past the cap). */
export function keptBonus(c: BotContext): number {
  const held = c.view.commitments.filter((x) => x.status === "accepted" && (x.from === c.me || (x.to === c.me && x.want))).length;
  return held >= CONDUCT.keptCap ? 0 : CONDUCT.kept * pointsPerScore(c);
}
