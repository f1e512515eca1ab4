/** Words for the agenda: a voting rule's name, and what sets one option's wording apart from the others. */
import { t } from "../i18n";

/** A voting rule in the current language ("consensus", "qualified majority", ...). */
export const ruleName = (rule: string): string => t(`table:rule.${rule}.name`, { defaultValue: rule });

const norm = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, "");

/**
 * Splits `text` into runs, `own` where its words appear in none of the `others`: the reader sees at a glance what this
 * option says that the alternatives do not. With no others, nothing is marked.
 */
export function wordDiff(text: string, others: string[]): { text: string; own: boolean }[] {
  if (others.length === 0) return [{ text, own: false }];
  const shared = new Set(others.flatMap((o) => o.split(/\s+/).map(norm)));
  const runs: { text: string; own: boolean }[] = [];
  for (const token of text.split(/(\s+)/)) {
    const own = token.trim() !== "" && norm(token) !== "" && !shared.has(norm(token));
    const last = runs[runs.length - 1];
    // Whitespace joins the run before it, so marked phrases read as one mark.
    if (last && (last.own === own || token.trim() === "")) last.text += token;
    else runs.push({ text: token, own });
  }
  return runs;
}
