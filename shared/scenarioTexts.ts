/**
 * A scenario's texts in other languages. English is written in the scenario itself; each other language is a block
 * of overrides keyed by id under `translations.<lang>` (see docs/SCENARIOS.md). Translations are never part of the
 * rules: they stay out of the game state and out of the scenario's content hash, so adding or correcting one changes
 * no recorded session. Which translations reach a client follows the same secrecy as the English texts.
 */
import type { Scenario } from "./scenario";
import type { State } from "./state";
import type { Viewer } from "./viewFor";

/** Languages a scenario may carry besides English. */
export const TRANSLATION_LANGS = ["ru"] as const;
export type TranslationLang = (typeof TRANSLATION_LANGS)[number];

interface Texted { title?: string; text?: string; invented?: string }

/** One language's overrides, by id (checked by `scenarioSchema` in shared/scenario.ts). */
export interface ScenarioTranslation {
  title?: string;
  summary?: string;
  place?: string;
  delegations?: Record<string, { name?: string; leader?: string; publicStance?: string; briefing?: string }>;
  items?: Record<string, { title?: string; description?: string; invented?: string; options?: Record<string, Texted> }>;
  events?: Record<string, Texted>;
}
/** Every language's overrides. */
export type Translations = Partial<Record<TranslationLang, ScenarioTranslation>>;

/** What the scenario looks like to the texts code: a public scenario (no events) is fine too. */
interface Texts {
  title: string; summary: string; place: string;
  delegations: { id: string; name: string; leader: string; publicStance: string; briefing: string }[];
  items: { id: string; title: string; description: string; invented?: boolean | string; options: { id: string; title: string; text: string; invented?: boolean | string }[] }[];
  events?: { id: string; title: string; text: string; invented?: boolean | string }[];
}

/** The first translation that names something the scenario does not have (or translates a reason it does not give). */
export function checkTranslations(s: Scenario): { path: string; error: string } | null {
  for (const lang of TRANSLATION_LANGS) {
    const tr = s.translations?.[lang];
    if (!tr) continue;
    const at = `translations.${lang}`;
    const reason = (path: string, english: unknown, given: unknown) =>
      given !== undefined && typeof english !== "string" ? { path, error: "translates an \"invented\" reason the English does not give" } : null;
    for (const id of Object.keys(tr.delegations ?? {})) {
      if (!s.delegations.some((d) => d.id === id)) return { path: `${at}.delegations.${id}`, error: `unknown delegation "${id}"` };
    }
    for (const [id, t] of Object.entries(tr.items ?? {})) {
      const item = s.items.find((i) => i.id === id);
      if (!item) return { path: `${at}.items.${id}`, error: `unknown agenda item "${id}"` };
      const bad = reason(`${at}.items.${id}.invented`, item.invented, t.invented);
      if (bad) return bad;
      for (const [oid, o] of Object.entries(t.options ?? {})) {
        const opt = item.options.find((x) => x.id === oid);
        if (!opt) return { path: `${at}.items.${id}.options.${oid}`, error: `item "${id}" has no option "${oid}"` };
        const badOption = reason(`${at}.items.${id}.options.${oid}.invented`, opt.invented, o.invented);
        if (badOption) return badOption;
      }
    }
    for (const [id, t] of Object.entries(tr.events ?? {})) {
      const event = s.events.find((e) => e.id === id);
      if (!event) return { path: `${at}.events.${id}`, error: `unknown event "${id}"` };
      const bad = reason(`${at}.events.${id}.invented`, event.invented, t.invented);
      if (bad) return bad;
    }
  }
  return null;
}

/** Paths of English texts that have no counterpart in `lang` (empty when the translation is complete). */
export function missingTranslations(s: Scenario, lang: TranslationLang): string[] {
  const tr = s.translations?.[lang] ?? {};
  const out: string[] = [];
  const need = (path: string, english: unknown, given: unknown) => { if (typeof english === "string" && english !== "" && !given) out.push(path); };
  need("title", s.title, tr.title);
  need("summary", s.summary, tr.summary);
  need("place", s.place, tr.place);
  for (const d of s.delegations) {
    const t = tr.delegations?.[d.id];
    for (const k of ["name", "leader", "publicStance", "briefing"] as const) need(`delegations.${d.id}.${k}`, d[k], t?.[k]);
  }
  for (const i of s.items) {
    const t = tr.items?.[i.id];
    need(`items.${i.id}.title`, i.title, t?.title);
    need(`items.${i.id}.description`, i.description, t?.description);
    need(`items.${i.id}.invented`, i.invented, t?.invented);
    for (const o of i.options) {
      const ot = t?.options?.[o.id];
      for (const k of ["title", "text", "invented"] as const) need(`items.${i.id}.options.${o.id}.${k}`, o[k], ot?.[k]);
    }
  }
  for (const e of s.events) {
    const t = tr.events?.[e.id];
    for (const k of ["title", "text", "invented"] as const) need(`events.${e.id}.${k}`, e[k], t?.[k]);
  }
  return out;
}

