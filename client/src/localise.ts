/**
 * The model in the reader's language. The server sends the English texts and, beside them, what this viewer may
 * read in other languages: the public translations in the welcome's scenario, the secret ones (its own briefing,
 * the events already fired) in the view's `texts`. Bots' lines are English in the log and are read back into Russian
 * here (shared/bots/speechIn.ts). Only texts the model already holds are replaced: localising reveals nothing.
 */
import { mergeTranslations, localiseScenario, type ScenarioTranslation, type TranslationLang, type Translations } from "../../shared/scenarioTexts";
import { speechIn, speechNames, type SpeechNames } from "../../shared/bots/speechIn";
import type { GameEvent, Message, Notice } from "../../shared/state";
import type { Lang } from "./i18n";
import type { TableModel } from "./model";

type View = TableModel["update"]["view"];

/** Results kept per English object, so that a model localised again after a small change shares what did not change. */
interface Localised { tr: ScenarioTranslation; scenario: TableModel["welcome"]["scenario"]; names: SpeechNames }
const scenarioCache = new WeakMap<object, { lang: TranslationLang; textsKey: string; extra: Translations | undefined; namesKey: string; entry: Localised | null }>();
const textCache = new WeakMap<SpeechNames, Map<string, string | null>>();
/** Localised message lines by the English line: a line keeps its identity from one update to the next. */
const lineCache = new WeakMap<Message, { names: SpeechNames; line: Message }>();

/**
 * The merged translation, the localised scenario and bots' names for a model. Kept while the welcome's scenario, the
 * view's own texts (compared as text: patches rebuild the view) and `extra` stay the same, so most updates cost a lookup.
 */
function localisedScenario(m: TableModel, lang: TranslationLang, extra: Translations | undefined): Localised | null {
  const en = m.welcome.scenario;
  const textsKey = JSON.stringify(m.update.view.texts?.[lang] ?? null);
  const hit = scenarioCache.get(en);
  if (hit && hit.lang === lang && hit.textsKey === textsKey && hit.extra === extra) return hit.entry;
  const tr = mergeTranslations(mergeTranslations(en.translations?.[lang], m.update.view.texts?.[lang]), extra?.[lang]);
  if (!tr) return null;
  const scenario = localiseScenario(en, tr);
  // Bots' names hang on the public texts only, not on the events that fire: keep them (and the lines read with them).
  const namesKey = JSON.stringify([tr.place, tr.items, Object.entries(tr.delegations ?? {}).map(([id, d]) => [id, d.name])]);
  const names = hit?.entry && hit.namesKey === namesKey ? hit.entry.names : speechNames(en, scenario);
  const entry = { tr, scenario, names };
  scenarioCache.set(en, { lang, textsKey, extra, namesKey, entry });
  return entry;
}

/** A bot's text in the language, or the text itself (a person's words, or a line that does not read back). */
function botText(text: string, names: SpeechNames): string {
  let byText = textCache.get(names);
  if (!byText) { byText = new Map(); textCache.set(names, byText); }
  let out = byText.get(text);
  if (out === undefined) {
    out = speechIn(text, "ru", names);
    byText.set(text, out);
  }
  return out ?? text;
}

/**
 * The model with every scenario text, briefing, fired event and bot line in `lang` where a translation is at hand;
 * English (or a language without translations) gives the model back unchanged. `extra` adds translations the caller
 * may show in full (a finished session's own scenario, in the replay viewer).
 */
export function localiseModel(m: TableModel, lang: Lang, extra?: Translations): TableModel {
  if (lang === "en") return m;
  const view = m.update.view;
  const localised = localisedScenario(m, lang, extra);
  if (!localised) return m;
  const { tr, scenario, names } = localised;
  const bots = new Set(Object.entries(view.seats).filter(([, s]) => s.bot).map(([id]) => id));
  const message = (msg: Message): Message => {
    if (!bots.has(msg.seat)) return msg;
    const hit = lineCache.get(msg);
    if (hit && hit.names === names) return hit.line;
    const text = botText(msg.text, names);
    const line = text === msg.text ? msg : { ...msg, text };
    lineCache.set(msg, { names, line });
    return line;
  };
  const note = <T extends { note: string }>(x: T): T => {
    const text = x.note ? botText(x.note, names) : x.note;
    return text === x.note ? x : { ...x, note: text };
  };
  const notice = (n: Notice): Notice => {
    const e = n.event ? tr.events?.[n.event] : undefined;
    return e && (e.title || e.text) ? { ...n, title: e.title ?? n.title, text: e.text ?? n.text } : n;
  };
  const localView: View = {
    ...view,
    messages: view.messages.map(message),
    notices: view.notices.map(notice),
    proposals: view.proposals.map((p) => ({ ...note(p), amendments: p.amendments.map(note) })),
    commitments: view.commitments.map(note),
    eventLibrary: view.eventLibrary.map((e) => ({ ...e, title: tr.events?.[e.id]?.title ?? e.title })),
  };
  const event = (e: GameEvent): GameEvent => {
    switch (e.type) {
      case "message": return { ...e, message: message(e.message) };
      case "notice": return { ...e, notice: notice(e.notice) };
      case "proposal.tabled": return { ...e, proposal: note(e.proposal) };
      case "amendment.offered": return { ...e, amendment: note(e.amendment) };
      case "commitment.offered": return { ...e, commitment: note(e.commitment) };
      default: return e;
    }
  };
  const own = m.update.you.delegation;
  const briefing = own && m.update.briefing ? tr.delegations?.[own]?.briefing ?? m.update.briefing : m.update.briefing;
  const update = { ...m.update, view: localView, events: m.update.events.map(event), briefing };
  // The model may carry getters (the replay's clock): copy them as getters, not as the value they have now.
  const out = Object.create(Object.getPrototypeOf(m) as object, Object.getOwnPropertyDescriptors(m)) as TableModel;
  Object.defineProperty(out, "welcome", { value: { ...m.welcome, scenario }, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(out, "update", { value: update, enumerable: true, writable: true, configurable: true });
  return out;
}
