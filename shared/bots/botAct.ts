/**
 * Bot policies: pure and seeded. A bot sees only the view of its own seat (never the raw state), plays to its
 * own priorities and relations, and returns one action at a time, or null to wait.
 */
import type { ActionInput } from "../actions";
import type { View } from "../viewFor";
import { PUBLIC } from "../rules/channels";
import { botContext, type Strength } from "./botContext";
import { chooseVote } from "./voting";
import { draftingMove } from "./drafting";
import { answerOffer, planOffer } from "./dealing";
import { openingStatement } from "./speech";
import { answerPrepared } from "./prepared";

export type { Strength } from "./botContext";
export { STRENGTHS } from "./botContext";

/** A bot's answer: the action to send (null to wait) and its next PRNG state. */
export interface BotMove { action: ActionInput | null; rng: number }

const NEGOTIATING = new Set(["opening", "consultations", "drafting", "voting"]);

/** The next action of the bot signing for a delegation at `seat`, given that seat's view and the bot's PRNG state. */
export function botAct(view: View, seat: string, strength: Strength, rng: number, faithless = false): BotMove {
  const c = botContext(view, seat, strength, faithless);
  if (!c || view.status !== "running" || view.phase === null) return { action: null, rng };
  if (view.phase === "opening" && !view.delegations[c.me]?.spoke) {
    const [text, next] = openingStatement(c, rng);
    return { action: { type: "say", channel: PUBLIC, text }, rng: next };
  }
  const move =
    (view.phase === "voting" ? voteMove(c, rng) : null) ??
    (NEGOTIATING.has(view.phase) ? answerPrepared(c, rng) : null) ??
    (NEGOTIATING.has(view.phase) ? answerOffer(c, rng) : null) ??
    (view.phase === "drafting" ? draftingMove(c, rng) : null) ??
    (view.phase === "consultations" || view.phase === "drafting" ? planOffer(c, rng) : null);
  return move ? { action: move[0], rng: move[1] } : { action: null, rng };
}

function voteMove(c: NonNullable<ReturnType<typeof botContext>>, rng: number): [ActionInput, number] | null {
  const v = chooseVote(c, rng);
  const b = c.view.ballots.find((x) => x.result === "open");
  return v && b ? [{ type: "vote", ballot: b.id, choice: v[0] }, v[1]] : null;
}