/** The translations anyone may read: everything but briefings and events (a welcome carries these). */
export function publicTranslations(tr: Translations | undefined): Translations | undefined {
  if (!tr) return undefined;
  const out: Translations = {};
  for (const lang of TRANSLATION_LANGS) {
    const t = tr[lang];
    if (!t) continue;
    const { events: _e, delegations, ...rest } = t;
    out[lang] = {
      ...rest,
      ...(delegations ? { delegations: Object.fromEntries(Object.entries(delegations).map(([id, { briefing: _b, ...d }]) => [id, d])) } : {}),
    };
  }
  return out;
}

const viewerMemo = new WeakMap<object, Map<string, Translations | undefined>>();

/**
 * The secret translations one viewer may read, mirroring `viewFor`: its own briefing (every briefing after the end),
 * the events already fired (they are public notices), and, for the host, the titles of the events it may still inject.
 */
export function viewerTranslations(tr: Translations | undefined, s: State, v: Viewer): Translations | undefined {
  if (!tr) return undefined;
  const ended = s.status === "ended";
  const own = v.kind === "delegation" ? v.delegation : null;
  const key = `${ended ? "*" : own ?? v.kind}`;
  let byKey = viewerMemo.get(s.notices);
  if (!byKey) { byKey = new Map(); viewerMemo.set(s.notices, byKey); }
  if (byKey.has(key)) return byKey.get(key);
  const fired = new Set(s.notices.flatMap((n) => (n.event ? [n.event] : [])));
  const pending = v.kind === "host" ? s.pendingEvents.map((e) => e.id) : [];
  const out: Translations = {};
  let any = false;
  for (const lang of TRANSLATION_LANGS) {
    const t = tr[lang];
    if (!t) continue;
    const delegations: NonNullable<ScenarioTranslation["delegations"]> = {};
    for (const [id, d] of Object.entries(t.delegations ?? {})) if (d.briefing && (ended || id === own)) delegations[id] = { briefing: d.briefing };
    const events: NonNullable<ScenarioTranslation["events"]> = {};
    for (const [id, e] of Object.entries(t.events ?? {})) {
      if (fired.has(id)) events[id] = e;
      else if (pending.includes(id) && e.title) events[id] = { title: e.title };
    }
    if (Object.keys(delegations).length === 0 && Object.keys(events).length === 0) continue;
    out[lang] = { delegations, events };
    any = true;
  }
  const result = any ? out : undefined;
  byKey.set(key, result);
  return result;
}

/** Two translation sets as one (the second wins where both give a text). */
export function mergeTranslations(a: ScenarioTranslation | undefined, b: ScenarioTranslation | undefined): ScenarioTranslation | undefined {
  if (!a || !b) return a ?? b;
  const items: NonNullable<ScenarioTranslation["items"]> = { ...a.items };
  for (const [id, t] of Object.entries(b.items ?? {})) {
    const prev = items[id];
    items[id] = { ...prev, ...t, options: { ...prev?.options, ...t.options } };
  }
  const delegations: NonNullable<ScenarioTranslation["delegations"]> = { ...a.delegations };
  for (const [id, t] of Object.entries(b.delegations ?? {})) delegations[id] = { ...delegations[id], ...t };
  const events: NonNullable<ScenarioTranslation["events"]> = { ...a.events };
  for (const [id, t] of Object.entries(b.events ?? {})) events[id] = { ...events[id], ...t };
  return { ...a, ...b, delegations, items, events };
}

/** A scenario (or its public part) with the texts of one translation put in; what is not translated stays English. */
export function localiseScenario<S extends Texts>(s: S, tr: ScenarioTranslation | undefined): S {
  if (!tr) return s;
  const invented = <T extends boolean | string | undefined>(english: T, given: string | undefined): T | string => (typeof english === "string" && given ? given : english);
  return {
    ...s,
    title: tr.title ?? s.title,
    summary: tr.summary ?? s.summary,
    place: tr.place ?? s.place,
    delegations: s.delegations.map((d) => {
      const t = tr.delegations?.[d.id];
      if (!t) return d;
      // An empty briefing is one this viewer may not read: it stays empty whatever the translation holds.
      return { ...d, name: t.name ?? d.name, leader: t.leader ?? d.leader, publicStance: t.publicStance ?? d.publicStance, briefing: d.briefing && t.briefing ? t.briefing : d.briefing };
    }),
    items: s.items.map((i) => {
      const t = tr.items?.[i.id];
      if (!t) return i;
      return {
        ...i, title: t.title ?? i.title, description: t.description ?? i.description, invented: invented(i.invented, t.invented),
        options: i.options.map((o) => {
          const ot = t.options?.[o.id];
          return ot ? { ...o, title: ot.title ?? o.title, text: ot.text ?? o.text, invented: invented(o.invented, ot.invented) } : o;
        }),
      };
    }),
    ...(s.events ? {
      events: s.events.map((e) => {
        const t = tr.events?.[e.id];
        return t ? { ...e, title: t.title ?? e.title, text: t.text ?? e.text, invented: invented(e.invented, t.invented) } : e;
      }),
    } : {}),
  };
}
