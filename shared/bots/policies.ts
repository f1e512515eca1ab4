/**
 * Fixed policies for measuring the game: simple ways to play one seat that good play must beat (always object,
 * never vote, promise and break, …). They are test opponents for the simulator, never bots at a live table.
 */
import type { ActionInput, Choice } from "../actions";
import type { LegalAction } from "../legalActions";
import type { View } from "../viewFor";
import { botAct, type BotMove, type Strength } from "./botAct";
import { nextFloat } from "../prng";
import { pick } from "./chance";

/** A way to play a seat: a bot strength, or one of the fixed policies. */
export type Policy = Strength | "yes" | "no" | "abstain" | "never-vote" | "random" | "mute" | "breaker";
/** Every fixed policy the balance table measures against the strong bot. */
export const FIXED_POLICIES: readonly Policy[] = ["yes", "no", "abstain", "never-vote", "random", "mute", "breaker"];
/** Every policy, bots first. */
export const POLICIES: readonly Policy[] = ["plain", "strong", ...FIXED_POLICIES];

/** What each policy does, in a few words (for reports). */
export const POLICY_TEXT: Record<Policy, string> = {
  plain: "the plain bot",
  strong: "the strong bot",
  yes: "votes yes on every ballot (otherwise plays as the strong bot)",
  no: "objects to every ballot while it has objections left, then abstains (otherwise the strong bot)",
  abstain: "abstains on every ballot (otherwise the strong bot)",
  "never-vote": "never votes: every ballot lapses for it (otherwise the strong bot)",
  random: "a random legal action now and then, random votes",
  mute: "never speaks, offers or accepts a deal (drafts and votes as the strong bot)",
  breaker: "accepts every offer, then votes as it likes whatever it pledged (otherwise the strong bot)",
};

const PRECHOSEN: Partial<Record<Policy, Choice>> = { yes: "yes", no: "no", abstain: "abstain" };

/** The next move of a seat played by `policy`. `legal` is what the engine allows the seat now (as clients get it). */
export function policyAct(policy: Policy, view: View, seat: string, rng: number, legal: readonly LegalAction[]): BotMove {
  if (policy === "plain" || policy === "strong") return botAct(view, seat, policy, rng);
  if (policy === "random") return randomMove(legal, rng);
  const votes = legal.filter((a): a is Extract<LegalAction, { type: "vote" }> => a.type === "vote");
  const fixed = PRECHOSEN[policy];
  if (fixed && votes.length > 0) {
    const v = votes.find((a) => a.choice === fixed) ?? votes.find((a) => a.choice === "abstain")!;
    return { action: v, rng };
  }
  if (policy === "breaker") {
    const offer = legal.find((a) => a.type === "commit.accept");
    if (offer) return { action: offer, rng };
  }
  const move = botAct(view, seat, "strong", rng, policy === "breaker");
  const a = move.action;
  if (!a) return move;
  if (policy === "never-vote" && a.type === "vote") return { action: null, rng: move.rng };
  if (policy === "mute") {
    if (a.type === "say" || a.type === "commit.offer") return { action: null, rng: move.rng };
    if (a.type === "commit.accept") return { action: { type: "commit.decline", commitment: a.commitment }, rng: move.rng };
  }
  return move;
}

/** Chance that a random player acts on a turn at all (else it waits). */
const RANDOM_ACTIVITY = 0.3;

function randomMove(legal: readonly LegalAction[], rng: number): BotMove {
  const [f, r1] = nextFloat(rng);
  const votes = legal.filter((a) => a.type === "vote");
  // A random player still votes (at random) when a ballot waits for it, or the ballot would only lapse.
  const pool = votes.length > 0 ? votes : f < RANDOM_ACTIVITY ? legal : [];
  if (pool.length === 0) return { action: null, rng: r1 };
  const [a, r2] = pick(r1, pool);
  return fill(a, legal, r2);
}

/** Turns a template (free text, an offer) into a concrete action. */
function fill(a: LegalAction, legal: readonly LegalAction[], rng: number): BotMove {
  if (a.type === "say") return { action: { type: "say", channel: a.channel, text: "We are listening." }, rng };
  if (a.type !== "commit.offer") return { action: a as ActionInput, rng };
  // A random pledge on a random draft option: built from the proposals the seat may vote on or table.
  const options = legal.filter((x): x is Extract<LegalAction, { type: "propose" }> => x.type === "propose");
  if (options.length === 0) return { action: null, rng };
  const [g, r1] = pick(rng, options);
  const [w, r2] = pick(r1, options);
  const [vote, r3] = pick(r2, ["yes", "no", "abstain"] as const);
  return { action: { type: "commit.offer", to: a.to, give: { item: g.item, target: g.option, vote }, want: { item: w.item, target: w.option, vote: "yes" } }, rng: r3 };
}
