/** The negotiation panel: public floor, private lines, team caucus and structured commitments. */
import type { Connection } from "../net/Connection";
import { delegationName, type TableModel } from "../model";
import type { Commitment } from "../../../shared/state";
import { dmChannel, parseChannel, PUBLIC } from "../../../shared/rules/channels";
import { h, fill } from "./h";
import { toast } from "./announce";

/** Channel label for the list of tabs. */
function channelLabel(m: TableModel, ch: string): string {
  const c = parseChannel(ch);
  if (c?.kind === "team") return "Team caucus";
  if (c?.kind !== "dm") return "Public floor";
  const [a, b] = c.between;
  return delegationName(m, a === m.update.you.delegation ? b : a);
}

export class NegotiationPanel {
  readonly el = h("section", { class: "panel negotiation", "aria-label": "Negotiation" });
  private tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Channels" });
  private log = h("ol", { class: "messages", "aria-live": "polite", "aria-label": "Messages" });
  private input = h("textarea", { id: "say-text", rows: 2, maxlength: 600, "aria-label": "Message", placeholder: "Write to the floor…" });
  private commitments = h("div", { class: "commitments" });
  private channel = PUBLIC;
  /** Whether the player picked a channel; until then the public floor is preferred once it opens. */
  private chosen = false;
  private seen = new Map<string, number>();
  /** The oldest message held at the last render: when it moves back, a page of history arrived. */
  private firstSeq = Infinity;

