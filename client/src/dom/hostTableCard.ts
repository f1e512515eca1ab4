/** One table on the host page: status, round and phase, its clock, who sits where, decisions, and its controls. */
import { html, nothing, type TemplateResult } from "lit-html";
import { t } from "../i18n";
import { mmss, PHASE_LABEL } from "../model";
import { adoptedOption } from "../../../shared/outcomes";
import type { HostSeat, HostTableLive } from "../../../shared/protocol";
import { seatMarkText } from "./hostText";
import { hostHref, type HostTable, seatName, seatsByDelegation, tableSecondsLeft, tableState } from "../hostModel";

export interface CardActions {
  /** Sends a host action to this table (the page reports refusals). */
  act(table: HostTable, action: Record<string, unknown>): Promise<boolean>;
  /** Asks before ending the summit at this table, then ends it. */
  end(table: HostTable): void;
}

/**
 * A seat's name once, with one mark for a bot (and its strength) or for a person the autopilot stands in for. A bot
 * named after its delegation is listed under that delegation by its mark alone.
 */
function seatLine(s: HostSeat, delegation: string): TemplateResult {
  const kind = s.bot ? "bot" : s.presence === "bot" ? "autopilot" : s.presence;
  const mark = html`<span class="seat-mark ${kind}">${seatMarkText(s, s.presence)}</span>`;
  const name = seatName(s);
  return html`<li class="seat">${s.bot && name === delegation ? nothing : html`<span class="seat-name">${name}</span> `}${s.signatory ? html`<span class="seat-sign">${t("host:seats.signatory")}</span> ` : nothing}${mark}</li>`;
}

function seatsBlock(live: HostTableLive | undefined): TemplateResult {
  if (!live) return html`<p class="help">${t("host:seats.unavailable")}</p>`;
  if (live.seats.length === 0) return html`<p class="help">${t("host:seats.none")}</p>`;
  return html`<ul class="host-delegations">${seatsByDelegation(live).map((g) => html`<li>
    <span class="deleg-name">${g.id ? g.name : t("host:seats.unplaced")}</span>
    ${g.seats.length ? html`<ul class="host-seats">${g.seats.map((x) => seatLine(x, g.name))}</ul>` : html`<span class="help"> ${t("host:seats.empty")}</span>`}
  </li>`)}</ul>`;
}

function decisions(live: HostTableLive | undefined): TemplateResult | typeof nothing {
  if (!live) return nothing;
  const decided = live.items.filter((i) => live.outcomes[i.id]);
  const label = (item: HostTableLive["items"][number], o: string) => {
    if (o === "rejected") return t("outcome.rejected");
    if (o === "postponed") return t("outcome.postponed");
    const option = adoptedOption(o) ?? o;
    return t("outcome.adopted", { option: item.options.find((x) => x.id === option)?.title ?? option });
  };
  return html`<details class="host-decisions"><summary>${t("host:decisions")} (${decided.length}/${live.items.length})</summary>
    ${decided.length ? html`<ul>${decided.map((i) => html`<li>${i.title}: ${label(i, live.outcomes[i.id]!)}</li>`)}</ul>` : html`<p class="help">${t("host:noDecisions")}</p>`}
  </details>`;
}

/** The card of one table; `skew` is the server's clock minus this browser's. */
export function hostTableCard(key: string, code: string, tbl: HostTable, skew: number, actions: CardActions): TemplateResult {
  const n = tbl.index + 1;
  const st = tableState(tbl);
  const secs = tableSecondsLeft(st.clock, skew);
  const status = st.status;
  const phase = PHASE_LABEL[st.phase ?? ""] ?? "";
  const where = status === "running" || status === "paused"
    ? st.rounds ? t("host:roundPhase", { round: st.round, rounds: st.rounds, phase }) : t("host:roundPhaseShort", { round: st.round, phase })
    : "";
  const players = Object.values(tbl.teams).reduce((a, b) => a + b, 0);
  const idBase = `ht-${tbl.table}`;
  const running = status === "running", paused = status === "paused", ended = status === "ended";
  const broadcast = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem("text") as HTMLInputElement;
    const text = input.value.trim();
    if (text) void actions.act(tbl, { type: "host.broadcast", text }).then((ok) => { if (ok) input.value = ""; });
  };
  return html`<article class="host-table status-${status}" aria-labelledby="${idBase}-h" data-table="${tbl.table}">
    <header class="host-table-head">
      <h2 id="${idBase}-h">${t("host:tableN", { n })}</h2>
      <span class="host-status">${t(`host:status.${status}`, { defaultValue: status })}</span>
    </header>
    <p class="host-where">${where || "\u00a0"}</p>
    <p class="host-clock" aria-label="${t("host:clock.label")}">
      ${secs === null ? html`<span class="none">${status === "running" ? t("host:clock.none") : "—"}</span>` : html`<span class="time">${mmss(secs)}</span>`}
      ${paused && secs !== null ? html`<span class="held">${t("host:clock.paused")}</span>` : nothing}
    </p>
    <p class="help">${t("host:players", { count: players })}</p>
    <section class="host-seats-block" aria-label="${t("host:seats.heading")}">${seatsBlock(tbl.live)}</section>
    ${decisions(tbl.live)}
    <div class="host-controls" role="group" aria-label="${t("host:controls.label", { n })}">
      <div class="row">
        ${status === "lobby" ? html`<button type="button" class="primary" @click=${() => void actions.act(tbl, { type: "host.start" })}>${t("host:controls.start")}</button>` : nothing}
        ${paused
          ? html`<button type="button" @click=${() => void actions.act(tbl, { type: "host.resume" })}>${t("host:controls.resume")}</button>`
          : html`<button type="button" ?disabled=${!running} @click=${() => void actions.act(tbl, { type: "host.pause" })}>${t("host:controls.pause")}</button>`}
        <button type="button" ?disabled=${!running} @click=${() => void actions.act(tbl, { type: "host.advance" })}>${t("host:controls.next")}</button>
        <button type="button" ?disabled=${!(running || paused) || secs === null} title="${t("host:controls.extendLabel")}" @click=${() => void actions.act(tbl, { type: "host.extend", seconds: 60 })}>${t("host:controls.extend")}</button>
      </div>
      <form class="row host-broadcast" @submit=${broadcast}>
        <input name="text" maxlength="600" ?disabled=${ended} placeholder="${t("host:broadcast.placeholder")}" aria-label="${t("host:broadcast.label", { n })}">
        <button type="submit" ?disabled=${ended}>${t("host:broadcast.send")}</button>
      </form>
      <div class="row host-links">
        <a class="button-link" href="${hostHref(key, tbl.table)}">${t("host:open")}</a>
        <a href="/projector/${encodeURIComponent(tbl.table)}?code=${encodeURIComponent(code)}" target="_blank" rel="noopener">${t("host:projector")}</a>
        <button type="button" class="danger host-end" ?disabled=${ended} @click=${() => actions.end(tbl)}>${t("host:controls.end")}</button>
      </div>
    </div>
  </article>`;
}
