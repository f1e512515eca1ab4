/** What the chosen perspective could read up to this moment: the talk on its channels and the notices, newest last. */
import { h, fill } from "../dom/h";
import { delegationName, type TableModel } from "../model";
import { parseChannel, PUBLIC } from "../../../shared/rules/channels";

const SHOWN = 150;

export class TranscriptPanel {
  readonly el: HTMLElement;
  private list = h("ol", { class: "messages transcript", "aria-label": "Transcript up to this moment" });
  private filter = h("select", { "aria-label": "Which talk" },
    h("option", { value: "all" }, "All talk"), h("option", { value: "public" }, "Public floor"),
    h("option", { value: "dm" }, "Private lines"), h("option", { value: "team" }, "Team caucus"));
  private note = h("p", { class: "help" });
  private last: TableModel | null = null;

  constructor() {
    this.el = h("section", { class: "panel" }, h("h2", {}, "Transcript"), this.filter, this.note, this.list);
    this.filter.addEventListener("change", () => this.last && this.render(this.last));
  }

  render(m: TableModel): void {
    this.last = m;
    const v = m.update.view;
    const kind = this.filter.value;
    const channelLabel = (channel: string): string => {
      const c = parseChannel(channel);
      if (c?.kind === "team") return `${delegationName(m, c.delegation)} caucus`;
      if (c?.kind === "dm") return `${delegationName(m, c.between[0])} ↔ ${delegationName(m, c.between[1])}`;
      return "floor";
    };
    type Line = { seq: number; who: string; text: string; cls: string };
    const lines: Line[] = [
      ...v.messages.filter((x) => kind === "all" || parseChannel(x.channel)?.kind === kind).map((x) => ({
        seq: x.seq, who: `${delegationName(m, x.from)} · ${v.seats[x.seat]?.name ?? "a former seat"} · ${channelLabel(x.channel)}`, text: x.text, cls: x.channel === PUBLIC ? "" : "private",
      })),
      ...(kind === "all" ? v.notices.map((n) => ({ seq: n.seq, who: n.kind === "event" ? "News" : "The chair", text: `${n.title}${n.text ? ` — ${n.text}` : ""}`, cls: "notice" })) : []),
    ].sort((a, b) => a.seq - b.seq);
    const shown = lines.slice(-SHOWN);
    this.note.textContent = lines.length > SHOWN ? `The last ${SHOWN} of ${lines.length} lines.` : `${lines.length} line${lines.length === 1 ? "" : "s"} so far.`;
    fill(this.list, ...shown.map((l) => h("li", { class: `${l.cls}${l.seq === v.seq ? " now" : ""}` }, h("span", { class: "who" }, `#${l.seq} ${l.who}`), h("span", { class: "text" }, l.text))));
    this.scrollToNow();
  }

  /** Brings the line of this moment (or the latest one) into view. */
  scrollToNow(): void {
    const now = this.list.querySelector(".now");
    this.list.scrollTop = now instanceof HTMLElement ? now.offsetTop - this.list.clientHeight / 2 : this.list.scrollHeight;
  }
}
