/** How a bot votes: by expected benefit against what happens if the draft fails, keeping its word unless breaking pays. */
import type { Choice, Pledge } from "../actions";
import { outcomeIfPassed } from "../outcomes";
import { type BotContext, adoptionFailed, openBallot, pointsPerScore, queueOf, relation, utility } from "./botContext";
import { CONDUCT } from "../rules/scoring";
import { isObjection, objectionsUsed } from "../rules/ballots";
import { passChance, queueValue } from "./beliefs";
import { bell } from "./chance";

/** Spread of the judgement noise on a vote, in priority points. */
const NOISE = { plain: 1.2, strong: 0.6 } as const;
/** A delegation objects under consensus only if the draft costs it more than this… */
const BLOCK_BASE = 1;
/** …plus this much times its (positive) relation with the sponsor: blocking a friend costs goodwill. */
const BLOCK_FRIEND = 1.5;
/** Expected gain (priority points) it takes to break a pledge, beyond what the score takes for it: trust is at stake. */
export const BREAK_COST = { plain: 8, strong: 3 } as const;
/** Priority points a strong bot adds to an objection's price: the standing it loses with the draft's backers. */
const STANDING_MARGIN = { plain: 0, strong: 1 } as const;
/** Priority points an objection must save, beyond its cost in the score, when it is the delegation's last. */
const LAST_OBJECTION = 1.5;

/** The bot's own pledge on ballots about (item, option) in an accepted commitment, if any. */
export function myPledge(c: BotContext, item: string, option: string): Pledge | undefined {
  for (const x of c.view.commitments) {
    if (x.status !== "accepted") continue;
    const p = x.from === c.me ? x.give : x.to === c.me ? x.want : null;
    if (p && p.item === item && p.target === option) return p;
  }
  return undefined;
}

/** The bot's vote on the open ballot (and its next PRNG state), or null when it has nothing to vote on. */
export function chooseVote(c: BotContext, rng: number): [Choice, number] | null {
  const b = openBallot(c);
  if (!b || b.votes[c.me] !== undefined) return null;
  const rest = queueOf(c, b.item).map((p) => p.option);
  const after = queueValue(c, b.item, rest, adoptionFailed(c, b.item) || b.option !== "postpone");
  const u = utility(c, b.item, outcomeIfPassed(b.option));
  const [z, r1] = bell(rng);
  const diff = u - after + NOISE[c.strength] * z;
  // Objecting is a weightier act than abstaining: it takes a clearer judgement, so less noise.
  const blockDiff = u - after + (NOISE[c.strength] / 2) * z;
  const sponsor = c.view.proposals.find((p) => p.id === b.proposal)?.sponsor ?? "";
  let free: Choice;
  if (b.rule === "majority" || b.rule === "qualified") {
    free = diff > 0.3 ? "yes" : diff < -0.3 ? "no" : "abstain";
  } else {
    const left = c.view.scenario.objections - objectionsUsed(c.view, c.me);
    const threshold = (sponsor === c.me ? 3 : BLOCK_BASE + BLOCK_FRIEND * Math.max(0, relation(c, c.me, sponsor))) +
      CONDUCT.objection * pointsPerScore(c) + STANDING_MARGIN[c.strength] + (left === 1 ? LAST_OBJECTION : 0);
    const blocks = left > 0 && blockDiff < -threshold;
    if (b.rule === "unanimity") free = blocks ? "no" : "yes";
    else free = diff > 0.3 ? "yes" : blocks ? "no" : "abstain";
  }
  const pledge = myPledge(c, b.item, b.option);
  if (!pledge || pledge.vote === free || c.faithless) return [free, r1];
  if (isObjection(b.rule, pledge.vote) && objectionsUsed(c.view, c.me) >= c.view.scenario.objections) return [free, r1];
  const value = (mine: Choice): number => {
    const p = passChance(c, b.item, b.option, mine, [], rest);
    return p * u + (1 - p) * after;
  };
  const [z2, r2] = bell(r1);
  const gain = value(free) - value(pledge.vote);
  return gain > BREAK_COST[c.strength] + CONDUCT.broken * pointsPerScore(c) + z2 ? [free, r2] : [pledge.vote, r2];
}
