/**
 * The debrief of a finished session: scores against the revealed priorities and per item, outcomes beside history,
 * cohesion over time, vote agreement, commitments kept and broken, the negotiation network — and, for a seminar
 * with several tables, the tables side by side — and, beside the outcomes, what in the scenario was invented. Charts save
 * as PNG, tables as CSV.
 */
import { type Debrief, debriefOf, toCsv } from "../../../shared/debrief";
import type { InventedRow } from "../../../shared/invented";
import { adoptedOption } from "../../../shared/outcomes";
import { reflectionPrompts } from "../../../shared/reflectionPrompts";
import type { State } from "../../../shared/state";
import { fill, h } from "../dom/h";
import { compareTables } from "./compareTables";
import { drawCohesion, drawNetwork, makeCanvas, savePng, saveText } from "./debriefCharts";
import type { LocalSource } from "./localSource";

type Cell = string | number | boolean | null;

export class DebriefPanel {
  readonly el = h("section", { class: "debrief", "aria-label": "Debrief" });
  private drawn = false;

  constructor(private source: LocalSource, private table: string, private seminar: string) {}

  /** Builds the panel the first time it is shown (the computations need only the final state). */
  show(): void {
    if (this.drawn) return;
    this.drawn = true;
    const s = this.source.final;
    if (s.status !== "ended" || !s.result) {
      fill(this.el, h("p", {}, "The debrief opens once the summit has ended."));
      return;
    }
    const d = debriefOf(s, this.source.cursor.scenario.events);
    const name = (id: string) => s.scenario.delegations.find((x) => x.id === id)?.name ?? id;
    const item = (id: string) => s.scenario.items.find((x) => x.id === id)?.title ?? id;
    const outcome = (it: string, o: string | null) => {
      const option = o === null ? null : adoptedOption(o);
      if (option === null) return o ?? "—";
      return `adopted: ${s.scenario.items.find((x) => x.id === it)?.options.find((x) => x.id === option)?.title ?? option}`;
    };
    const compare = h("div", { class: "compare" });
    fill(this.el,
      this.scores(d, name, item, outcome),
      this.table_("Outcomes and history", "outcomes", ["Item", "This summit", "Historically", "Same?"],
        d.outcomes.map((o) => [item(o.item), outcome(o.item, o.outcome), outcome(o.item, o.historical), o.matches === null ? "—" : o.matches ? "yes" : "no"])),
      this.invented(d.invented, item, outcome),
      this.cohesion(s, d),
      this.agreement(d, name),
      this.table_("Commitments", "commitments", ["Delegation", "Offered", "Received", "Accepted", "Declined", "Withdrawn", "Kept", "Broken", "Untested"],
        Object.entries(d.commitments).map(([id, c]) => [name(id), c.offered, c.received, c.accepted, c.declined, c.withdrawn, c.kept, c.broken, c.untested]),
        "Kept and broken count this delegation's own pledges in accepted commitments, judged at each ballot they named."),
      this.network(s, d, name),
      this.reflection(s),
      compare,
    );
    void compareTables(compare, this.table, this.seminar, s);
  }

