/**
 * The debrief of a finished session. It opens with the key moments (each opens the replay there) and the charts
 * (cohesion over time, the negotiation network); the number tables follow, folded: scores against the revealed
 * priorities, outcomes beside history, what the scenario invented, vote agreement, commitments. Then the questions
 * for the class and, for a seminar with several tables, the tables side by side. Charts save as PNG, tables as CSV.
 */
import { type Debrief, debriefOf, toCsv } from "../../../shared/debrief";
import type { InventedRow } from "../../../shared/invented";
import type { KeyMoment } from "../../../shared/keyMoments";
import { reflectionPrompts } from "../../../shared/reflectionPrompts";
import { localiseScenario } from "../../../shared/scenarioTexts";
import type { State } from "../../../shared/state";
import { fill, h } from "../dom/h";
import { formatNumber, lang, onLangChange, t } from "../i18n";
import { compareTables } from "./compareTables";
import { drawCohesion, drawNetwork, makeCanvas, savePng, saveText } from "./debriefCharts";
import { keyMomentsList, type MomentNames, momentNames } from "./keyMomentsList";
import { promptText } from "./promptText";
import type { LocalSource } from "./localSource";

type Cell = string | number | boolean | null;
const two = (x: number) => formatNumber(x, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export class DebriefPanel {
  readonly el = h("section", { class: "debrief", "aria-label": t("debrief:region") });
  private drawn = false;

  /** `jump` opens the replay at a moment (the key moments' buttons). */
  constructor(private source: LocalSource, private table: string, private seminar: string, private jump: (seq: number) => void = () => undefined) {
    onLangChange(() => {
      this.el.setAttribute("aria-label", t("debrief:region"));
      if (this.drawn) { this.drawn = false; this.show(); }
    });
  }

  /** Builds the panel the first time it is shown (the computations need only the final state). */
  show(): void {
    if (this.drawn) return;
    this.drawn = true;
    const s = this.source.final;
    if (s.status !== "ended" || !s.result) {
      fill(this.el, h("p", {}, t("debrief:notYet")));
      return;
    }
    const d = debriefOf(s, this.source.cursor.scenario.events);
    // Names and titles in the reader's language (the state keeps the scenario's English).
    const n = momentNames(lang() === "ru" ? { ...s, scenario: localiseScenario(s.scenario, this.source.cursor.scenario.translations?.ru) } : s);
    const compare = h("div", { class: "compare" });
    const winners = s.result.winners.map(n.name);
    fill(this.el,
      h("p", { class: "debrief-summary" }, winners.length && !s.result.failed ? t("debrief:summary", { names: winners.join(", ") }) : t("debrief:noWinner")),
      keyMomentsList(d.moments, n, (m) => this.seqOf(m), this.jump),
      h("h2", {}, t("debrief:charts")),
      this.cohesion(d),
      this.network(s, d, n.name),
      h("details", { class: "numbers" }, h("summary", {}, t("debrief:numbers")),
        h("p", { class: "help" }, t("debrief:numbersHelp")),
        this.scores(d, n),
        this.table_(t("debrief:outcomes.title"), "outcomes", [t("debrief:outcomes.col.item"), t("debrief:outcomes.col.here"), t("debrief:outcomes.col.history"), t("debrief:outcomes.col.same")],
          d.outcomes.map((o) => [n.item(o.item), n.outcome(o.item, o.outcome), n.outcome(o.item, o.historical), o.matches === null ? "—" : o.matches ? t("debrief:outcomes.yes") : t("debrief:outcomes.no")])),
        this.invented(d.invented, n),
        this.agreement(d, n.name),
        this.table_(t("debrief:commitments.title"), "commitments", (["delegation", "offered", "received", "accepted", "declined", "withdrawn", "kept", "broken", "untested"] as const).map((k) => t(`debrief:commitments.col.${k}`)),
          Object.entries(d.commitments).map(([id, c]) => [n.name(id), c.offered, c.received, c.accepted, c.declined, c.withdrawn, c.kept, c.broken, c.untested]),
          t("debrief:commitments.help"))),
      this.reflection(s, n),
      compare,
    );
    void compareTables(compare, this.table, this.seminar, s);
  }

  /** The replay moment of a key moment: its own seq, or the last action at its time (when a ballot closed). */
  private seqOf(m: KeyMoment): number {
    if ("seq" in m) return m.seq;
    let lo = 0, hi = this.source.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.source.timeAt(mid) <= m.at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private scores(d: Debrief, n: MomentNames): HTMLElement {
    const items = d.scores[0]?.perItem.map((p) => p.item) ?? [];
    const pts = (x: number) => Math.round(x * 100);
    const rows: Cell[][] = [...d.scores].sort((a, b) => b.total - a.total).map((x) => [n.name(x.delegation), pts(x.total), x.winner ? t("debrief:scores.winner") : "",
      pts(x.gain), pts(x.total - x.gain), t("debrief:scores.met", { now: pts(x.priority), then: pts(x.baseline) }),
      `${x.conduct.kept}/${x.conduct.broken}`, x.conduct.objections, x.conduct.lapsed, x.conduct.silent,
      ...x.perItem.map((p) => t("debrief:scores.gotOf", { got: p.got, best: p.best }))]);
    const failed = this.source.final.result?.failed ? t("debrief:scores.failed") : "";
    const col = (k: string) => t(`debrief:scores.col.${k}`);
    const wrap = this.table_(t("debrief:scores.title"), "scores",
      [col("delegation"), col("score"), col("winner"), col("outcomes"), col("conduct"), col("met"), col("pledges"), col("objections"), col("missed"), col("silent"), ...items.map(n.item)], rows,
      t("debrief:scores.help") + failed);
    const detail = h("details", {}, h("summary", {}, t("debrief:scores.perItem")),
      ...d.scores.map((x) => h("p", {}, h("strong", {}, `${n.name(x.delegation)}: `),
        x.perItem.map((p) => t("debrief:scores.perItemLine", { item: n.item(p.item), got: n.outcome(p.item, p.outcome), gotValue: p.got, best: n.outcome(p.item, p.bestOutcome), bestValue: p.best, worst: p.worst })).join("; "))));
    wrap.append(detail);
    return wrap;
  }

  /** What the scenario made up, so that nobody leaves the seminar taking it for history. */
  private invented(rows: InventedRow[], n: MomentNames): HTMLElement | null {
    if (!rows.length) return null;
    const what = (r: InventedRow) => (r.kind === "option" ? `${n.item(r.item)}: ${r.title}` : r.title);
    const here = (r: InventedRow) => r.kind === "item" ? n.outcome(r.item, r.outcome)
      : r.kind === "option" ? t(r.adopted ? "debrief:invented.adopted" : r.tabled ? "debrief:invented.tabled" : "debrief:invented.notTabled")
      : t(r.fired ? "debrief:invented.broke" : "debrief:invented.didNotBreak");
    return this.table_(t("debrief:invented.title"), "invented", (["kind", "what", "here", "why"] as const).map((k) => t(`debrief:invented.col.${k}`)),
      rows.map((r): Cell[] => [t(`debrief:invented.kind.${r.kind}`), what(r), here(r), r.reason || t("debrief:invented.noReason")]),
      t("debrief:invented.help"));
  }

  private cohesion(d: Debrief): HTMLElement {
    const from = two(d.cohesion[0]?.value ?? 0), to = two(d.cohesion.at(-1)?.value ?? 0);
    const title = t("debrief:cohesion.title");
    const canvas = makeCanvas(640, 260, t("debrief:cohesion.label", { from, to }));
    const start = this.source.markers.find((m) => m.kind === "start")?.at ?? d.cohesion[0]?.at ?? 0;
    drawCohesion(canvas, d.cohesion, start, this.source.markers.filter((m) => m.event?.type === "phase.changed" && m.event.phase === "opening"), t("debrief:cohesion.axis"));
    const csv = () => toCsv([["seq", "minutes", "cohesion"], ...d.cohesion.map((c) => [c.seq, Math.round(((Math.max(c.at, start) - start) / 60_000) * 10) / 10, c.value])]);
    return h("div", { class: "chart" }, h("h3", {}, title),
      h("p", { class: "help" }, t("debrief:cohesion.help", { from, to })),
      canvas, this.tools(title, [["png", () => savePng(canvas, `cohesion-${this.table}.png`)], ["csv", () => saveText(csv(), `cohesion-${this.table}.csv`)]]));
  }

  private agreement(d: Debrief, name: (id: string) => string): HTMLElement {
    const a = d.agreement;
    const title = t("debrief:agreement.title");
    const head = h("tr", {}, h("td", {}, ""), ...a.delegations.map((x) => h("th", { class: "cell", scope: "col", title: name(x) }, x)));
    const rows = a.delegations.map((x, i) => h("tr", {}, h("th", { scope: "row" }, name(x)), ...a.delegations.map((_, j) => {
      const v = a.share[i]![j]!;
      const bg = v === null ? "transparent" : `rgba(${Math.round(201 - 138 * v)}, ${Math.round(72 + 85 * v)}, ${Math.round(59 + 40 * v)}, .75)`;
      return h("td", { class: "cell", style: `background: ${bg}`, title: t("debrief:agreement.ballots", { count: a.ballots[i]![j]! }) }, v === null ? "—" : `${Math.round(v * 100)}%`);
    })));
    const csv = toCsv([["", ...a.delegations], ...a.delegations.map((x, i) => [x, ...a.share[i]!])]);
    return h("div", {}, h("h3", {}, title),
      h("p", { class: "help" }, t("debrief:agreement.help")),
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": title }, h("table", {}, h("thead", {}, head), h("tbody", {}, ...rows))),
      this.tools(title, [["csv", () => saveText(csv, `agreement-${this.table}.csv`)]]));
  }

  private network(s: State, d: Debrief, name: (id: string) => string): HTMLElement {
    const nw = d.network;
    const value = two(nw.centralization);
    const title = t("debrief:network.title");
    const colour = (id: string) => {
      const cs = s.scenario.delegations.find((x) => x.id === id)?.colors ?? ["#888888"];
      return cs.find((c) => c.toLowerCase() !== "#ffffff") ?? cs[0]!;
    };
    const canvas = makeCanvas(560, 420, t("debrief:network.label", { value }));
    drawNetwork(canvas, nw, name, colour, t("debrief:network.caption", { value }));
    const verdict = t(nw.centralization >= 0.75 ? "debrief:network.star" : nw.centralization >= 0.4 ? "debrief:network.partly" : "debrief:network.web");
    return h("div", { class: "chart" }, h("h3", {}, title),
      h("p", {}, t("debrief:network.summary", { value, verdict }), nw.hub ? ` ${t("debrief:network.hub", { name: name(nw.hub) })}` : "", ` ${t("debrief:network.bare", { value: two(nw.binaryCentralization) })}`),
      h("p", { class: "help" }, t("debrief:network.help")),
      canvas,
      this.tools(title, [["png", () => savePng(canvas, `network-${this.table}.png`)],
        ["csv", () => saveText(toCsv([["a", "b", "messages", "commitments", "weight"], ...nw.edges.map((e) => [e.a, e.b, e.messages, e.commitments, e.weight])]), `network-${this.table}.csv`)]]));
  }

  /** Questions to discuss after the summit: some drawn from this session's record, some for any summit. */
  private reflection(s: State, n: MomentNames): HTMLElement {
    const prompts = reflectionPrompts(s).map((p) => ({ ...p, text: promptText(p, n) }));
    const text = prompts.map((p, i) => `${i + 1}. ${p.text}`).join("\n\n") + "\n";
    return h("div", { class: "reflection" }, h("h2", {}, t("debrief:reflection.title")),
      h("p", { class: "help" }, t("debrief:reflection.help")),
      h("ol", {}, ...prompts.map((p) => h("li", {}, p.kind === "session" ? h("strong", { class: "tag" }, t("debrief:reflection.tag")) : null, p.text))),
      h("div", { class: "tools" }, h("button", { type: "button", onclick: () => saveText(text, `questions-${this.table}.txt`, "text/plain") }, t("debrief:reflection.save"))));
  }

  private table_(title: string, file: string, head: string[], rows: Cell[][], help?: string): HTMLElement {
    return h("div", {}, h("h3", {}, title), help ? h("p", { class: "help" }, help) : null,
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": title },
        h("table", {}, h("thead", {}, h("tr", {}, ...head.map((x) => (x ? h("th", { scope: "col" }, x) : h("td", {}, ""))))),
          h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", { class: typeof c === "number" ? "num" : "" }, c === null ? "" : String(c)))))))),
      this.tools(title, [["csv", () => saveText(toCsv([head, ...rows]), `${file}-${this.table}.csv`)]]));
  }

  /** CSV and PNG buttons; the visible word is in each button's name, with the table or chart it saves. */
  private tools(what: string, list: ["csv" | "png", () => void][]): HTMLElement {
    return h("div", { class: "tools" }, ...list.map(([kind, f]) => h("button", { type: "button", onclick: f },
      t(`debrief:tools.${kind}`), h("span", { class: "sr-only" }, ` — ${what}`))));
  }
}

