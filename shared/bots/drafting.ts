/** How a bot drafts: tables the text (or motion to postpone) that most improves its prospects, co-sponsors, amends. */
import type { ActionInput } from "../actions";
import { outcomeIfPassed } from "../outcomes";
import {
  type BotContext, adoptionFailed, openItems, rankedOptions, stake, utility,
} from "./botContext";
import { currentQueue, postponeSlot, queueValue } from "./beliefs";
import { bell, softmax } from "./chance";
import { draftNote } from "./speech";

/** Expected gain (priority points) that makes a bot table a draft. */
const PROPOSE_MARGIN = 0.3;
/** How much better another option must be before the bot offers an amendment. */
const AMEND_GAP = 2;
/** Spread (priority points) of the bot's choice between drafts it could table. */
const CHOICE_TEMPERATURE = 1;

type Move = [ActionInput, number] | null;

function answerAmendment(c: BotContext, rng: number): Move {
  for (const p of c.view.proposals) {
    if (p.sponsor !== c.me || p.status !== "tabled") continue;
    const m = p.amendments.find((x) => x.status === "pending");
    if (!m) continue;
    const queue = currentQueue(c, p.item);
    const failed = adoptionFailed(c, p.item);
    const changed = queue.map((o, i) => (o === p.option && i === queue.indexOf(p.option) ? m.option : o));
    const [z, next] = bell(rng);
    const uOld = utility(c, p.item, outcomeIfPassed(p.option)), uNew = utility(c, p.item, outcomeIfPassed(m.option));
    const gain = c.strength === "strong"
      ? queueValue(c, p.item, changed, failed) - queueValue(c, p.item, queue, failed)
      : uNew - uOld;
    return [{ type: gain + 0.3 * z > 0 ? "amendment.accept" : "amendment.reject", amendment: m.id }, next];
  }
  return null;
}

function propose(c: BotContext, rng: number): Move {
  const items = openItems(c).sort((a, b) => stake(c, b) - stake(c, a));
  for (const item of items) {
    if (c.view.proposals.some((p) => p.item === item.id && p.sponsor === c.me && p.status === "tabled")) continue;
    const queue = currentQueue(c, item.id);
    const failed = adoptionFailed(c, item.id);
    const now = queueValue(c, item.id, queue, failed);
    const ranked = rankedOptions(c, item);
    const candidates = c.strength === "strong" ? [...ranked, "postpone"] : [ranked[0]!, "postpone"];
    const worth: { option: string; gain: number }[] = [];
    for (const option of candidates) {
      if (queue.includes(option) || utility(c, item.id, outcomeIfPassed(option)) <= now) continue;
      const next = [...queue];
      next.splice(option === "postpone" ? postponeSlot(c, item.id, queue) : next.length, 0, option);
      const gain = queueValue(c, item.id, next, failed) - now;
      if (gain > PROPOSE_MARGIN) worth.push({ option, gain });
    }
    if (worth.length > 0) {
      // Which text to table is a judgement call: better prospects are likelier, not certain, choices.
      const [option, r1] = softmax(rng, worth.map((w) => [w.option, w.gain / CHOICE_TEMPERATURE] as const));
      const [note, r2] = draftNote(c, r1, option);
      return [{ type: "propose", item: item.id, option, note }, r2];
    }
  }
  return null;
}

function cosponsor(c: BotContext, rng: number): Move {
  for (const p of c.view.proposals) {
    if (p.status !== "tabled" || p.sponsor === c.me || p.cosponsors.includes(c.me)) continue;
    const item = c.view.scenario.items.find((i) => i.id === p.item);
    if (!item) continue;
    const u = utility(c, p.item, outcomeIfPassed(p.option));
    const queue = currentQueue(c, p.item);
    const without = queue.filter((o, i) => !(o === p.option && i === queue.indexOf(p.option)));
    const favourite = utility(c, p.item, outcomeIfPassed(rankedOptions(c, item)[0]!));
    const liked = p.option === "postpone" ? u > favourite : u >= favourite - 0.5;
    if (liked && u > queueValue(c, p.item, without, adoptionFailed(c, p.item)) + 0.5) return [{ type: "cosponsor", proposal: p.id }, rng];
  }
  return null;
}

function amend(c: BotContext, rng: number): Move {
  for (const p of c.view.proposals) {
    if (p.status !== "tabled" || p.sponsor === c.me || p.option === "postpone" || p.amendments.some((m) => m.by === c.me)) continue;
    const item = c.view.scenario.items.find((i) => i.id === p.item);
    if (!item) continue;
    const queue = currentQueue(c, p.item);
    const u = utility(c, p.item, outcomeIfPassed(p.option));
    const target = rankedOptions(c, item).find((o) => o !== p.option && !queue.includes(o));
    if (target && utility(c, p.item, outcomeIfPassed(target)) - u >= AMEND_GAP) {
      return [{ type: "amend", proposal: p.id, option: target, note: "We suggest this change so that more delegations can support the text." }, rng];
    }
  }
  return null;
}

/** The bot's next drafting move: answer amendments, table, co-sponsor, amend; null when it has none. */
export function draftingMove(c: BotContext, rng: number): Move {
  return answerAmendment(c, rng) ?? propose(c, rng) ?? cosponsor(c, rng) ?? amend(c, rng);
}
