/** What the chosen perspective could read up to this moment: the talk on its channels and the notices, newest last. */
import { h, fill } from "../dom/h";
import { onLangChange, t } from "../i18n";
import { delegationName, type TableModel } from "../model";
import { parseChannel, PUBLIC } from "../../../shared/rules/channels";

const SHOWN = 150;
const FILTERS = ["all", "public", "dm", "team"] as const;

export class TranscriptPanel {
  readonly el: HTMLElement;
  private list = h("ol", { class: "messages transcript", tabindex: 0 });
  private filter = h("select", { id: "transcript-filter" }, ...FILTERS.map((f) => h("option", { value: f })));
  private filterLabel = h("label", { for: "transcript-filter", class: "sr-only" });
  private title = h("h2", {});
  private note = h("p", { class: "help" });
  private last: TableModel | null = null;

  constructor() {
    this.el = h("section", { class: "panel" }, this.title, this.filterLabel, this.filter, this.note, this.list);
    this.filter.addEventListener("change", () => this.last && this.render(this.last));
    this.labels();
    onLangChange(() => {
      this.labels();
      if (this.last) this.render(this.last);
    });
  }

  private labels(): void {
    this.title.textContent = t("replay:transcript.title");
    this.filterLabel.textContent = t("replay:transcript.which");
    this.list.setAttribute("aria-label", t("replay:transcript.list"));
    for (const o of this.filter.options) o.textContent = t(`replay:transcript.${o.value}`);
  }

  render(m: TableModel): void {
    this.last = m;
    const v = m.update.view;
    const kind = this.filter.value;
    const channelLabel = (channel: string): string => {
      const c = parseChannel(channel);
      if (c?.kind === "team") return t("replay:transcript.caucus", { delegation: delegationName(m, c.delegation) });
      if (c?.kind === "dm") return `${delegationName(m, c.between[0])} ↔ ${delegationName(m, c.between[1])}`;
      return t("replay:transcript.floor");
    };
    type Line = { seq: number; who: string; text: string; cls: string };
    const lines: Line[] = [
      ...v.messages.filter((x) => kind === "all" || parseChannel(x.channel)?.kind === kind).map((x) => ({
        seq: x.seq, who: `${delegationName(m, x.from)} · ${v.seats[x.seat]?.name ?? t("replay:transcript.formerSeat")} · ${channelLabel(x.channel)}`, text: x.text, cls: x.channel === PUBLIC ? "" : "private",
      })),
      ...(kind === "all" ? v.notices.map((n) => ({ seq: n.seq, who: n.kind === "event" ? t("replay:transcript.news") : t("replay:transcript.chair"), text: `${n.title}${n.text ? ` — ${n.text}` : ""}`, cls: "notice" })) : []),
    ].sort((a, b) => a.seq - b.seq);
    const shown = lines.slice(-SHOWN);
    this.note.textContent = lines.length > SHOWN ? t("replay:transcript.lastOf", { shown: SHOWN, total: lines.length }) : t("replay:transcript.lines", { count: lines.length });
    fill(this.list, ...shown.map((l) => h("li", { class: `${l.cls}${l.seq === v.seq ? " now" : ""}` }, h("span", { class: "who" }, `#${l.seq} ${l.who}`), h("span", { class: "text" }, l.text))));
    this.scrollToNow();
  }

  /** Brings the line of this moment (or the latest one) into view. */
  scrollToNow(): void {
    const now = this.list.querySelector(".now");
    this.list.scrollTop = now instanceof HTMLElement ? now.offsetTop - this.list.clientHeight / 2 : this.list.scrollHeight;
  }
}
