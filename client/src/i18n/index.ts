/**
 * The client's languages: English and Russian, switchable at any time and remembered in this browser.
 * Every screen takes its words from here (t with a key such as ns:key); each area of the client owns one namespace
 * (locales/<lang>/<ns>.ts). Text is always inserted as text, so interpolation does not HTML-escape.
 */
import i18next, { type TOptions } from "i18next";
import en from "./locales/en";
import ru from "./locales/ru";

export const LANGS = ["en", "ru"] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_NAME: Record<Lang, string> = { en: "English", ru: "Русский" };

const STORAGE_KEY = "csto.lang";
const listeners = new Set<(lang: Lang) => void>();

const isLang = (s: unknown): s is Lang => typeof s === "string" && (LANGS as readonly string[]).includes(s);

/** The stored choice, else the browser's first language if we have it, else English. */
function initialLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch { /* storage may be blocked */ }
  const nav = (globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? "en"]).map((l) => String(l).slice(0, 2));
  return nav.find(isLang) ?? "en";
}

const i18n = i18next.createInstance();
void i18n.init({
  lng: initialLang(),
  fallbackLng: "en",
  resources: { en, ru },
  ns: Object.keys(en),
  defaultNS: "common",
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

function markDocument(lang: Lang): void {
  if (globalThis.document) document.documentElement.lang = lang;
}
markDocument(lang());

/** Translates a key ("ns:key" or a "common" key), with values and `count` for plurals. */
export function t(key: string, options?: TOptions): string {
  return i18n.t(key, options as TOptions) as string;
}

/** The language in use. */
export function lang(): Lang {
  return isLang(i18n.language) ? i18n.language : "en";
}

/** Switches the language, remembers it, sets `<html lang>` and tells every listener (screens re-render). */
export function setLang(next: Lang): void {
  if (next === lang()) return;
  void i18n.changeLanguage(next);
  try { globalThis.localStorage?.setItem(STORAGE_KEY, next); } catch { /* storage may be blocked */ }
  markDocument(next);
  for (const fn of listeners) fn(next);
}

/** Calls `fn` whenever the language changes; returns the unsubscribe. */
export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Numbers, dates and times in the language's own format. */
export const formatNumber = (n: number, opts?: Intl.NumberFormatOptions): string => new Intl.NumberFormat(lang(), opts).format(n);
export const formatDateTime = (ms: number, opts: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string =>
  new Intl.DateTimeFormat(lang(), opts).format(ms);
