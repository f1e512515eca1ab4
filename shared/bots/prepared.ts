/**
 * A bot signatory and its human advisers: it approves a prepared move that does not hurt its own priorities,
 * and discards one that does (or that can no longer be made). It waits on a move that only a later phase allows.
 */
import type { ActionInput, PreparedMoveInput } from "../actions";
import type { PreparedMove } from "../state";
import { type BotContext, adoptionFailed } from "./botContext";
import { currentQueue, postponeSlot, queueValue } from "./beliefs";
import { pledgeCost, pledgeWorth } from "./dealing";

/** Loss (priority points) small enough to call a move harmless: an adviser's judgement gets the benefit of the doubt. */
const TOLERANCE = 0.05;

/** What making the move would be worth to the bot, as its drafting and dealing code would price it (negative: it hurts). */
export function preparedWorth(c: BotContext, move: PreparedMoveInput): number {
  switch (move.type) {
    case "propose": {
      const queue = currentQueue(c, move.item);
      const failed = adoptionFailed(c, move.item);
      const next = [...queue];
      next.splice(move.option === "postpone" ? postponeSlot(c, move.item, queue) : next.length, 0, move.option);
      return queueValue(c, move.item, next, failed) - queueValue(c, move.item, queue, failed);
    }
    case "amend": {
      // Priced as if the sponsor accepted it, as the bot prices amendments to its own drafts.
      const p = c.view.proposals.find((x) => x.id === move.proposal);
      if (!p) return 0;
      const queue = currentQueue(c, p.item);
      const at = queue.indexOf(p.option);
      const changed = queue.map((o, i) => (i === at ? move.option : o));
      const failed = adoptionFailed(c, p.item);
      return queueValue(c, p.item, changed, failed) - queueValue(c, p.item, queue, failed);
    }
    case "commit.offer":
      return (move.want ? pledgeWorth(c, move.to, move.want) : 0) - pledgeCost(c, move.give);
  }
}

/** "now" when the engine would accept the move at once, "later" when a later phase may, "never" when it is stale. */
function readiness(c: BotContext, move: PreparedMoveInput): "now" | "later" | "never" {
  const v = c.view;
  switch (move.type) {
    case "propose":
      if (v.outcomes[move.item] !== undefined) return "never";
      if (v.proposals.some((p) => p.item === move.item && p.sponsor === c.me && p.status === "tabled")) return "never";
      return v.phase === "drafting" ? "now" : "later";
    case "amend": {
      const p = v.proposals.find((x) => x.id === move.proposal);
      if (!p || p.status !== "tabled" || v.outcomes[p.item] !== undefined) return "never";
      // The draft may have changed since: an amendment to what it already says is refused.
      if (p.option === "postpone" || p.option === move.option) return "never";
      return v.phase === "drafting" ? "now" : "never";
    }
    case "commit.offer":
      return v.phase === "opening" || v.phase === "consultations" || v.phase === "drafting" || v.phase === "voting" ? "now" : "later";
  }
}

const byHuman = (c: BotContext, m: PreparedMove): boolean => c.view.seats[m.author]?.bot !== true;

/** The bot's answer to the first pending move of a human adviser it can settle now, or null. */
export function answerPrepared(c: BotContext, rng: number): [ActionInput, number] | null {
  for (const m of c.view.prepared) {
    if (m.status !== "pending" || m.delegation !== c.me || !byHuman(c, m)) continue;
    const ready = readiness(c, m.move);
    if (ready === "never" || preparedWorth(c, m.move) < -TOLERANCE) return [{ type: "prepared.discard", prepared: m.id }, rng];
    if (ready === "now") return [{ type: "prepared.approve", prepared: m.id }, rng];
  }
  return null;
}
