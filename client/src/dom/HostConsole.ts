/**
 * The host console beside one table's full view: back to the seminar page, how students join, this table's controls
 * (End asks first), events and notices, and the seats. lit-html updates it in place, so a notice being typed and
 * the focused control survive every update of the table.
 */
import { html, nothing, render, type TemplateResult } from "lit-html";
import type { Connection } from "../net/Connection";
import { delegationName, type TableModel } from "../model";
import type { SeminarInfo } from "../../../shared/protocol";
import { onLangChange, t } from "../i18n";
import { hostHref, seatName, studentOrigin } from "../hostModel";
import { confirmDialog } from "./confirmDialog";
import { refusalText, seatMarkText, settingsLine } from "./hostText";
import { toast } from "./announce";

export class HostConsole {
  readonly el = document.createElement("section");
  private last: TableModel | null = null;
  private offLang: () => void;

  constructor(private conn: Connection, private hostKey: string, private info: SeminarInfo, private onPickTable: (table: string) => void) {
    this.el.className = "panel host";
    this.el.setAttribute("aria-labelledby", "host-console-h");
    this.offLang = onLangChange(() => { if (this.last) this.render(this.last); });
  }

  dispose(): void { this.offLang(); }

  private async act(action: Record<string, unknown>): Promise<boolean> {
    const r = await this.conn.act(action);
    if (!r.ok) toast(refusalText(r.code, r.text));
    return r.ok;
  }

  private async end(): Promise<void> {
    const n = this.index() + 1;
    const yes = await confirmDialog({ title: t("host:confirm.endTitle", { n }), body: t("host:confirm.endBody"), confirm: t("host:confirm.end"), cancel: t("host:confirm.cancel") });
    if (yes) await this.act({ type: "host.end" });
  }

  private index(): number {
    return this.info.tables.find((x) => x.table === this.conn.table)?.index ?? 0;
  }

  private seats(m: TableModel): TemplateResult {
    const delegations = m.welcome.scenario.delegations;
    const v = m.update.view;
    return html`<h3>${t("host:seats.heading")}</h3><ul class="host-console-seats">${Object.entries(v.seats).map(([id, s]) => {
      const signer = s.delegation ? v.delegations[s.delegation]?.signatory === id : false;
      const presence = m.update.presence[id] ?? "away";
      const mark = seatMarkText(s, presence);
      const name = seatName(s);
      const assign = (e: Event) => void this.act({ type: "seat.assign", seat: id, delegation: (e.target as HTMLSelectElement).value || null });
      return html`<li class="seat">
        <span class="seat-name">${name}</span>${signer ? html` <span class="seat-sign">${t("host:seats.signatory")}</span>` : nothing}
        <span class="seat-mark ${s.bot ? "bot" : presence === "bot" ? "autopilot" : presence}">${mark}</span>
        <select aria-label="${t("host:seat.delegationOf", { name })}" @change=${assign}>
          <option value="" ?selected=${!s.delegation}>${t("host:seat.unplaced")}</option>
          ${delegations.map((d) => html`<option value="${d.id}" ?selected=${s.delegation === d.id}>${d.name}</option>`)}
        </select>
        ${s.delegation && !signer ? html`<button type="button" @click=${() => void this.act({ type: "seat.assign", seat: id, delegation: s.delegation, signatory: true })}>${t("host:seat.makeSignatory", { name: delegationName(m, s.delegation) })}</button>` : nothing}
      </li>`;
    })}</ul>`;
  }

