/**
 * What a player does at a human pace: one of its legal actions, mostly talk. Picks a kind of action first
 * (talk three times in four), so that one vote is not drowned by seven chat channels, then fills templates
 * with short sentences and plausible pledges.
 */
import type { LegalAction } from "../../shared/legalActions";
import type { PublicScenario } from "../../shared/state";
import { SeededRandom } from "../seededRandom";

const TALK_SHARE = 0.75;

/** A channel as a person picks it: the floor or a private line most of the time, the own caucus now and then. */
function pickChannel(channels: string[], rng: SeededRandom): string {
  const pub = channels.filter((c) => c === "public");
  const dm = channels.filter((c) => c.startsWith("dm:"));
  const team = channels.filter((c) => c.startsWith("team:"));
  const x = rng.float();
  const pool = x < 0.4 ? pub : x < 0.85 ? dm : team;
  return rng.pick(pool.length > 0 ? pool : channels);
}

/** A short chat line: what people type in a negotiation, 20–120 characters. */
export function chatLine(rng: SeededRandom): string {
  return rng.text(20, 120);
}

type Items = PublicScenario["items"];

function pledge(items: Items, rng: SeededRandom): { item: string; target: string; vote: string } {
  const item = rng.pick(items);
  return { item: item.id, target: rng.chance(0.2) ? "postpone" : rng.pick(item.options).id, vote: rng.pick(["yes", "no", "abstain"]) };
}

/** Fills a template (free text, an offer's pledges); concrete actions go as they are. */
export function fill(l: LegalAction, items: Items, rng: SeededRandom): Record<string, unknown> {
  if (l.type === "say") return { ...l, text: chatLine(rng) };
  if (l.type === "commit.offer") return { ...l, give: pledge(items, rng), want: rng.chance(0.3) ? null : pledge(items, rng) };
  if (l.type === "prepare" && l.move.type === "commit.offer") return { ...l, move: { ...l.move, give: pledge(items, rng), want: null } };
  return l;
}

/** One action from `legal`, or null when there is nothing to do. */
export function humanMove(legal: readonly LegalAction[], items: Items, rng: SeededRandom): Record<string, unknown> | null {
  const says = legal.filter((l): l is Extract<LegalAction, { type: "say" }> => l.type === "say");
  const others = legal.filter((l) => l.type !== "say" && l.type !== "team.portfolio");
  if (says.length > 0 && (others.length === 0 || rng.chance(TALK_SHARE))) {
    return { type: "say", channel: pickChannel(says.map((l) => l.channel), rng), text: chatLine(rng) };
  }
  if (others.length === 0) return null;
  const kinds = [...new Set(others.map((l) => l.type))];
  const kind = rng.pick(kinds);
  return fill(rng.pick(others.filter((l) => l.type === kind)), items, rng);
}
