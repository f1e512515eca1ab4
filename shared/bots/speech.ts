/** What bots say: opening statements and short notes, composed from the scenario's names and the bot's own priorities. */
import type { Pledge } from "../actions";
import type { ScenarioItem } from "../scenario";
import { type BotContext, stake, utility } from "./botContext";
import { adoptedOption, outcomesOf } from "../outcomes";
import { pick } from "./chance";

/** Words a line is made of: names of delegations, the place, items and options, and for offers the two pledges. */
type Words = Record<string, string>;
/**
 * One line in both languages. Bots write the English into the log (so the log and every hash stay as they were);
 * `speechIn` reads such a text back into its lines and writes them in another language.
 */
interface Line { en: (x: Words) => string; ru: (x: Words) => string }

const OPENERS: Line[] = [
  { en: (x) => `${x.name} thanks the hosts in ${x.place} and comes to this table in good faith.`, ru: (x) => `${x.name} благодарит хозяев саммита и садится за этот стол с добрыми намерениями.` },
  { en: (x) => `It is good to meet our allies in ${x.place}; ${x.name} wants this session to count.`, ru: (x) => `Рады встрече с союзниками; ${x.name} хочет, чтобы это заседание принесло результат.` },
  { en: (x) => `${x.name} will be brief: we came to ${x.place} to settle things, not to trade slogans.`, ru: (x) => `${x.name} скажет коротко: мы здесь, чтобы решать вопросы, а не обмениваться лозунгами.` },
  { en: (x) => `Our alliance is only as strong as the trust around this table, and ${x.name} means to add to it.`, ru: (x) => `Наш альянс силён ровно настолько, насколько велико доверие за этим столом, и ${x.name} хочет его укрепить.` },
  { en: (x) => `We meet at an uneasy time for the whole region. ${x.name} hopes we leave ${x.place} with decisions, not just photographs.`, ru: (x) => `Мы встречаемся в непростое для всего региона время. ${x.name} надеется, что мы уедем отсюда с решениями, а не только с фотографиями.` },
];
const AGAIN: Line[] = [
  { en: (x) => `${x.name} takes the floor again with one thing in mind.`, ru: (x) => `${x.name} снова берёт слово с одной целью.` },
  { en: (x) => `A second session, and ${x.name} has not changed its view on what matters.`, ru: (x) => `Второе заседание, а ${x.name} не меняет взгляда на главное.` },
  { en: (x) => `Let us use the time that is left; ${x.name} will be direct.`, ru: (x) => `Используем оставшееся время; ${x.name} скажет прямо.` },
];
const WANT: Record<ScenarioItem["kind"], Line[]> = {
  appointment: [
    { en: (x) => `On the ${x.item}, ${x.name} backs ${x.option}.`, ru: (x) => `По вопросу «${x.item}» ${x.name} поддерживает вариант «${x.option}».` },
    { en: (x) => `${x.name} wants ${x.option} confirmed; the post should not be left hanging.`, ru: (x) => `${x.name} хочет утверждения варианта «${x.option}»: пост не должен оставаться вакантным.` },
  ],
  statement: [
    { en: (x) => `On the ${x.item}, only "${x.option}" says what needs to be said.`, ru: (x) => `По вопросу «${x.item}» только вариант «${x.option}» говорит то, что нужно сказать.` },
    { en: (x) => `${x.name} asks the summit to issue the ${x.item} as "${x.option}".`, ru: (x) => `${x.name} просит саммит принять документ «${x.item}» в варианте «${x.option}».` },
  ],
  strategy: [
    { en: (x) => `Our first concern is the ${x.item}: ${x.name} wants it adopted as "${x.option}".`, ru: (x) => `Наша главная забота — «${x.item}»: ${x.name} хочет принятия варианта «${x.option}».` },
    { en: (x) => `The ${x.item} is why we came; "${x.option}" is the version ${x.name} will fight for.`, ru: (x) => `Мы приехали ради пункта «${x.item}»; «${x.option}» — вот редакция, за которую ${x.name} будет бороться.` },
  ],
};
const WAIT: Line[] = [
  { en: (x) => `On the ${x.item}, ${x.name} sees no reason to hurry: it can wait for the next summit.`, ru: (x) => `По вопросу «${x.item}» ${x.name} не видит причин спешить: он может подождать до следующего саммита.` },
  { en: (x) => `The ${x.item} deserves more time than one afternoon gives it.`, ru: (x) => `Вопрос «${x.item}» заслуживает больше времени, чем может дать одно заседание.` },
];
const NONE: Line[] = [
  { en: (x) => `${x.name} does not think the alliance needs a common line on the ${x.item} today.`, ru: (x) => `${x.name} не считает, что сегодня альянсу нужна общая линия по вопросу «${x.item}».` },
  { en: (x) => `Frankly, the ${x.item} is better left alone this time.`, ru: (x) => `Откровенно говоря, вопрос «${x.item}» на этот раз лучше не трогать.` },
];
const REFUSE: Line[] = [
  { en: (x) => `Nobody should expect ${x.name} to sign "${x.option}".`, ru: (x) => `Пусть никто не ждёт, что ${x.name} подпишет «${x.option}».` },
  { en: (x) => `We could not live with "${x.option}" on the ${x.item}.`, ru: (x) => `Вариант «${x.option}» по вопросу «${x.item}» для нас неприемлем.` },
];
const NOT_AGAIN: Line[] = [
  { en: (x) => `Leaving the ${x.item} without a decision would be a failure.`, ru: (x) => `Оставить вопрос «${x.item}» без решения было бы провалом.` },
  { en: (x) => `Putting off the ${x.item} yet again would serve nobody.`, ru: (x) => `Ещё одна отсрочка по вопросу «${x.item}» никому не выгодна.` },
];
const CLOSERS: Line[] = [
  { en: () => "We are ready to listen.", ru: () => "Мы готовы слушать." },
  { en: () => "Our door is open in the consultations.", ru: () => "На консультациях наша дверь открыта." },
  { en: (x) => `${x.name} will judge this summit by what it decides.`, ru: (x) => `${x.name} будет судить об этом саммите по его решениям.` },
  { en: () => "", ru: () => "" },
];
const PROPOSE: Line[] = [
  { en: (x) => `${x.name} tables this text and invites co-sponsors.`, ru: (x) => `${x.name} вносит этот текст и приглашает соавторов.` },
  { en: () => "We put this forward as a text every delegation can live with.", ru: () => "Мы предлагаем текст, приемлемый для каждой делегации." },
  { en: (x) => `Tabled by ${x.name}; we are open to amendments that keep its substance.`, ru: (x) => `Текст вносит ${x.name}; мы открыты для поправок, не меняющих его сути.` },
];
const DEFER: Line[] = [
  { en: (x) => `${x.name} moves to take this up again at the next summit.`, ru: (x) => `${x.name} предлагает вернуться к этому на следующем саммите.` },
  { en: () => "This needs more work than we can do today; we propose to defer it.", ru: () => "Это требует больше работы, чем мы успеем сегодня; предлагаем отложить." },
];
const OFFER: Line[] = [
  { en: (x) => `${x.name} offers its ${x.give}, in return for your ${x.want}.`, ru: (x) => `${x.name} предлагает ${x.give} в обмен на ${x.want} с вашей стороны.` },
  { en: (x) => `Help us with your ${x.want}, and you will have our ${x.give}.`, ru: (x) => `Дайте нам ${x.want} — и получите от нас ${x.give}.` },
  { en: (x) => `A simple exchange: our ${x.give} for your ${x.want}. What do you say?`, ru: (x) => `Простой обмен: от нас — ${x.give}, от вас — ${x.want}. Что скажете?` },
];

const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function names(c: BotContext, item?: ScenarioItem, option?: string): Record<string, string> {
  const me = c.view.scenario.delegations.find((d) => d.id === c.me);
  const title = option ? item?.options.find((o) => o.id === option)?.title ?? option : "";
  return { name: me?.name ?? c.me, place: c.view.scenario.place, item: item ? lower(item.title) : "", option: title };
}

function say(rng: number, lines: Line[], x: Words): [string, number] {
  const [line, next] = pick(rng, lines);
  return [line.en(x), next];
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

/** Every line bots may say, for reading their texts back (`speechIn`). */
export const SPEECH_LINES: readonly Line[] = [
  ...OPENERS, ...AGAIN, ...Object.values(WANT).flat(), ...WAIT, ...NONE, ...REFUSE, ...NOT_AGAIN, ...CLOSERS, ...PROPOSE, ...DEFER, ...OFFER,
].filter((l) => l.en({}) !== "");
