/** The Rules tab: how a summit runs, in short, and a glossary of the words the table uses (from docs/RULES.md). */
import { html, render } from "lit-html";
import { t } from "../i18n";

const SECTIONS = ["goal", "phases", "drafts", "voting", "commitments", "score"] as const;
const TERMS = ["signatory", "adviser", "table", "amend", "cosponsor", "withdraw", "postpone", "consensus", "unanimity", "majority",
  "qualified", "objection", "abstain", "lapsed", "commitment", "kept", "reputation", "cohesion", "prepared", "invented"] as const;

export class RulesPanel {
  readonly el = document.createElement("section");

  constructor() { this.el.className = "panel rules"; }

  render(objections: number): void {
    this.el.setAttribute("aria-label", t("table:rules.title"));
    render(html`
      <h2>${t("table:rules.title")}</h2>
      ${SECTIONS.map((s) => html`<h3>${t(`table:rules.${s}.title`)}</h3><p>${t(`table:rules.${s}.text`, { objections })}</p>`)}
      <h2 id="glossary">${t("table:glossary.title")}</h2>
      <dl class="glossary">${TERMS.map((k) => html`<dt>${t(`table:glossary.${k}.term`)}</dt><dd>${t(`table:glossary.${k}.text`, { objections })}</dd>`)}</dl>`, this.el);
  }
}
