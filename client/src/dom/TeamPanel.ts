/** The team panel: who advises on which items, and the moves advisers prepared for the signatory (lit-html, patched in place). */
import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import type { Connection } from "../net/Connection";
import { delegationName, type TableModel } from "../model";
import type { LegalAction } from "../../../shared/legalActions";
import type { PreparedMove } from "../../../shared/state";
import { describeMove } from "../../../shared/rules/preparedText";
import { t } from "../i18n";
import { toast } from "./announce";

export class TeamPanel {
  readonly el = document.createElement("section");

  constructor(private conn: Connection) {
    this.el.className = "panel team-panel";
  }

  private async act(action: Record<string, unknown>): Promise<void> {
    if (this.conn.current()?.update.view.status === "paused") { toast(t("table:paused.noActions"), "info"); return; }
    const r = await this.conn.act(action);
    if (!r.ok) toast(r.text);
  }

  render(m: TableModel): void {
    const you = m.update.you;
    const d = you.delegation;
    this.el.setAttribute("aria-label", t("table:team.label"));
    if (!d || you.host || you.spectator) { render(nothing, this.el); this.el.hidden = true; return; }
    this.el.hidden = false;
    const team = Object.entries(m.update.view.seats).filter(([, s]) => s.delegation === d);
    const signer = m.update.view.delegations[d]?.signatory ?? null;
    const advisers = team.filter(([id]) => id !== signer);
    render(html`
      <h2>${t("table:team.title", { name: delegationName(m, d) })}</h2>
      ${advisers.length === 0 ? html`<p class="help">${t("table:team.noAdvisers")}</p>` :
        html`<ul class="portfolios">${repeat(advisers, ([id]) => id, ([id, s]) => this.adviser(m, d, id, s.name))}</ul>`}
      ${this.prepared(m, d)}`, this.el);
  }

  /** One adviser and its portfolio; the signatory gets a checkbox per item. */
  private adviser(m: TableModel, d: string, seat: string, name: string): TemplateResult {
    const items = m.welcome.scenario.items;
    const mine = m.update.view.portfolios[d]?.[seat] ?? [];
    const can = m.update.legal.some((a) => a.type === "team.portfolio" && a.seat === seat);
    const label = mine.length ? mine.map((i) => items.find((x) => x.id === i)?.title ?? i).join(", ") : t("table:team.anyItem");
    if (!can) return html`<li><strong>${name}</strong> ${t("table:team.worksOn", { items: label })}</li>`;
    const change = (e: Event) => {
      const set = (e.currentTarget as HTMLElement).closest("fieldset")!;
      const ticked = [...set.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((b) => b.checked).map((b) => b.value);
      void this.act({ type: "team.portfolio", seat, items: ticked });
    };
    // The portfolio is the server's: the boxes follow it (`.checked`), and a tick is sent at once.
    return html`<li><fieldset class="portfolio"><legend>${t("table:team.portfolio", { name })}</legend>
      ${repeat(items, (i) => i.id, (item) => html`<label class="check"><input type="checkbox" value=${item.id} .checked=${mine.includes(item.id)} @change=${change}> ${item.title}</label>`)}
    </fieldset></li>`;
  }

  /** The prepared moves: the signatory approves or discards; an adviser follows (and may discard) its own. */
  private prepared(m: TableModel, d: string): TemplateResult {
    const you = m.update.you;
    const all = m.update.view.prepared.filter((x) => x.delegation === d);
    const pending = all.filter((x) => x.status === "pending");
    const settled = all.filter((x) => x.status !== "pending").slice(-5).reverse();
    return html`<div class="prepared">
      <h3>${you.signatory ? t("table:team.preparedForYou") : t("table:team.preparedBySelf")}</h3>
      ${pending.length ? html`<ul>${repeat(pending, (x) => x.id, (x) => this.entry(m, x))}</ul>` :
        html`<p class="help">${you.signatory ? t("table:team.nothingForYou") : t("table:team.nothingWaiting")}</p>`}
      ${settled.length ? html`<details><summary>${t("table:team.settled")}</summary><ul>${repeat(settled, (x) => x.id, (x) => this.entry(m, x))}</ul></details>` : nothing}
    </div>`;
  }

  private entry(m: TableModel, x: PreparedMove): TemplateResult {
    const legal = m.update.legal;
    const has = (type: LegalAction["type"]) => legal.some((a) => a.type === type && (a as { prepared?: string }).prepared === x.id);
    const waiting = x.status === "pending" && m.update.you.signatory && !has("prepared.approve");
    return html`<li class=${`prepared-move ${x.status}`}>
      <p><strong>${x.authorName}</strong>: ${describeMove({ scenario: m.welcome.scenario, proposals: m.update.view.proposals }, x.move)}</p>
      ${x.note ? html`<p class="note">“${x.note}”</p>` : nothing}
      ${x.status !== "pending" ? html`<p class="status">${x.status === "approved" ? t("table:team.approved") : t("table:team.discarded")}</p>` : nothing}
      ${waiting ? html`<p class="help">${t("table:team.cannotNow")}</p>` : nothing}
      <div class="row">
        ${has("prepared.approve") ? html`<button type="button" class="primary" @click=${() => void this.act({ type: "prepared.approve", prepared: x.id })}>${t("table:team.approve")}</button>` : nothing}
        ${has("prepared.discard") ? html`<button type="button" @click=${() => void this.act({ type: "prepared.discard", prepared: x.id })}>${t("table:team.discard")}</button>` : nothing}
      </div></li>`;
  }
}
