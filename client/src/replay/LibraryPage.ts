/**
 * The replay library (/replay?scenario=…&status=…&q=…&from=…&to=…): finished and running sessions, filterable, each
 * with a shareable link; and importing a session file, which then opens in the viewer. On a phone each session is a
 * card instead of a table row.
 */
import { adoptedOption } from "../../../shared/outcomes";
import type { ReplayListing, ReplayLibrary } from "../../../shared/replayProtocol";
import { toast } from "../dom/announce";
import { fill, h } from "../dom/h";
import { langSwitch } from "../dom/LangSwitch";
import { formatDateTime, onLangChange, t } from "../i18n";
import { PHASE_LABEL } from "../model";
import { api } from "../net/Connection";
import { originLabel } from "./originLabel";
import { useReplayStyle } from "./replayStyle";

const FILTERS = ["scenario", "status", "q", "from", "to"] as const;
const COLUMNS = ["date", "scenario", "seminar", "status", "length", "outcomes", "links"] as const;

function outcomeText(o: string): string {
  const option = adoptedOption(o);
  if (option !== null) return t("replay:library.adopted", { option });
  return o === "rejected" || o === "postponed" || o === "open" ? t(`common:outcome.${o}`) : o;
}

function row(r: ReplayListing): HTMLElement {
  const when = formatDateTime(r.createdAt);
  const where = `${r.seminarTitle}${r.tables > 1 ? t("replay:library.tableOf", { index: r.index + 1, tables: r.tables }) : ""}`;
  const status = r.status === "ended" ? t("replay:library.ended") : r.status === "paused" ? t("replay:library.paused", { round: r.round })
    : t("replay:library.running", { round: r.round, phase: PHASE_LABEL[r.phase ?? ""] ?? "" });
  const outcomes = Object.entries(r.outcomes);
  const what = `${r.scenario.title}, ${r.seminarTitle}, ${when}`;
  const cell = (col: (typeof COLUMNS)[number], props: Record<string, string>, ...children: (Node | string | null)[]) =>
    h("td", { ...props, "data-label": t(`replay:library.col.${col}`) }, ...children);
  return h("tr", {},
    cell("date", {}, when),
    cell("scenario", {}, r.scenario.title),
    cell("seminar", {}, where, originLabel(r.origin), r.parent ? h("span", { class: "help" }, t("replay:library.whatIf", { seq: r.forkSeq })) : null),
    cell("status", { class: `status-${r.status === "ended" ? "ended" : "running"}` }, status),
    cell("length", { class: "num" }, t("replay:library.minutes", { minutes: Math.round(r.minutes) })),
    cell("outcomes", {}, outcomes.length ? h("ul", { class: "items" }, ...outcomes.map(([item, o]) => h("li", {}, `${item}: ${outcomeText(o)}`))) : "—",
      r.winners.length ? h("div", { class: "help" }, t("replay:library.winners", { names: r.winners.join(", ") })) : null),
    cell("links", { class: "links" },
      h("a", { href: r.link, class: "button-link", title: t("replay:library.openLabel", { what }) }, t("replay:library.open")),
      r.status === "ended" ? h("a", { href: `${r.link}#tab=debrief`, class: "button-link", title: t("replay:library.debriefLabel", { what }) }, t("replay:library.debrief")) : null),
  );
}

/** Reads a chosen file (gzipped or not) as JSON. */
async function readSessionFile(file: File): Promise<unknown> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = gz ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text() : new TextDecoder().decode(bytes);
  return JSON.parse(text);
}

