/** What bots say: opening statements and short notes, composed from the scenario's names and the bot's own priorities. */
import type { Pledge } from "../actions";
import type { ScenarioItem } from "../scenario";
import { type BotContext, stake, utility } from "./botContext";
import { adoptedOption, outcomesOf } from "../outcomes";
import { pick } from "./chance";

type Line = (x: Record<string, string>) => string;

const OPENERS: Line[] = [
  (x) => `${x.name} thanks the hosts in ${x.place} and comes to this table in good faith.`,
  (x) => `It is good to meet our allies in ${x.place}; ${x.name} wants this session to count.`,
  (x) => `${x.name} will be brief: we came to ${x.place} to settle things, not to trade slogans.`,
  (x) => `Our alliance is only as strong as the trust around this table, and ${x.name} means to add to it.`,
  (x) => `We meet at an uneasy time for the whole region. ${x.name} hopes we leave ${x.place} with decisions, not just photographs.`,
];
const AGAIN: Line[] = [
  (x) => `${x.name} takes the floor again with one thing in mind.`,
  (x) => `A second session, and ${x.name} has not changed its view on what matters.`,
  (x) => `Let us use the time that is left; ${x.name} will be direct.`,
];
const WANT: Record<ScenarioItem["kind"], Line[]> = {
  appointment: [
    (x) => `On the ${x.item}, ${x.name} backs ${x.option}.`,
    (x) => `${x.name} wants ${x.option} confirmed; the post should not be left hanging.`,
  ],
  statement: [
    (x) => `On the ${x.item}, only "${x.option}" says what needs to be said.`,
    (x) => `${x.name} asks the summit to issue the ${x.item} as "${x.option}".`,
  ],
  strategy: [
    (x) => `Our first concern is the ${x.item}: ${x.name} wants it adopted as "${x.option}".`,
    (x) => `The ${x.item} is why we came; "${x.option}" is the version ${x.name} will fight for.`,
  ],
};
const WAIT: Line[] = [
  (x) => `On the ${x.item}, ${x.name} sees no reason to hurry: it can wait for the next summit.`,
  (x) => `The ${x.item} deserves more time than one afternoon gives it.`,
];
const NONE: Line[] = [
  (x) => `${x.name} does not think the alliance needs a common line on the ${x.item} today.`,
  (x) => `Frankly, the ${x.item} is better left alone this time.`,
];
const REFUSE: Line[] = [
  (x) => `Nobody should expect ${x.name} to sign "${x.option}".`,
  (x) => `We could not live with "${x.option}" on the ${x.item}.`,
];
const NOT_AGAIN: Line[] = [
  (x) => `Leaving the ${x.item} without a decision would be a failure.`,
  (x) => `Putting off the ${x.item} yet again would serve nobody.`,
];
const CLOSERS: Line[] = [
  () => "We are ready to listen.",
  () => "Our door is open in the consultations.",
  (x) => `${x.name} will judge this summit by what it decides.`,
  () => "",
];
const PROPOSE: Line[] = [
  (x) => `${x.name} tables this text and invites co-sponsors.`,
  () => "We put this forward as a text every delegation can live with.",
  (x) => `Tabled by ${x.name}; we are open to amendments that keep its substance.`,
];
const DEFER: Line[] = [
  (x) => `${x.name} moves to take this up again at the next summit.`,
  () => "This needs more work than we can do today; we propose to defer it.",
];
const OFFER: Line[] = [
  (x) => `${x.name} offers its ${x.give}, in return for your ${x.want}.`,
  (x) => `Help us with your ${x.want}, and you will have our ${x.give}.`,
  (x) => `A simple exchange: our ${x.give} for your ${x.want}. What do you say?`,
];

const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function names(c: BotContext, item?: ScenarioItem, option?: string): Record<string, string> {
  const me = c.view.scenario.delegations.find((d) => d.id === c.me);
  const title = option ? item?.options.find((o) => o.id === option)?.title ?? option : "";
  return { name: me?.name ?? c.me, place: c.view.scenario.place, item: item ? lower(item.title) : "", option: title };
}

function say(rng: number, lines: Line[], x: Record<string, string>): [string, number] {
  const [line, next] = pick(rng, lines);
  return [line(x), next];
}

/** The bot's opening statement for this round, naming what it wants most and what it will not accept. */
export function openingStatement(c: BotContext, rng: number): [string, number] {
  const items = [...c.view.scenario.items].filter((i) => c.view.outcomes[i.id] === undefined).sort((a, b) => stake(c, b) - stake(c, a));
  const parts: string[] = [];
  let r = rng, s: string;
  [s, r] = say(r, c.view.round > 1 ? AGAIN : OPENERS, names(c));
  parts.push(s);
  const [first, second] = items;
  if (first) {
    const best = outcomesOf(first).sort((a, b) => utility(c, first.id, b) - utility(c, first.id, a))[0]!;
    const lines = best === "postponed" ? WAIT : best === "rejected" ? NONE : WANT[first.kind];
    [s, r] = say(r, lines, names(c, first, adoptedOption(best) ?? undefined));
    parts.push(s);
  }
  if (second) {
    const worst = outcomesOf(second).sort((a, b) => utility(c, second.id, a) - utility(c, second.id, b))[0]!;
    const refused = adoptedOption(worst);
    [s, r] = say(r, refused !== null ? REFUSE : NOT_AGAIN, names(c, second, refused ?? undefined));
    parts.push(s);
  }
  [s, r] = say(r, CLOSERS, names(c));
  parts.push(s);
  return [parts.filter(Boolean).join(" "), r];
}

/** A note to go with a draft (or a motion to postpone). */
export function draftNote(c: BotContext, rng: number, option: string): [string, number] {
  return say(rng, option === "postpone" ? DEFER : PROPOSE, names(c));
}

function pledgeWords(c: BotContext, p: Pledge): string {
  const item = c.view.scenario.items.find((i) => i.id === p.item);
  const vote = p.vote === "abstain" ? "abstention" : `"${p.vote}"`;
  if (p.target === "postpone") return `${vote} on putting off the ${item ? lower(item.title) : p.item}`;
  const title = item?.options.find((o) => o.id === p.target)?.title ?? p.target;
  return `${vote} on "${title}" (${item ? lower(item.title) : p.item})`;
}

/** A note to go with a commitment offer, spelling out the exchange. */
export function offerNote(c: BotContext, rng: number, _to: string, give: Pledge, want: Pledge | null): [string, number] {
  const x = { ...names(c), give: pledgeWords(c, give), want: want ? pledgeWords(c, want) : "goodwill" };
  return say(rng, OFFER, x);
}
