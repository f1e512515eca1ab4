/** The Briefing tab: your delegation's secret briefing and what each outcome is worth to it, and every delegation's public stance. */
import { html, nothing, render } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { delegationName, outcomeLabel, type TableModel } from "../model";
import { t } from "../i18n";

export class BriefingPanel {
  readonly el = document.createElement("section");

  constructor() { this.el.className = "panel briefing"; }

  render(m: TableModel): void {
    const d = m.update.you.delegation;
    const pr = d ? m.update.view.delegations[d]?.priorities : undefined;
    const items = m.welcome.scenario.items;
    this.el.setAttribute("aria-label", t("table:briefing.title"));
    render(html`
      <h2>${d ? t("table:briefing.yours", { name: delegationName(m, d) }) : t("table:briefing.title")}</h2>
      ${d && m.update.briefing ? html`<p class="secret-note">${t("table:briefing.secret")}</p><p class="briefing-text">${m.update.briefing}</p>` :
        html`<p class="help">${t("table:briefing.noSeat")}</p>`}
      ${pr ? html`<div class="scroll-x"><table class="priorities"><caption>${t("table:briefing.worth")}</caption>
        <tbody>${items.flatMap((i) => Object.entries(pr[i.id] ?? {}).map(([k, w]) => html`<tr><th scope="row">${i.title}: ${outcomeLabel(m, i.id, k)}</th><td>${w}</td></tr>`))}</tbody>
      </table></div><p class="help">${t("table:briefing.worthHelp")}</p>` : nothing}
      <h3>${t("table:briefing.stances")}</h3>
      <ul class="stances">${repeat(m.welcome.scenario.delegations, (x) => x.id, (x) => html`<li><strong>${x.name}</strong>${x.id === d ? ` (${t("table:briefing.you")})` : ""}: ${x.publicStance}</li>`)}</ul>`, this.el);
  }
}