  private scores(d: Debrief, name: (id: string) => string, item: (id: string) => string, outcome: (it: string, o: string | null) => string): HTMLElement {
    const items = d.scores[0]?.perItem.map((p) => p.item) ?? [];
    const pts = (x: number) => Math.round(x * 100);
    const rows: Cell[][] = [...d.scores].sort((a, b) => b.total - a.total).map((x) => [name(x.delegation), pts(x.total), x.winner ? "winner" : "",
      pts(x.gain), pts(x.total - x.gain), `${pts(x.priority)} (2016: ${pts(x.baseline)})`,
      `${x.conduct.kept}/${x.conduct.broken}`, x.conduct.objections, x.conduct.lapsed, x.conduct.silent,
      ...x.perItem.map((p) => `${p.got} of ${p.best}`)]);
    const failed = this.source.final.result?.failed
      ? " The alliance adopted nothing, so nobody won."
      : "";
    const wrap = this.table_("Summit scores", "scores", ["Delegation", "Score", "", "Outcomes vs 2016", "Conduct", "Priorities met % (2016)", "Pledges kept/broken", "Objections", "Ballots missed", "Silent rounds", ...items.map(item)], rows,
      "Each delegation is judged against its own secret priorities and against what its country really got in 2016: the outcome part runs from −100 (its worst possible summit) through 0 (the 2016 result) to +100 (its best). Conduct adds points for pledges kept and takes them for pledges broken, objections, ballots missed and silent rounds, plus standing (relations with the others). Per item: what it got of the most it could have got." + failed);
    const detail = h("details", {}, h("summary", {}, "Priorities per item (what each outcome was worth)"),
      ...d.scores.map((x) => h("p", {}, h("strong", {}, `${name(x.delegation)}: `),
        x.perItem.map((p) => `${item(p.item)} — got ${outcome(p.item, p.outcome)} (${p.got}); best ${outcome(p.item, p.bestOutcome)} (${p.best}); worst ${p.worst}`).join("; "))));
    wrap.append(detail);
    return wrap;
  }

  /** What the scenario made up, so that nobody leaves the seminar taking it for history. */
  private invented(rows: InventedRow[], item: (id: string) => string, outcome: (it: string, o: string | null) => string): HTMLElement | null {
    if (!rows.length) return null;
    const KIND = { item: "Agenda item", option: "Option", event: "News" } as const;
    const what = (r: InventedRow) => (r.kind === "option" ? `${item(r.item)}: ${r.title}` : r.title);
    const here = (r: InventedRow) => r.kind === "item" ? outcome(r.item, r.outcome)
      : r.kind === "option" ? (r.adopted ? "adopted" : r.tabled ? "tabled, not adopted" : "not tabled")
      : r.fired ? "broke" : "did not break";
    return this.table_("What the scenario invented", "invented", ["Kind", "What", "In this summit", "Why it was invented, and what really happened"],
      rows.map((r): Cell[] => [KIND[r.kind], what(r), here(r), r.reason || "(no reason given)"]),
      "Everything else in the scenario follows the source article and well-known facts of 2016 (docs/SCENARIOS.md lists each with its source). These were added to give every delegation something to play for; the options of an invented item are invented with it.");
  }

  private cohesion(s: State, d: Debrief): HTMLElement {
    const canvas = makeCanvas(640, 260, `Alliance cohesion over time, from ${d.cohesion[0]?.value ?? 0} to ${d.cohesion.at(-1)?.value ?? 0}`);
    const start = this.source.markers.find((m) => m.kind === "start")?.at ?? d.cohesion[0]?.at ?? 0;
    drawCohesion(canvas, d.cohesion, start, this.source.markers.filter((m) => m.kind === "phase" && m.label.endsWith("opening")));
    const csv = () => toCsv([["seq", "minutes", "cohesion"], ...d.cohesion.map((c) => [c.seq, Math.round(((Math.max(c.at, start) - start) / 60_000) * 10) / 10, c.value])]);
    return h("div", {}, h("h2", {}, "Cohesion over time"),
      h("p", { class: "help" }, `From ${d.cohesion[0]?.value.toFixed(2)} to ${d.cohesion.at(-1)?.value.toFixed(2)} (the mean of all relations, 0–1); dashed lines start each round.`),
      canvas, this.tools([["Save PNG", () => savePng(canvas, `cohesion-${this.table}.png`)], ["CSV", () => saveText(csv(), `cohesion-${this.table}.csv`)]]));
  }

