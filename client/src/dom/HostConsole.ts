/** The host console: controls for this table and the whole seminar, seats, and a dashboard of every table. */
import { api, type Connection } from "../net/Connection";
import { BOT_MIX_LABEL, delegationName, mmss, outcomeLabel, PHASE_LABEL, type TableModel } from "../model";
import type { SeminarInfo } from "../../../shared/protocol";
import { seatLabel } from "../../../shared/botSeats";
import { h, fill } from "./h";
import { toast } from "./announce";

export class HostConsole {
  readonly el = h("section", { class: "panel host", "aria-label": "Host console" });
  private dash = h("div", { class: "dashboard" });
  private controls = h("div", { class: "controls" });
  private seats = h("div", { class: "seats" });
  private broadcastText = h("input", { id: "broadcast-text", maxlength: 600, placeholder: "Notice to every delegation", "aria-label": "Notice text" });
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private conn: Connection, private hostKey: string, private info: SeminarInfo, private onPickTable: (table: string) => void) {
    const origin = location.origin;
    fill(this.el,
      h("h2", {}, "Host console"),
      h("p", {}, "Join code: ", h("strong", { class: "code" }, info.code), " · student link: ", h("a", { href: `${origin}/join/${info.code}` }, `${origin}/join/${info.code}`)),
      h("p", { class: "settings", title: BOT_MIX_LABEL[info.botStrength] }, `Pacing: ${info.timing === "manual" ? "by hand" : `${info.timing} minutes`} · bots: ${info.bots ? "fill empty seats" : "only stand in for absent signatories"} · bot strength: ${info.botStrength} · `,
        h("a", { href: `/api/host/${encodeURIComponent(hostKey)}/rolesheets`, target: "_blank", rel: "noopener noreferrer" }, "Print role sheets")),
      this.controls, this.seats,
      h("h3", {}, "All tables"), this.dash);
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), 3000);
  }

  dispose(): void { clearInterval(this.timer); }

  private async act(action: Record<string, unknown>): Promise<void> {
    const r = await this.conn.act(action);
    if (!r.ok) toast(r.text);
  }

  private async everywhere(action: Record<string, unknown>): Promise<void> {
    try {
      const r = await api.control(this.hostKey, action);
      const failed = Object.entries(r.results).filter(([, x]) => !x.ok);
      if (failed.length) toast(`${failed.length} table(s) refused: ${failed.map(([, x]) => x.error).join(", ")}`, "info");
      void this.refresh();
    } catch (e) {
      toast(String((e as Error).message));
    }
  }

  private async refresh(): Promise<void> {
    try {
      this.info = await api.dashboard(this.hostKey);
    } catch { return; }
    const m = this.conn.current();
    fill(this.dash, h("table", { class: "dash" },
      h("thead", {}, h("tr", {}, h("th", {}, "Table"), h("th", {}, "Phase"), h("th", {}, "Clock"), h("th", {}, "Players"), h("th", {}, "Outcomes"), h("th", {}, "Projector"))),
      h("tbody", {}, this.info.tables.map((t) => {
        const secs = t.endsAt !== null ? Math.max(0, Math.round((t.endsAt - Date.now()) / 1000)) : t.remaining !== null ? Math.round(t.remaining / 1000) : null;
        const players = Object.values(t.teams).reduce((a, b) => a + b, 0);
        return h("tr", {},
          h("td", {}, h("button", { type: "button", onclick: () => this.onPickTable(t.table), "aria-current": String(t.table === this.conn.table) }, `Table ${t.index + 1}`)),
          h("td", {}, t.status === "running" || t.status === "paused" ? `R${t.round} ${PHASE_LABEL[t.phase ?? ""] ?? ""}${t.status === "paused" ? " (paused)" : ""}` : t.status),
          h("td", {}, secs === null ? "—" : mmss(secs)),
          h("td", {}, players),
          h("td", {}, m ? Object.entries(t.outcomes).map(([i, o]) => `${m.welcome.scenario.items.find((x) => x.id === i)?.title ?? i}: ${outcomeLabel(m, i, o)}`).join("; ") || "—" : "—"),
          h("td", {}, h("a", { href: `/projector/${t.table}?code=${this.info.code}`, target: "_blank" }, "open")));
      }))),
      this.info.tables.length > 1 ? h("p", { class: "help join-links" }, "Join link per table, so that a team sits together: ",
        ...this.info.tables.flatMap((t, i) => [i ? " · " : "", h("a", { href: `/join/${this.info.code}?table=${t.index + 1}` }, `table ${t.index + 1}`)])) : null);
  }

  render(m: TableModel): void {
    const legal = m.update.legal;
    const can = (type: string) => legal.some((a) => a.type === type);
    const events = m.update.view.eventLibrary;
    const eventSel = h("select", { id: "inject-event", "aria-label": "Event to inject" }, events.map((e) => h("option", { value: e.id }, `${e.title}${e.scripted ? " (scripted)" : ""}`)));
    const control = (label: string, action: Record<string, unknown>) =>
      h("span", { class: "pair" },
        h("button", { type: "button", disabled: !can(String(action.type)), onclick: () => void this.act(action) }, label),
        h("button", { type: "button", class: "all", title: `${label} at every table`, "aria-label": `${label} at every table`, onclick: () => void this.everywhere(action) }, "all"));
    fill(this.controls,
      h("div", { class: "row wrap" },
        control("Start", { type: "host.start" }), control("Pause", { type: "host.pause" }), control("Resume", { type: "host.resume" }),
        control("+1 min", { type: "host.extend", seconds: 60 }), control("Next phase", { type: "host.advance" }), control("End summit", { type: "host.end" })),
      events.length ? h("div", { class: "row" }, eventSel,
        h("button", { type: "button", onclick: () => void this.act({ type: "host.inject", event: eventSel.value }) }, "Inject event")) : null,
      h("form", { class: "row", onsubmit: (e: Event) => { e.preventDefault(); const text = this.broadcastText.value.trim(); if (text) void this.act({ type: "host.broadcast", text }).then(() => { this.broadcastText.value = ""; }); } },
        this.broadcastText, h("button", { type: "submit" }, "Broadcast")),
    );
    const delegations = m.welcome.scenario.delegations;
    fill(this.seats, h("h3", {}, "Seats"), h("ul", {}, Object.entries(m.update.view.seats).map(([id, s]) => {
      const sel = h("select", { "aria-label": `Delegation of ${s.name}` }, h("option", { value: "" }, "unplaced"), delegations.map((d) => h("option", { value: d.id, selected: s.delegation === d.id }, d.name)));
      sel.addEventListener("change", () => void this.act({ type: "seat.assign", seat: id, delegation: sel.value || null }));
      const signer = s.delegation ? m.update.view.delegations[s.delegation]?.signatory === id : false;
      return h("li", {}, `${seatLabel(s)} · ${m.update.presence[id] ?? "away"}${signer ? " · signatory" : ""} `, sel,
        s.delegation && !signer ? h("button", { type: "button", onclick: () => void this.act({ type: "seat.assign", seat: id, delegation: s.delegation, signatory: true }) }, `Make ${delegationName(m, s.delegation)}'s signatory`) : null);
    })));
  }
}
