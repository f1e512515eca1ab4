/** What a bot knows on one turn: its own view, its seat and priorities, and small helpers over them. */
import type { ScenarioItem } from "../scenario";
import { adopted, outcomesOf } from "../outcomes";
import type { Ballot, Proposal } from "../state";
import type { View } from "../viewFor";

/** How shrewd a bot is: plain offers only support it would give anyway; strong trades and plans over commitments. */
export type Strength = "plain" | "strong";
/** Every strength, weakest first. */
export const STRENGTHS: readonly Strength[] = ["plain", "strong"];

/** One bot turn: its view, seat, delegation and strength, and a memo for the turn. */
export interface BotContext {
  view: View;
  seat: string;
  me: string;
  strength: Strength;
  /** Other delegations that have a signatory, i.e. that can vote. */
  others: string[];
  lastRound: boolean;
  /** Answers already worked out on this turn (the view does not change within a turn). */
  memo: Map<string, unknown>;
  /** When true the bot does not count on rivals to block for it (used to price its own pledges). */
  cautious?: boolean;
  /** A test policy: the bot votes as it likes whatever it pledged (never set for real bots). */
  faithless?: boolean;
}

/** Builds the context, or null when the seat does not sign for a delegation in this view. */
export function botContext(view: View, seat: string, strength: Strength, faithless = false): BotContext | null {
  if (view.viewer.kind !== "delegation") return null;
  const me = view.viewer.delegation;
  if (view.delegations[me]?.signatory !== seat || view.seats[seat]?.delegation !== me) return null;
  const others = view.scenario.delegations
    .map((d) => d.id)
    .filter((d) => d !== me && view.delegations[d]?.signatory != null);
  return { view, seat, me, strength, others, lastRound: view.round >= view.scenario.rounds, memo: new Map(), faithless };
}

/**
 * What one point of the summit score's conduct part is worth in the bot's own priority points (a rough middle: a
 * point of score is worth more priority points below the historical bar than above it). A plain bot plays its
 * priorities only and does not count conduct at all: 0.
 */
export function pointsPerScore(c: BotContext): number {
  if (c.strength === "plain") return 0;
  return remember(c, "pointsPerScore", () => 0.5 * c.view.scenario.items.reduce((a, it) => a + stake(c, it), 0));
}

/** Looks a value up in the turn's memo, computing it once. */
export function remember<T>(c: BotContext, key: string, compute: () => T): T {
  if (c.memo.has(key)) return c.memo.get(key) as T;
  const v = compute();
  c.memo.set(key, v);
  return v;
}

/** The bot's own utility for an outcome of an item (its priorities are in its own view only). */
export function utility(c: BotContext, item: string, outcome: string): number {
  return c.view.delegations[c.me]?.priorities?.[item]?.[outcome] ?? 0;
}

/** How much the bot cares about an item: the spread between its best and worst outcomes. */
export function stake(c: BotContext, item: ScenarioItem): number {
  const values = outcomesOf(item).map((k) => utility(c, item.id, k));
  return Math.max(...values) - Math.min(...values);
}

/** The item's options, best first for this bot. */
export function rankedOptions(c: BotContext, item: ScenarioItem): string[] {
  return item.options.map((o) => o.id).sort((a, b) => utility(c, item.id, adopted(b)) - utility(c, item.id, adopted(a)));
}

/** Relation between two delegations, from -1 to 1 (public). */
export function relation(c: BotContext, a: string, b: string): number {
  return c.view.relations[a < b ? `${a}|${b}` : `${b}|${a}`] ?? 0;
}

/** Undecided agenda items. */
export const openItems = (c: BotContext): ScenarioItem[] => c.view.scenario.items.filter((i) => c.view.outcomes[i.id] === undefined);

/** The voting rule for a draft of an item. */
export function ruleFor(c: BotContext, item: string, option: string): Ballot["rule"] {
  const r = c.view.rules[item];
  return option === "postpone" ? r?.postponeRule ?? "majority" : r?.rule ?? "consensus";
}

/** Tabled drafts on an item in the order the chair takes them (motions to postpone first, then tabling order). */
export function queueOf(c: BotContext, item: string): Proposal[] {
  return c.view.proposals
    .filter((p) => p.item === item && p.status === "tabled")
    .sort((a, b) => Number(b.option === "postpone") - Number(a.option === "postpone") || Number(a.id.slice(1)) - Number(b.id.slice(1)));
}

/** True when an adoption ballot on the item has already failed, so that "rejected" is what happens if nothing passes. */
export const adoptionFailed = (c: BotContext, item: string): boolean =>
  c.view.ballots.some((b) => b.item === item && b.option !== "postpone" && b.result === "failed");

/** The ballot being voted on, if any. */
export const openBallot = (c: BotContext): Ballot | undefined => c.view.ballots.find((b) => b.result === "open");
