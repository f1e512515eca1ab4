/** The language switch every screen carries: a labelled select, English or Russian, remembered by the browser. */
import { LANG_NAME, LANGS, lang, onLangChange, setLang, t, type Lang } from "../i18n";
import { h } from "./h";

export function langSwitch(): HTMLElement {
  const select = h("select", { class: "lang-select", "aria-label": t("language") },
    LANGS.map((l) => h("option", { value: l, lang: l, selected: l === lang() }, LANG_NAME[l])));
  select.addEventListener("change", () => setLang(select.value as Lang));
  const off = onLangChange((l) => {
    if (!select.isConnected) { off(); return; }
    select.value = l;
    select.setAttribute("aria-label", t("language"));
  });
  return h("label", { class: "lang-switch" }, select);
}
