/**
 * Bots' words in another language. Bots write English into the log; a text of theirs is read back into the lines it
 * was made of (each line matched whole, its names taken from the scenario's English names) and written again in
 * the other language. The log, the engine and every hash stay as they were, and old logs are read the same way.
 * A text that does not read back exactly (a person's words, a line from an older game version) is left as it is.
 */
import { SPEECH_LINES } from "./speech";
import type { TranslationLang } from "../scenarioTexts";

/** English names and their counterparts in the other language, by kind of word. */
export interface SpeechNames {
  name: Map<string, string>;
  place: Map<string, string>;
  /** Item titles as bots write them (first letter lower-case). */
  item: Map<string, string>;
  option: Map<string, string>;
}

interface NamedTexts {
  place: string;
  delegations: readonly { id: string; name: string }[];
  items: readonly { id: string; title: string; options: readonly { id: string; title: string }[] }[];
}

const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The names bots use, from the English scenario and the same scenario localised. */
export function speechNames(en: NamedTexts, other: NamedTexts): SpeechNames {
  const names: SpeechNames = { name: new Map(), place: new Map([[en.place, other.place]]), item: new Map(), option: new Map() };
  for (const d of en.delegations) names.name.set(d.name, other.delegations.find((x) => x.id === d.id)?.name ?? d.name);
  for (const i of en.items) {
    const o = other.items.find((x) => x.id === i.id);
    names.item.set(lower(i.title), o?.title ?? i.title);
    for (const opt of i.options) if (!names.option.has(opt.title)) names.option.set(opt.title, o?.options.find((x) => x.id === opt.id)?.title ?? opt.title);
  }
  return names;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternatives = (m: Map<string, string>): string => [...m.keys()].sort((a, b) => b.length - a.length).map(escape).join("|") || "(?!)";
const SLOTS = ["name", "place", "item", "option", "give", "want"] as const;
type Slot = (typeof SLOTS)[number];

interface Compiled { re: RegExp; slots: Slot[]; line: (typeof SPEECH_LINES)[number] }
const compiledFor = new WeakMap<SpeechNames, Compiled[]>();

/** Each line as a sticky pattern whose names may only be the scenario's own. */
function compile(names: SpeechNames): Compiled[] {
  const done = compiledFor.get(names);
  if (done) return done;
  const marks = Object.fromEntries(SLOTS.map((s, i) => [s, `\u0001${i}\u0001`]));
  const out = SPEECH_LINES.map((line) => {
    const slots: Slot[] = [];
    const source = escape(line.en(marks)).replace(/\u0001(\d)\u0001/g, (_m, i: string) => {
      const slot = SLOTS[Number(i)]!;
      slots.push(slot);
      return slot === "give" || slot === "want" ? "(.+?)" : `(${alternatives(names[slot])})`;
    });
    return { re: new RegExp(source, "y"), slots, line };
  });
  compiledFor.set(names, out);
  return out;
}

const VOTE_RU: Record<string, string> = { abstention: "воздержание", '"yes"': "голос «за»", '"no"': "голос «против»" };

/** A pledge as offers spell it ("yes" on "Firm statement" (joint statement on …)), in Russian; null if it does not read. */
function pledgeIn(words: string, names: SpeechNames): string | null {
  if (words === "goodwill") return "дружеский жест";
  const put = /^(abstention|"yes"|"no") on putting off the (.+)$/.exec(words);
  if (put) return names.item.has(put[2]!) ? `${VOTE_RU[put[1]!]} по отсрочке вопроса «${names.item.get(put[2]!)}»` : null;
  const on = /^(abstention|"yes"|"no") on "(.+)" \((.+)\)$/.exec(words);
  if (on && names.option.has(on[2]!) && names.item.has(on[3]!)) return `${VOTE_RU[on[1]!]} по варианту «${names.option.get(on[2]!)}» («${names.item.get(on[3]!)}»)`;
  return null;
}

/** The lines a text is made of, from `at` to its end (joined by single spaces), or null. */
function read(text: string, at: number, lines: Compiled[], names: SpeechNames, depth: number): string[] | null {
  if (at === text.length) return [];
  if (depth > 6) return null;
  for (const c of lines) {
    c.re.lastIndex = at;
    const m = c.re.exec(text);
    if (!m) continue;
    const end = at + m[0].length;
    if (end !== text.length && text[end] !== " ") continue;
    const x: Record<string, string> = {};
    let ok = true;
    c.slots.forEach((slot, i) => {
      const v = m[i + 1]!;
      const t = slot === "give" || slot === "want" ? pledgeIn(v, names) : names[slot].get(v) ?? null;
      if (t === null) ok = false; else x[slot] = t;
    });
    if (!ok) continue;
    const rest = read(text, end === text.length ? end : end + 1, lines, names, depth + 1);
    if (rest) return [c.line.ru(x), ...rest];
  }
  return null;
}

/** A bot's English text in `lang`, or null when the text is not one bots write. */
export function speechIn(text: string, lang: TranslationLang, names: SpeechNames): string | null {
  if (lang !== "ru" || text === "") return null;
  const lines = read(text, 0, compile(names), names, 0);
  return lines ? lines.join(" ") : null;
}