  render(m: TableModel): void {
    this.last = m;
    const can = (type: string) => m.update.legal.some((a) => a.type === type);
    const events = m.update.view.eventLibrary;
    const { origin, loopback } = studentOrigin(this.info, location.origin);
    const link = `${origin}/join/${this.info.code}`;
    const n = this.index() + 1;
    const paused = m.update.view.status === "paused";
    const inject = (e: Event) => {
      e.preventDefault();
      const sel = (e.currentTarget as HTMLFormElement).elements.namedItem("event") as HTMLSelectElement;
      void this.act({ type: "host.inject", event: sel.value });
    };
    const broadcast = (e: Event) => {
      e.preventDefault();
      const input = (e.currentTarget as HTMLFormElement).elements.namedItem("text") as HTMLInputElement;
      const text = input.value.trim();
      if (text) void this.act({ type: "host.broadcast", text }).then((ok) => { if (ok) input.value = ""; });
    };
    render(html`
      <p class="host-back"><a href="${hostHref(this.hostKey)}">${t("host:back")}</a></p>
      <h2 id="host-console-h">${t("host:title")} · ${t("host:tableN", { n })}</h2>
      ${this.info.tables.length > 1 ? html`<nav class="row host-table-nav" aria-label="${t("host:tablesLabel")}">${this.info.tables.map((x) => x.table === this.conn.table
        ? html`<span aria-current="page">${t("host:tableN", { n: x.index + 1 })}</span>`
        : html`<a href="${hostHref(this.hostKey, x.table)}" @click=${(e: Event) => { e.preventDefault(); this.onPickTable(x.table); }}>${t("host:tableN", { n: x.index + 1 })}</a>`)}</nav>` : nothing}
      <p>${t("host:join.code")}: <strong class="code">${this.info.code}</strong> · ${t("host:join.link")}: <a class="student-link" href="${link}">${link}</a></p>
      ${loopback ? html`<p class="host-warning" role="note">${t("host:join.loopback", { host: new URL(origin).host })}</p>` : nothing}
      <p class="help settings">${settingsLine(this.info)} · <a href="/api/host/${encodeURIComponent(this.hostKey)}/rolesheets" target="_blank" rel="noopener noreferrer">${t("host:join.roleSheets")}</a></p>
      <div class="controls" role="group" aria-label="${t("host:controls.label", { n })}">
        <div class="row">
          <button type="button" ?disabled=${!can("host.start")} @click=${() => void this.act({ type: "host.start" })}>${t("host:controls.start")}</button>
          ${paused
            ? html`<button type="button" ?disabled=${!can("host.resume")} @click=${() => void this.act({ type: "host.resume" })}>${t("host:controls.resume")}</button>`
            : html`<button type="button" ?disabled=${!can("host.pause")} @click=${() => void this.act({ type: "host.pause" })}>${t("host:controls.pause")}</button>`}
          <button type="button" ?disabled=${!can("host.extend")} title="${t("host:controls.extendLabel")}" @click=${() => void this.act({ type: "host.extend", seconds: 60 })}>${t("host:controls.extend")}</button>
          <button type="button" ?disabled=${!can("host.advance")} @click=${() => void this.act({ type: "host.advance" })}>${t("host:controls.next")}</button>
        </div>
        ${events.length ? html`<form class="row" @submit=${inject}>
          <select name="event" aria-label="${t("host:inject.label")}">${events.map((e) => html`<option value="${e.id}">${e.title}${e.scripted ? ` ${t("host:inject.scripted")}` : ""}</option>`)}</select>
          <button type="submit">${t("host:inject.button")}</button></form>` : nothing}
        <form class="row host-broadcast" @submit=${broadcast}>
          <input name="text" id="broadcast-text" maxlength="600" placeholder="${t("host:broadcast.placeholder")}" aria-label="${t("host:broadcast.labelOne")}">
          <button type="submit">${t("host:broadcast.send")}</button>
        </form>
        <div class="row host-danger">
          <a href="/projector/${encodeURIComponent(this.conn.table)}?code=${encodeURIComponent(this.info.code)}" target="_blank" rel="noopener">${t("host:projector")}</a>
          <button type="button" class="danger host-end" ?disabled=${!can("host.end")} @click=${() => void this.end()}>${t("host:controls.end")}</button>
        </div>
      </div>
      ${this.seats(m)}`, this.el);
  }
}
