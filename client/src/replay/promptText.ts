/** The debrief's reflection questions in the reader's language (shared/reflectionPrompts.ts gives them as parts). */
import type { PromptValue, ReflectionPrompt } from "../../../shared/reflectionPrompts";
import { lang, t } from "../i18n";
import type { MomentNames } from "./keyMomentsList";

/** A reflection question in the reader's language, sentence by sentence, its names and titles from `n`. */
export function promptText(p: ReflectionPrompt, n: MomentNames): string {
  const list = (xs: string[]) => new Intl.ListFormat(lang(), { type: "conjunction" }).format(xs);
  const word = (v: PromptValue): string | number => {
    if (typeof v !== "object") return v;
    if ("delegations" in v) return list(v.delegations.map(n.name));
    if ("items" in v) return list(v.items.map(n.item));
    return v.blocks.map((b) => t("debrief:reflect.objections.block", { who: n.name(b.who), items: list(b.items.map(n.item)) })).join("; ");
  };
  return p.parts.map((part) => {
    const values = Object.fromEntries(Object.entries(part.values ?? {}).map(([k, v]) => [k, word(v)]));
    // "once", "twice", "3 times" in English; Russian has its own plural forms.
    if (typeof part.values?.count === "number") values.times = t("debrief:reflect.times", { count: part.values.count, context: part.values.count === 2 ? "twice" : undefined });
    return t(`debrief:reflect.${part.key}`, values);
  }).join(" ");
}