  constructor(private conn: Connection) {
    const send = h("button", { type: "submit" }, "Send");
    const form = h("form", { class: "say" }, this.input, send);
    form.addEventListener("submit", (e) => { e.preventDefault(); void this.send(); });
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); void this.send(); }
    });
    fill(this.el, h("h2", {}, "Negotiation"), this.tabs, this.log, form, h("h3", {}, "Commitments"), this.commitments);
  }

  /** Opens a channel (from a tab or a seat click on the table). */
  open(channel: string): void {
    this.channel = channel;
    this.chosen = true;
    const m = this.conn.current();
    if (m) this.render(m);
    this.input.focus();
  }

  /** Opens the private line with a delegation, if this seat may write to it. */
  openWith(delegation: string): void {
    const m = this.conn.current();
    const mine = m?.update.you.delegation;
    if (!m || !mine || mine === delegation) return;
    const ch = dmChannel(mine, delegation);
    if (m.update.legal.some((a) => a.type === "say" && a.channel === ch)) this.open(ch);
  }

  private async send(): Promise<void> {
    const text = this.input.value.trim();
    if (!text) return;
    const r = await this.conn.act({ type: "say", channel: this.channel, text });
    if (r.ok) this.input.value = "";
    else toast(r.text);
  }

  render(m: TableModel): void {
    const channels = m.update.legal.filter((a) => a.type === "say").map((a) => (a as { channel: string }).channel);
    if (!channels.includes(this.channel) || (!this.chosen && channels.includes(PUBLIC))) this.channel = channels.includes(PUBLIC) ? PUBLIC : channels[0] ?? PUBLIC;
    const msgs = m.update.view.messages;
    this.seen.set(this.channel, msgs.filter((x) => x.channel === this.channel).length);
    fill(this.tabs, channels.map((ch) => {
      const unread = msgs.filter((x) => x.channel === ch).length - (this.seen.get(ch) ?? 0);
      const tab = h("button", { type: "button", role: "tab", "aria-selected": String(ch === this.channel), class: ch === this.channel ? "tab active" : "tab", onclick: () => this.open(ch) },
        channelLabel(m, ch), unread > 0 ? h("span", { class: "badge", "aria-label": `${unread} unread` }, unread) : null);
      return tab;
    }));
    this.input.disabled = channels.length === 0;
    this.input.placeholder = channels.length ? `Write to: ${channelLabel(m, this.channel)}` : "You can speak once you have a seat and the summit runs.";
    const seats = m.update.view.seats;
    // Older messages come by page when asked; loading them keeps the reader where they were.
    const first = msgs[0]?.seq ?? 0;
    const fromBottom = this.log.scrollHeight - this.log.scrollTop;
    const older = m.olderMessages
      ? h("li", { class: "older" }, h("button", { type: "button", class: "link", onclick: () => this.conn.loadOlderMessages() }, "Show earlier messages"))
      : null;
    fill(this.log, older, msgs.filter((x) => x.channel === this.channel).map((x) =>
      h("li", { class: `${x.from === m.update.you.delegation ? "mine" : ""}${x.prepared ? " prepared-line" : ""}` },
        h("span", { class: "who" }, `${delegationName(m, x.from)} · ${seats[x.seat]?.name ?? "former member"}`),
        h("span", { class: "text" }, x.text))));
    this.log.scrollTop = first < this.firstSeq ? this.log.scrollHeight - fromBottom : this.log.scrollHeight;
    this.firstSeq = first;
    this.renderCommitments(m);
  }

  private renderCommitments(m: TableModel): void {
    const me = m.update.you.delegation;
    const legal = m.update.legal;
    const can = (type: string, id: string) => legal.some((a) => a.type === type && (a as { commitment?: string }).commitment === id);
    const list = m.update.view.commitments.map((c) => h("li", { class: `commitment ${c.status}` },
      h("p", {}, describe(m, c)),
      h("p", { class: "status" }, `Status: ${c.status}`, ...Object.entries(c.judged).map(([d, v]) => ` · ${delegationName(m, d)}: ${v}`)),
      can("commit.accept", c.id) ? h("button", { type: "button", onclick: () => void this.answer("commit.accept", c.id) }, "Accept") : null,
      can("commit.decline", c.id) ? h("button", { type: "button", onclick: () => void this.answer("commit.decline", c.id) }, "Decline") : null,
      can("commit.withdraw", c.id) ? h("button", { type: "button", onclick: () => void this.answer("commit.withdraw", c.id) }, "Withdraw") : null,
    ));
    const targets = legal.filter((a) => a.type === "commit.offer").map((a) => (a as { to: string }).to);
    // An adviser prepares offers where the signatory makes them.
    const prepareTo = legal.flatMap((a) => (a.type === "prepare" && a.move.type === "commit.offer" ? [a.move.to] : []));
    fill(this.commitments, list.length ? h("ul", {}, list) : h("p", { class: "help" }, "No commitments yet."),
      me && targets.length ? this.offerForm(m, targets) : me && prepareTo.length ? this.offerForm(m, prepareTo, true) : null);
  }

  private offerForm(m: TableModel, targets: string[], prepare = false): HTMLElement {
    const items = m.welcome.scenario.items;
    const targetOptions = () => items.flatMap((i) => [...i.options.map((o) => h("option", { value: `${i.id}|${o.id}` }, `${i.title}: ${o.title}`)), h("option", { value: `${i.id}|postpone` }, `${i.title}: postpone`)]);
    const voteSel = (id: string) => h("select", { id }, h("option", { value: "yes" }, "yes"), h("option", { value: "no" }, "no"), h("option", { value: "abstain" }, "abstain"));
    const to = h("select", { id: "offer-to" }, targets.map((d) => h("option", { value: d }, delegationName(m, d))));
    const giveVote = voteSel("offer-give-vote"), giveOn = h("select", { id: "offer-give-on" }, targetOptions());
    const wantVote = voteSel("offer-want-vote"), wantOn = h("select", { id: "offer-want-on" }, h("option", { value: "" }, "nothing in return"), targetOptions());
    const form = h("form", { class: "offer" },
      h("label", { for: "offer-to" }, "Offer to"), to,
      h("label", { for: "offer-give-vote" }, "We vote"), giveVote, h("label", { for: "offer-give-on" }, "on"), giveOn,
      h("label", { for: "offer-want-vote" }, "if you vote"), wantVote, h("label", { for: "offer-want-on" }, "on"), wantOn,
      prepare ? h("p", { class: "help" }, "For your signatory to approve; one of the two items must be in your portfolio.") : null,
      h("button", { type: "submit" }, prepare ? "Prepare for the signatory" : "Offer commitment"));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const pledge = (vote: string, on: string) => { const [item, target] = on.split("|"); return { item, target, vote }; };
      const offer = { type: "commit.offer", to: to.value, give: pledge(giveVote.value, giveOn.value), want: wantOn.value ? pledge(wantVote.value, wantOn.value) : null };
      void this.conn.act(prepare ? { type: "prepare", move: offer } : offer)
        .then((r) => { if (!r.ok) toast(r.text); else if (prepare) toast("Prepared for your signatory.", "info"); });
    });
    return form;
  }

  private async answer(type: string, commitment: string): Promise<void> {
    const r = await this.conn.act({ type, commitment });
    if (!r.ok) toast(r.text);
  }
}

/** "Kazakhstan votes yes on Strategy: as drafted, if Kyrgyzstan votes yes on …" */
export function describe(m: TableModel, c: Commitment): string {
  const target = (item: string, t: string) => {
    const it = m.welcome.scenario.items.find((i) => i.id === item);
    return `${it?.title ?? item}: ${t === "postpone" ? "postponement" : it?.options.find((o) => o.id === t)?.title ?? t}`;
  };
  const give = `${delegationName(m, c.from)} votes ${c.give.vote} on ${target(c.give.item, c.give.target)}`;
  return c.want ? `${give}, if ${delegationName(m, c.to)} votes ${c.want.vote} on ${target(c.want.item, c.want.target)}.` : `${give} (to ${delegationName(m, c.to)}, unconditionally).`;
}
