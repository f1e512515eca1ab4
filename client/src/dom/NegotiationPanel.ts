/**
 * The negotiation panel: public floor, private lines, team caucus and structured commitments.
 * Rendered with lit-html; the message box and the offer form are uncontrolled, so typed text and chosen values stay
 * while others talk and act.
 */
import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import type { Connection } from "../net/Connection";
import { delegationName, type TableModel } from "../model";
import type { Commitment } from "../../../shared/state";
import { dmChannel, parseChannel, PUBLIC } from "../../../shared/rules/channels";
import { t } from "../i18n";
import { toast } from "./announce";

/** Channel label for the list of tabs. */
function channelLabel(m: TableModel, ch: string): string {
  const c = parseChannel(ch);
  if (c?.kind === "team") return t("table:talk.team");
  if (c?.kind !== "dm") return t("table:talk.public");
  const [a, b] = c.between;
  return delegationName(m, a === m.update.you.delegation ? b : a);
}

export class NegotiationPanel {
  readonly el = document.createElement("section");
  private channel = PUBLIC;
  /** Whether the player picked a channel; until then the public floor is preferred once it opens. */
  private chosen = false;
  private seen = new Map<string, number>();
  /** The oldest message held at the last render: when it moves back, a page of history arrived. */
  private firstSeq = Infinity;
  private lastChannel = "";
  private last: TableModel | null = null;

  constructor(private conn: Connection) {
    this.el.className = "panel negotiation";
  }

  private get input(): HTMLTextAreaElement | null { return this.el.querySelector("#say-text"); }
  private get log(): HTMLElement | null { return this.el.querySelector(".messages"); }

  /** Opens a channel (from a tab or a seat click on the table). */
  open(channel: string, focus = true): void {
    this.channel = channel;
    this.chosen = true;
    if (this.last) this.render(this.last);
    if (focus) this.input?.focus();
  }

  /** Shows the newest line (the log had no size while its tab was hidden). */
  showLatest(): void {
    const log = this.log;
    if (log) log.scrollTop = log.scrollHeight;
  }

  /** Opens the private line with a delegation, if this seat may write to it. */
  openWith(delegation: string): void {
    const m = this.last;
    const mine = m?.update.you.delegation;
    if (!m || !mine || mine === delegation) return;
    const ch = dmChannel(mine, delegation);
    if (m.update.legal.some((a) => a.type === "say" && a.channel === ch)) this.open(ch);
  }

  private async send(): Promise<void> {
    const input = this.input;
    const text = input?.value.trim();
    if (!input || !text) return;
    if (this.last?.update.view.status === "paused") { toast(t("table:paused.noActions"), "info"); return; }
    const r = await this.conn.act({ type: "say", channel: this.channel, text });
    // Clear only what was sent: the player may have typed on while it travelled.
    if (r.ok) { if (input.value.trim() === text) input.value = ""; }
    else toast(r.text);
  }

