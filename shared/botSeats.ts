/**
 * Bot seats at a live table: how strong each delegation's bot plays under the host's choice, and what the seat is
 * called. The strength goes into the seat's name, so the log itself records how every bot played.
 */
import type { Strength } from "./bots/botAct";
import { nextFloat, seedState } from "./prng";

/** The host's choice for a seminar: every bot plain, every bot strong, or each one by a seeded coin toss. */
export const BOT_MIXES = ["plain", "strong", "mixed"] as const;
export type BotMix = (typeof BOT_MIXES)[number];

/** Salt so that the coin tosses do not follow the summit's own draws from the same seed. */
const SALT = 0x2c1b3c6d;

/** Each delegation's bot strength at one table: fixed for plain and strong, a coin toss per seat (seeded by the table) for mixed. */
export function botStrengths(delegations: readonly string[], mix: BotMix, seed: number): Record<string, Strength> {
  const out: Record<string, Strength> = {};
  let rng = seedState(seed ^ SALT);
  for (const d of delegations) {
    if (mix !== "mixed") { out[d] = mix; continue; }
    const [f, next] = nextFloat(rng);
    rng = next;
    out[d] = f < 0.5 ? "plain" : "strong";
  }
  return out;
}

/** The name a bot seat takes: "Belarus (bot, plain)". */
export const botSeatName = (delegationName: string, strength: Strength): string => `${delegationName} (bot, ${strength})`;

/** How a seat is listed: its name, marked as a bot once (a bot's own name usually says so already). */
export function seatLabel(seat: { name: string; bot: boolean }): string {
  return seat.bot && !/\(bot\b/i.test(seat.name) ? `${seat.name} (bot)` : seat.name;
}
