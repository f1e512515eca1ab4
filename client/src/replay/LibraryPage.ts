/**
 * The replay library (/replay?scenario=…&status=…&q=…&from=…&to=…): finished and running sessions, filterable, each
 * with a shareable link; and importing a session file, which then opens in the viewer.
 */
import { adoptedOption } from "../../../shared/outcomes";
import type { ReplayListing } from "../../../shared/replayProtocol";
import { toast } from "../dom/announce";
import { fill, h } from "../dom/h";
import { api } from "../net/Connection";
import { originLabel } from "./originLabel";
import { useReplayStyle } from "./replayStyle";

const FILTERS = ["scenario", "status", "q", "from", "to"] as const;

function outcomeText(o: string): string {
  const option = adoptedOption(o);
  return option !== null ? `adopted (${option})` : o;
}

function row(r: ReplayListing): HTMLElement {
  const date = new Date(r.createdAt);
  const when = `${date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" })} ${date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}`;
  const where = `${r.seminarTitle}${r.tables > 1 ? ` · table ${r.index + 1} of ${r.tables}` : ""}`;
  const status = r.status === "ended" ? "ended" : r.status === "paused" ? `paused (round ${r.round})` : `running (round ${r.round}, ${r.phase ?? ""})`;
  const outcomes = Object.entries(r.outcomes);
  return h("tr", {},
    h("td", {}, when),
    h("td", {}, r.scenario.title),
    h("td", {}, where, originLabel(r.origin), r.parent ? h("span", { class: "help" }, ` · what-if from moment ${r.forkSeq}`) : null),
    h("td", { class: `status-${r.status === "ended" ? "ended" : "running"}` }, status),
    h("td", { class: "num" }, `${Math.round(r.minutes)} min`),
    h("td", {}, outcomes.length ? h("ul", { class: "items" }, ...outcomes.map(([item, o]) => h("li", {}, `${item}: ${outcomeText(o)}`))) : "—",
      r.winners.length ? h("div", { class: "help" }, `Winners: ${r.winners.join(", ")}`) : null),
    h("td", {}, h("a", { href: r.link }, "Open"), r.status === "ended" ? [" · ", h("a", { href: `${r.link}#tab=debrief` }, "Debrief")] : null),
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
  document.title = "Replays · CSTO Summit";
  const params = new URLSearchParams(location.search);
  const field = (name: (typeof FILTERS)[number], el: HTMLInputElement | HTMLSelectElement) => {
    el.name = name;
    el.value = params.get(name) ?? el.value;
    return el;
  };
  const scenario = field("scenario", h("select", { id: "f-scenario" }, h("option", { value: "" }, "Any scenario")));
  const status = field("status", h("select", { id: "f-status" }, h("option", { value: "all" }, "Finished and running"), h("option", { value: "ended" }, "Finished"), h("option", { value: "live" }, "Running")));
  const q = field("q", h("input", { id: "f-q", type: "search", placeholder: "Seminar title" }));
  const from = field("from", h("input", { id: "f-from", type: "date" }));
  const to = field("to", h("input", { id: "f-to", type: "date" }));
  const results = h("div", { "aria-live": "polite" });
  const upload = h("input", { type: "file", accept: ".json,.gz,application/json", id: "import-file" });
  const form = h("form", { role: "search" },
    h("div", {}, h("label", { for: "f-scenario" }, "Scenario"), scenario),
    h("div", {}, h("label", { for: "f-status" }, "Status"), status),
    h("div", {}, h("label", { for: "f-q" }, "Search"), q),
    h("div", {}, h("label", { for: "f-from" }, "From"), from),
    h("div", {}, h("label", { for: "f-to" }, "To"), to),
    h("div", {}, h("button", { type: "submit", class: "primary" }, "Filter")));
  fill(root, h("main", { class: "home library" },
    h("p", {}, h("a", { href: "/" }, "← CSTO Summit")),
    h("h1", {}, "Replays"),
    h("p", { class: "lede" }, "Every summit is recorded. Open one to scrub through it, watch it as one delegation saw it, jump to any vote, and read its debrief. Running summits show public views until they end."),
    form, results,
    h("section", { class: "card", "aria-label": "Import" }, h("h2", {}, "Import a session file"),
      h("p", { class: "help" }, "A file exported from any CSTO Summit server. It is replayed to check its recorded hash before it is stored."),
      h("label", { for: "import-file" }, "Session file"), upload)));

  void api.scenarios().then((list) => {
    for (const s of list) scenario.append(h("option", { value: s.id }, s.title));
    scenario.value = params.get("scenario") ?? "";
  }).catch(() => undefined);

  const load = async () => {
    const query: Record<string, string> = {};
    for (const el of [scenario, status, q, from, to]) if (el.value) query[el.name] = el.value;
    history.replaceState(null, "", `/replay${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`);
    fill(results, h("p", { class: "help" }, "Loading…"));
    try {
      const lib = await api.replays({ ...query, limit: "100" });
      fill(results, lib.replays.length === 0 ? h("p", {}, "No recorded summits match.") : [
        h("p", { class: "help" }, `${lib.total} session${lib.total === 1 ? "" : "s"}${lib.total > lib.replays.length ? `, the newest ${lib.replays.length} shown` : ""}.`),
        h("table", {}, h("thead", {}, h("tr", {}, ...["Date", "Scenario", "Seminar", "Status", "Length", "Outcomes", ""].map((x) => h("th", { scope: "col" }, x)))),
          h("tbody", {}, ...lib.replays.map(row))),
      ]);
    } catch (e) {
      fill(results, h("p", { role: "alert" }, `Could not load the library: ${(e as Error).message}`));
    }
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); void load(); });
  for (const el of [scenario, status, from, to]) el.addEventListener("change", () => void load());
  upload.addEventListener("change", async () => {
    const file = upload.files?.[0];
    if (!file) return;
    try {
      const out = await api.importSession(await readSessionFile(file));
      toast(out.existing ? "That session was already here: opening it." : "Imported: opening it.", "info");
      location.href = out.link;
    } catch (e) {
      toast(`Import refused: ${(e as { detail?: string }).detail ?? (e as Error).message}`);
      upload.value = "";
    }
  });
  await load();
}
