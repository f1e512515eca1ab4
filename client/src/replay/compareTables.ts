/** A seminar's tables side by side in the debrief: outcomes, winners, cohesion and how star-shaped each table was. */
import { debriefOf, toCsv } from "../../../shared/debrief";
import { parseSessionFile } from "../../../shared/sessionFile";
import type { State } from "../../../shared/state";
import { verifySession } from "../../../shared/verifySession";
import { fill, h } from "../dom/h";
import { t } from "../i18n";
import { api } from "../net/Connection";
import { saveText } from "./debriefCharts";

type Column = { label: string; link: string; state: State | null; note?: string };

/** Fills `el` with the comparison when the seminar has more than one table (and leaves it empty otherwise). */
export async function compareTables(el: HTMLElement, table: string, seminar: string, own: State): Promise<void> {
  if (!seminar) return;
  const lib = await api.replays({ seminar, status: "all", limit: "20" }).catch(() => null);
  if (!lib || lib.replays.length < 2) return;
  fill(el, h("h2", {}, t("debrief:compare.title")), h("p", { class: "help" }, t("debrief:compare.loading")));
  const listings = [...lib.replays].sort((a, b) => a.index - b.index);
  const columns: Column[] = await Promise.all(listings.map(async (l): Promise<Column> => {
    const label = t("debrief:compare.table", { n: l.index + 1 });
    if (l.table === table) return { label: t("debrief:compare.thisOne", { n: l.index + 1 }), link: l.link, state: own };
    if (l.status !== "ended") return { label, link: l.link, state: null, note: t("debrief:compare.running") };
    try {
      const parsed = parseSessionFile(await api.replay(l.table));
      if (!parsed.ok) return { label, link: l.link, state: null, note: t("debrief:compare.unreadable") };
      const v = verifySession(parsed.file);
      return v.ok ? { label, link: l.link, state: v.state } : { label, link: l.link, state: null, note: t("debrief:compare.noReplay") };
    } catch {
      return { label, link: l.link, state: null, note: t("debrief:compare.unavailable") };
    }
  }));
  const debriefs = columns.map((c) => (c.state ? debriefOf(c.state) : null));
  const name = (id: string) => own.scenario.delegations.find((d) => d.id === id)?.name ?? id;
  const rows: [string, ...string[]][] = [
    ...own.scenario.items.map((it): [string, ...string[]] => [it.title, ...columns.map((c, i) => c.note ?? debriefs[i]!.outcomes.find((o) => o.item === it.id)?.outcome ?? "")]),
    [t("debrief:compare.winners"), ...columns.map((c) => c.note ?? (c.state?.result?.winners ?? []).map(name).join(", "))],
    [t("debrief:compare.cohesion"), ...columns.map((c, i) => c.note ?? (debriefs[i]!.cohesion.at(-1)?.value.toFixed(2) ?? ""))],
    [t("debrief:compare.centralization"), ...columns.map((c, i) => c.note ?? debriefs[i]!.network.centralization.toFixed(2))],
    [t("debrief:compare.pledges"), ...columns.map((c, i) => {
      if (c.note) return c.note;
      const all = Object.values(debriefs[i]!.commitments);
      return `${all.reduce((a, x) => a + x.kept, 0)} / ${all.reduce((a, x) => a + x.broken, 0)}`;
    })],
    ...own.scenario.delegations.map((d): [string, ...string[]] => [t("debrief:compare.score", { name: d.name }), ...columns.map((c, i) => c.note ?? `${Math.round((debriefs[i]!.scores.find((x) => x.delegation === d.id)?.priority ?? 0) * 100)}%`)]),
  ];
  const head = ["", ...columns.map((c) => c.label)];
  fill(el, h("h2", {}, t("debrief:compare.title")),
    h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": t("debrief:compare.title") }, h("table", {}, h("thead", {}, h("tr", {}, h("td", {}, ""), ...columns.map((c) => h("th", { scope: "col" }, h("a", { href: c.link }, c.label))))),
      h("tbody", {}, ...rows.map(([label, ...cells]) => h("tr", {}, h("th", { scope: "row" }, label), ...cells.map((x) => h("td", {}, x))))))),
    h("div", { class: "tools" }, h("button", { type: "button", onclick: () => saveText(toCsv([head, ...rows]), `seminar-${seminar}.csv`) }, t("debrief:tools.csv"), h("span", { class: "sr-only" }, ` — ${t("debrief:compare.title")}`))));
}