export async function renderLibraryPage(root: HTMLElement): Promise<void> {
  useReplayStyle();
  const params = new URLSearchParams(location.search);
  const field = <E extends HTMLInputElement | HTMLSelectElement>(name: (typeof FILTERS)[number], el: E): E => {
    el.name = name;
    el.value = params.get(name) ?? el.value;
    return el;
  };
  const anyScenario = h("option", { value: "" });
  const scenario = field("scenario", h("select", { id: "f-scenario" }, anyScenario));
  const statusOptions = (["all", "ended", "live"] as const).map((v) => h("option", { value: v }));
  const status = field("status", h("select", { id: "f-status" }, ...statusOptions));
  const q = field("q", h("input", { id: "f-q", type: "search" }));
  const from = field("from", h("input", { id: "f-from", type: "date" }));
  const to = field("to", h("input", { id: "f-to", type: "date" }));
  const results = h("div", { "aria-live": "polite" });
  const upload = h("input", { type: "file", accept: ".json,.gz,application/json", id: "import-file" });
  const label = (id: string) => h("label", { for: id });
  const labels = { scenario: label("f-scenario"), status: label("f-status"), q: label("f-q"), from: label("f-from"), to: label("f-to"), upload: label("import-file") };
  const submit = h("button", { type: "submit", class: "primary" });
  const form = h("form", { role: "search" },
    h("div", {}, labels.scenario, scenario), h("div", {}, labels.status, status), h("div", {}, labels.q, q),
    h("div", {}, labels.from, from), h("div", {}, labels.to, to), h("div", {}, submit));
  const back = h("a", { href: "/", class: "back" });
  const title = h("h1", {});
  const lede = h("p", { class: "lede" });
  const importTitle = h("h2", { id: "import-title" });
  const importHelp = h("p", { class: "help" });
  fill(root, h("main", { class: "home library" },
    h("div", { class: "library-top" }, back, langSwitch()),
    title, lede, form, results,
    h("section", { class: "card", "aria-labelledby": "import-title" }, importTitle, importHelp, labels.upload, upload)));

  let listing: ReplayLibrary | null = null;
  let failure: string | null = null;
  const showResults = () => {
    if (failure !== null) return fill(results, h("p", { role: "alert" }, t("replay:library.loadFailed", { message: failure })));
    if (!listing) return fill(results, h("p", { class: "help" }, t("replay:library.loading")));
    const lib = listing;
    fill(results, lib.replays.length === 0 ? h("p", {}, t("replay:library.none")) : [
      h("p", { class: "help" }, t("replay:library.count", { count: lib.total }) + (lib.total > lib.replays.length ? t("replay:library.newestShown", { shown: lib.replays.length }) : "")),
      h("table", { class: "sessions", "aria-label": t("replay:library.results") },
        h("thead", {}, h("tr", {}, ...COLUMNS.map((c) => h("th", { scope: "col" }, t(`replay:library.col.${c}`))))),
        h("tbody", {}, ...lib.replays.map(row))),
    ]);
  };
  const words = () => {
    document.title = t("replay:library.docTitle");
    back.textContent = t("replay:library.back");
    title.textContent = t("replay:library.title");
    lede.textContent = t("replay:library.lede");
    form.setAttribute("aria-label", t("replay:library.filters"));
    for (const k of ["scenario", "status", "search", "from", "to"] as const) labels[k === "search" ? "q" : k].textContent = t(`replay:library.${k}`);
    labels.upload.textContent = t("replay:library.importLabel");
    anyScenario.textContent = t("replay:library.anyScenario");
    const statusWord = { all: "statusAll", ended: "statusEnded", live: "statusLive" } as const;
    for (const o of statusOptions) o.textContent = t(`replay:library.${statusWord[o.value as keyof typeof statusWord]}`);
    q.placeholder = t("replay:library.searchPlaceholder");
    submit.textContent = t("replay:library.filter");
    importTitle.textContent = t("replay:library.importTitle");
    importHelp.textContent = t("replay:library.importHelp");
    showResults();
  };
  words();
  onLangChange(() => { if (root.contains(title)) words(); });

  void api.scenarios().then((list) => {
    for (const s of list) scenario.append(h("option", { value: s.id }, s.title));
    scenario.value = params.get("scenario") ?? "";
  }).catch(() => undefined);

  const load = async () => {
    const query: Record<string, string> = {};
    for (const el of [scenario, status, q, from, to]) if (el.value) query[el.name] = el.value;
    history.replaceState(null, "", `/replay${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`);
    listing = null;
    failure = null;
    showResults();
    try {
      listing = await api.replays({ ...query, limit: "100" });
    } catch (e) {
      failure = (e as Error).message;
    }
    showResults();
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); void load(); });
  for (const el of [scenario, status, from, to]) el.addEventListener("change", () => void load());
  upload.addEventListener("change", async () => {
    const file = upload.files?.[0];
    if (!file) return;
    try {
      const out = await api.importSession(await readSessionFile(file));
      toast(out.existing ? t("replay:library.importExisting") : t("replay:library.importedOpening"), "info");
      location.href = out.link;
    } catch (e) {
      toast(t("replay:library.importRefused", { detail: (e as { detail?: string }).detail ?? (e as Error).message }));
      upload.value = "";
    }
  });
  await load();
}