  render(m: TableModel): void {
    this.last = m;
    const channels = m.update.legal.filter((a) => a.type === "say").map((a) => (a as { channel: string }).channel);
    if (!channels.includes(this.channel) || (!this.chosen && channels.includes(PUBLIC))) this.channel = channels.includes(PUBLIC) ? PUBLIC : channels[0] ?? PUBLIC;
    const msgs = m.update.view.messages;
    const shown = msgs.filter((x) => x.channel === this.channel);
    this.seen.set(this.channel, shown.length);
    const seats = m.update.view.seats;
    const log = this.log;
    // Follow new lines only if the reader was at the bottom; loading older ones keeps the reader where they were.
    const atBottom = !log || log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const fromBottom = log ? log.scrollHeight - log.scrollTop : 0;
    const first = msgs[0]?.seq ?? 0;
    const switched = this.lastChannel !== this.channel;
    this.el.setAttribute("aria-label", t("table:talk.title"));
    const keydown = (e: KeyboardEvent) => {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); void this.send(); }
    };
    render(html`
      <h2>${t("table:talk.title")}</h2>
      <div class="tabs channels" role="tablist" aria-label=${t("table:talk.channels")}>
        ${repeat(channels, (ch) => ch, (ch) => {
          const unread = msgs.filter((x) => x.channel === ch).length - (this.seen.get(ch) ?? 0);
          return html`<button type="button" role="tab" aria-selected=${String(ch === this.channel)} class=${ch === this.channel ? "tab active" : "tab"} @click=${() => this.open(ch, false)}>${channelLabel(m, ch)}${unread > 0 ? html`<span class="badge" aria-label=${t("table:talk.unread", { count: unread })}>${unread}</span>` : nothing}</button>`;
        })}
      </div>
      <ol class="messages" aria-live="polite" aria-label=${t("table:talk.messages")} tabindex="0">
        ${m.olderMessages ? html`<li class="older"><button type="button" class="link" @click=${() => this.conn.loadOlderMessages()}>${t("table:talk.older")}</button></li>` : nothing}
        ${shown.length === 0 ? html`<li class="empty help">${t("table:talk.empty")}</li>` : nothing}
        ${repeat(shown, (x) => x.seq, (x) => html`<li class=${`${x.from === m.update.you.delegation ? "mine" : ""}${x.prepared ? " prepared-line" : ""}`}>
          <span class="who">${delegationName(m, x.from)} · ${seats[x.seat]?.name ?? t("table:talk.former")}</span>
          <span class="text">${x.text}</span></li>`)}
      </ol>
      <form class="say" @submit=${(e: Event) => { e.preventDefault(); void this.send(); }}>
        <textarea id="say-text" rows="2" maxlength="600" aria-label=${t("table:talk.message")} @keydown=${keydown}
          ?disabled=${channels.length === 0}
          placeholder=${channels.length ? t("table:talk.writeTo", { to: channelLabel(m, this.channel) }) : t("table:talk.noSeat")}></textarea>
        <button type="submit" ?disabled=${channels.length === 0}>${t("table:talk.send")}</button>
      </form>
      <h3>${t("table:commit.title")}</h3>
      <p class="help">${t("table:commit.help")}</p>
      ${this.commitments(m)}`, this.el);
    const after = this.log;
    if (after) {
      if (first < this.firstSeq && this.firstSeq !== Infinity) after.scrollTop = after.scrollHeight - fromBottom;
      else if (atBottom || switched) after.scrollTop = after.scrollHeight;
    }
    this.firstSeq = first;
    this.lastChannel = this.channel;
  }

  private commitments(m: TableModel): TemplateResult {
    const me = m.update.you.delegation;
    const legal = m.update.legal;
    const can = (type: string, id: string) => legal.some((a) => a.type === type && (a as { commitment?: string }).commitment === id);
    const list = m.update.view.commitments;
    const targets = legal.filter((a) => a.type === "commit.offer").map((a) => (a as { to: string }).to);
    // An adviser prepares offers where the signatory makes them.
    const prepareTo = legal.flatMap((a) => (a.type === "prepare" && a.move.type === "commit.offer" ? [a.move.to] : []));
    return html`<div class="commitments">
      ${list.length ? html`<ul>${repeat(list, (c) => c.id, (c) => html`<li class=${`commitment ${c.status}`}>
        <p>${describe(m, c)}</p>
        <p class="status">${t("table:commit.status", { status: t(`table:commit.state.${c.status}`) })}${Object.entries(c.judged).map(([d, v]) => ` · ${delegationName(m, d)}: ${t(`table:commit.state.${v}`)}`)}</p>
        <div class="row">
          ${can("commit.accept", c.id) ? html`<button type="button" @click=${() => void this.answer("commit.accept", c.id)}>${t("table:commit.accept")}</button>` : nothing}
          ${can("commit.decline", c.id) ? html`<button type="button" @click=${() => void this.answer("commit.decline", c.id)}>${t("table:commit.decline")}</button>` : nothing}
          ${can("commit.withdraw", c.id) ? html`<button type="button" @click=${() => void this.answer("commit.withdraw", c.id)}>${t("table:commit.withdraw")}</button>` : nothing}
        </div></li>`)}</ul>` : html`<p class="help">${t("table:commit.none")}</p>`}
      ${me && targets.length ? this.offerForm(m, targets) : me && prepareTo.length ? this.offerForm(m, prepareTo, true) : nothing}
    </div>`;
  }

  /** The offer form: uncontrolled selects, read when the player submits. */
  private offerForm(m: TableModel, targets: string[], prepare = false): TemplateResult {
    const items = m.welcome.scenario.items;
    const pairs = items.flatMap((i) => [...i.options.map((o) => ({ value: `${i.id}|${o.id}`, label: `${i.title}: ${o.title}` })), { value: `${i.id}|postpone`, label: `${i.title}: ${t("table:commit.postpone")}` }]);
    const targetOptions = () => repeat(pairs, (p) => p.value, (p) => html`<option value=${p.value}>${p.label}</option>`);
    const voteSel = (id: string) => html`<select id=${id}>${["yes", "no", "abstain"].map((v) => html`<option value=${v}>${t(`table:commit.choice.${v}`)}</option>`)}</select>`;
    const submit = (e: Event) => {
      e.preventDefault();
      const f = e.currentTarget as HTMLFormElement;
      const val = (id: string) => (f.querySelector(`#${id}`) as HTMLSelectElement).value;
      const pledge = (vote: string, on: string) => { const [item, target] = on.split("|"); return { item, target, vote }; };
      const offer = { type: "commit.offer", to: val("offer-to"), give: pledge(val("offer-give-vote"), val("offer-give-on")), want: val("offer-want-on") ? pledge(val("offer-want-vote"), val("offer-want-on")) : null };
      if (m.update.view.status === "paused") { toast(t("table:paused.noActions"), "info"); return; }
      void this.conn.act(prepare ? { type: "prepare", move: offer } : offer)
        .then((r) => { if (!r.ok) toast(r.text); else toast(prepare ? t("table:commit.prepared") : t("table:commit.offered"), "info"); });
    };
    return html`<form class="offer" @submit=${submit}>
      <label for="offer-to">${t("table:commit.to")}</label>
      <select id="offer-to">${repeat(targets, (d) => d, (d) => html`<option value=${d}>${delegationName(m, d)}</option>`)}</select>
      <label for="offer-give-vote">${t("table:commit.weVote")}</label>${voteSel("offer-give-vote")}
      <label for="offer-give-on">${t("table:commit.on")}</label><select id="offer-give-on">${targetOptions()}</select>
      <label for="offer-want-vote">${t("table:commit.ifYouVote")}</label>${voteSel("offer-want-vote")}
      <label for="offer-want-on">${t("table:commit.on")}</label>
      <select id="offer-want-on"><option value="">${t("table:commit.nothing")}</option>${targetOptions()}</select>
      ${prepare ? html`<p class="help">${t("table:commit.prepareHelp")}</p>` : nothing}
      <button type="submit">${prepare ? t("table:commit.prepare") : t("table:commit.offer")}</button>
    </form>`;
  }

  private async answer(type: string, commitment: string): Promise<void> {
    if (this.conn.current()?.update.view.status === "paused") { toast(t("table:paused.noActions"), "info"); return; }
    const r = await this.conn.act({ type, commitment });
    if (!r.ok) toast(r.text);
  }
}

/** "Kazakhstan votes yes on Strategy: as drafted, if Kyrgyzstan votes yes on …" */
export function describe(m: TableModel, c: Commitment): string {
  const target = (item: string, tg: string) => {
    const it = m.welcome.scenario.items.find((i) => i.id === item);
    return `${it?.title ?? item}: ${tg === "postpone" ? t("table:commit.postponement") : it?.options.find((o) => o.id === tg)?.title ?? tg}`;
  };
  const give = t("table:commit.gives", { from: delegationName(m, c.from), act: t(`table:commit.act.${c.give.vote}`), on: target(c.give.item, c.give.target) });
  return c.want
    ? t("table:commit.conditional", { give, to: delegationName(m, c.to), act: t(`table:commit.act.${c.want.vote}`), on: target(c.want.item, c.want.target) })
    : t("table:commit.unconditional", { give, to: delegationName(m, c.to) });
}
