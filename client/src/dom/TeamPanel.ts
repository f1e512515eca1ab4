/** The team panel: who advises on which items, and the moves advisers prepared for the signatory. */
import type { Connection } from "../net/Connection";
import { delegationName, type TableModel } from "../model";
import type { LegalAction } from "../../../shared/legalActions";
import type { PreparedMove } from "../../../shared/state";
import { describeMove } from "../../../shared/rules/preparedText";
import { h, fill } from "./h";
import { toast } from "./announce";

export class TeamPanel {
  readonly el = h("section", { class: "panel team-panel", "aria-label": "Your team" });

  constructor(private conn: Connection) {}

  private async act(action: Record<string, unknown>): Promise<void> {
    const r = await this.conn.act(action);
    if (!r.ok) toast(r.text);
  }

  render(m: TableModel): void {
    const you = m.update.you;
    const d = you.delegation;
    if (!d || you.host || you.spectator) { fill(this.el); this.el.hidden = true; return; }
    this.el.hidden = false;
    const team = Object.entries(m.update.view.seats).filter(([, s]) => s.delegation === d);
    const signer = m.update.view.delegations[d]?.signatory ?? null;
    const advisers = team.filter(([id]) => id !== signer);
    fill(this.el,
      h("h2", {}, `Your team (${delegationName(m, d)})`),
      advisers.length === 0 ? h("p", { class: "help" }, "Advisers who join your delegation can prepare drafts and offers for the signatory.") :
        h("ul", { class: "portfolios" }, advisers.map(([id, s]) => this.adviser(m, d, id, s.name))),
      this.prepared(m, d));
  }

  /** One adviser and its portfolio; the signatory gets a checkbox per item. */
  private adviser(m: TableModel, d: string, seat: string, name: string): HTMLElement {
    const items = m.welcome.scenario.items;
    const mine = m.update.view.portfolios[d]?.[seat] ?? [];
    const can = m.update.legal.some((a) => a.type === "team.portfolio" && a.seat === seat);
    const label = mine.length ? mine.map((i) => items.find((x) => x.id === i)?.title ?? i).join(", ") : "any item";
    if (!can) return h("li", {}, h("strong", {}, name), ` works on: ${label}`);
    const boxes = items.map((item) => {
      const id = `portfolio-${seat}-${item.id}`;
      const box = h("input", { type: "checkbox", id, checked: mine.includes(item.id),
        onchange: () => void this.act({ type: "team.portfolio", seat, items: boxes.filter((b) => b.box.checked).map((b) => b.item) }) });
      return { item: item.id, box, el: h("label", { for: id, class: "check" }, box, ` ${item.title}`) };
    });
    return h("li", {}, h("fieldset", { class: "portfolio" }, h("legend", {}, `${name}'s portfolio (none ticked: any item)`), boxes.map((b) => b.el)));
  }

  /** The prepared moves: the signatory approves or discards; an adviser follows (and may discard) its own. */
  private prepared(m: TableModel, d: string): HTMLElement {
    const you = m.update.you;
    const all = m.update.view.prepared.filter((x) => x.delegation === d);
    const pending = all.filter((x) => x.status === "pending");
    const settled = all.filter((x) => x.status !== "pending").slice(-5).reverse();
    const title = you.signatory ? "Prepared by your advisers" : "Prepared for the signatory";
    return h("div", { class: "prepared" },
      h("h3", {}, title),
      pending.length ? h("ul", {}, pending.map((x) => this.entry(m, x))) : h("p", { class: "help" }, you.signatory ? "Nothing waiting for you." : "Nothing waiting. Use “Prepare for the signatory” on the agenda or in the commitments."),
      settled.length ? h("details", {}, h("summary", {}, "Recently settled"), h("ul", {}, settled.map((x) => this.entry(m, x)))) : null);
  }

  private entry(m: TableModel, x: PreparedMove): HTMLElement {
    const legal = m.update.legal;
    const has = (type: LegalAction["type"]) => legal.some((a) => a.type === type && (a as { prepared?: string }).prepared === x.id);
    const waiting = x.status === "pending" && m.update.you.signatory && !has("prepared.approve");
    return h("li", { class: `prepared-move ${x.status}` },
      h("p", {}, h("strong", {}, x.authorName), `: ${describeMove({ scenario: m.welcome.scenario, proposals: m.update.view.proposals }, x.move)}`),
      x.note ? h("p", { class: "note" }, `“${x.note}”`) : null,
      x.status !== "pending" ? h("p", { class: "status" }, x.status === "approved" ? "Approved" : "Discarded") : null,
      waiting ? h("p", { class: "help" }, "Cannot be made right now (wrong phase, or it no longer fits the table).") : null,
      h("div", { class: "row" },
        has("prepared.approve") ? h("button", { type: "button", class: "primary", onclick: () => void this.act({ type: "prepared.approve", prepared: x.id }) }, "Approve") : null,
        has("prepared.discard") ? h("button", { type: "button", onclick: () => void this.act({ type: "prepared.discard", prepared: x.id }) }, "Discard") : null));
  }
}