  private agreement(d: Debrief, name: (id: string) => string): HTMLElement {
    const a = d.agreement;
    const head = h("tr", {}, h("th", {}, ""), ...a.delegations.map((x) => h("th", { class: "cell", scope: "col" }, x)));
    const rows = a.delegations.map((x, i) => h("tr", {}, h("th", { scope: "row" }, name(x)), ...a.delegations.map((_, j) => {
      const v = a.share[i]![j]!;
      const bg = v === null ? "transparent" : `rgba(${Math.round(201 - 138 * v)}, ${Math.round(72 + 85 * v)}, ${Math.round(59 + 40 * v)}, .75)`;
      return h("td", { class: "cell", style: `background: ${bg}`, title: `${a.ballots[i]![j]} ballots` }, v === null ? "—" : `${Math.round(v * 100)}%`);
    })));
    const csv = toCsv([["", ...a.delegations], ...a.delegations.map((x, i) => [x, ...a.share[i]!])]);
    return h("div", {}, h("h2", {}, "Vote agreement"),
      h("p", { class: "help" }, "How often two delegations cast the same vote on the ballots both voted on."),
      h("table", {}, h("thead", {}, head), h("tbody", {}, ...rows)),
      this.tools([["CSV", () => saveText(csv, `agreement-${this.table}.csv`)]]));
  }

  private network(s: State, d: Debrief, name: (id: string) => string): HTMLElement {
    const n = d.network;
    const colour = (id: string) => {
      const cs = s.scenario.delegations.find((x) => x.id === id)?.colors ?? ["#888888"];
      return cs.find((c) => c.toLowerCase() !== "#ffffff") ?? cs[0]!;
    };
    const canvas = makeCanvas(560, 420, `Negotiation network; degree centralization ${n.centralization.toFixed(2)}`);
    drawNetwork(canvas, n, name, colour);
    const verdict = n.centralization >= 0.75 ? "a star, as the article says of the CSTO" : n.centralization >= 0.4 ? "partly star-shaped" : "a web rather than a star";
    return h("div", {}, h("h2", {}, "Negotiation network"),
      h("p", {}, `Degree centralization ${n.centralization.toFixed(2)} — ${verdict}${n.hub ? `; the busiest delegation was ${name(n.hub)}` : ""}. On bare links (any traffic at all): ${n.binaryCentralization.toFixed(2)}.`),
      h("p", { class: "help" }, "Links count private messages between two delegations plus the commitments offered between them. 1.0 means every link runs through one delegation."),
      canvas,
      this.tools([["Save PNG", () => savePng(canvas, `network-${this.table}.png`)],
        ["CSV", () => saveText(toCsv([["a", "b", "messages", "commitments", "weight"], ...n.edges.map((e) => [e.a, e.b, e.messages, e.commitments, e.weight])]), `network-${this.table}.csv`)]]));
  }

  /** Questions to discuss after the summit: some drawn from this session's record, some for any summit. */
  private reflection(s: State): HTMLElement {
    const prompts = reflectionPrompts(s);
    const text = prompts.map((p, i) => `${i + 1}. ${p.text}`).join("\n\n") + "\n";
    return h("div", { class: "reflection" }, h("h2", {}, "Questions for the debrief"),
      h("p", { class: "help" }, "For the class discussion. Questions marked “this summit” are drawn from what happened at this table."),
      h("ol", {}, ...prompts.map((p) => h("li", {}, p.kind === "session" ? h("strong", { class: "tag" }, "this summit: ") : null, p.text))),
      this.tools([["Save as text", () => saveText(text, `questions-${this.table}.txt`, "text/plain")]]));
  }

  private table_(title: string, file: string, head: string[], rows: Cell[][], help?: string): HTMLElement {
    return h("div", {}, h("h2", {}, title), help ? h("p", { class: "help" }, help) : null,
      h("table", {}, h("thead", {}, h("tr", {}, ...head.map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", { class: typeof c === "number" ? "num" : "" }, c === null ? "" : String(c))))))),
      this.tools([["CSV", () => saveText(toCsv([head, ...rows]), `${file}-${this.table}.csv`)]]));
  }

  private tools(list: [string, () => void][]): HTMLElement {
    return h("div", { class: "tools" }, ...list.map(([label, f]) => h("button", { type: "button", onclick: f }, label)));
  }
}
