/** Home: create a seminar (host) or join one with a code and a name (student). */
import { api, Connection } from "../net/Connection";
import type { ScenarioListing } from "../../../shared/protocol";
import { localiseScenario } from "../../../shared/scenarioTexts";
import type { Phase } from "../../../shared/scenario";
import { presetMinutes, presetSeconds, roundSeconds, TIMED_PRESETS, type TimingPreset } from "../../../shared/timing";
import { BOT_MIXES, type BotMix } from "../../../shared/botSeats";
import { BOT_MIX_LABEL, mmss, PHASE_LABEL } from "../model";
import { h, fill } from "./h";
import { toast } from "./announce";
import { langSwitch } from "./LangSwitch";
import { lang, onLangChange, t } from "../i18n";
import { errorMessage } from "../errorMessage";

const RULES = ["consensus", "unanimity", "majority", "qualified"] as const;

/** A scenario's listing in the current language (the listing carries the public translations). */
function localListing(sc: ScenarioListing): ScenarioListing {
  const tr = lang() === "en" ? undefined : sc.translations?.[lang() as "ru"];
  if (!tr) return sc;
  const texts = localiseScenario({ title: sc.title, summary: sc.summary, place: "", delegations: sc.delegations.map((d) => ({ ...d, leader: "", publicStance: "", briefing: "" })), items: sc.items.map((i) => ({ ...i, description: "", options: [] })) }, tr);
  return { ...sc, title: texts.title, summary: texts.summary, delegations: texts.delegations.map((d) => ({ id: d.id, name: d.name })), items: sc.items.map((i, k) => ({ ...i, title: texts.items[k]!.title })) };
}

/** Renders the home page; `code` pre-fills the join form (from a /join/CODE link). A new language redraws it in place. */
export async function renderHome(root: HTMLElement, code = ""): Promise<void> {
  const scenarios = await api.scenarios().catch(() => [] as ScenarioListing[]);
  const draw = (first: boolean) => {
    // What the reader has typed and chosen, and where the focus is, survive a change of language.
    const kept = first ? null : formState(root);
    const join = joinForm(kept?.values["join-code"] ?? code, kept?.values ?? {});
    const create = createForm(scenarios.map(localListing));
    fill(root, h("main", { class: "home", lang: lang() },
      h("header", { class: "home-head" },
        h("div", { class: "home-lang" }, langSwitch()),
        h("h1", {}, t("brand")),
        h("p", { class: "lede" }, t("home:lede")),
        h("p", {}, h("a", { href: "/replay" }, t("home:replays"))),
      ),
      h("div", { class: "home-cards" }, join, create),
    ));
    if (kept) restoreForm(root, kept);
    else (join.querySelector(code ? "#join-name" : "#join-code") as HTMLInputElement | null)?.focus();
  };
  draw(true);
  const off = onLangChange(() => {
    if (!root.querySelector(".home-cards")) { off(); return; }
    draw(false);
  });
}

interface FormState { values: Record<string, string>; checked: Record<string, boolean>; focus: string | null }

function formState(root: HTMLElement): FormState {
  const values: Record<string, string> = {};
  const checked: Record<string, boolean> = {};
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input[id], select[id]")) {
    if (el.classList.contains("lang-select")) continue;
    if (el instanceof HTMLInputElement && el.type === "checkbox") checked[el.id] = el.checked;
    else values[el.id] = el.value;
  }
  const active = document.activeElement;
  return { values, checked, focus: active instanceof HTMLElement && root.contains(active) ? active.id || (active.classList.contains("lang-select") ? ".lang-select" : null) : null };
}

function restoreForm(root: HTMLElement, kept: FormState): void {
  for (const [id, v] of Object.entries(kept.values)) {
    const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${CSS.escape(id)}`);
    if (el && (!(el instanceof HTMLSelectElement) || [...el.options].some((o) => o.value === v))) el.value = v;
  }
  for (const [id, c] of Object.entries(kept.checked)) {
    const el = root.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`);
    if (el) el.checked = c;
  }
  // Selects filled after a look-up or a change (delegations, tables, timing help) catch up with the restored values.
  for (const id of ["create-scenario", "create-timing"]) root.querySelector(`#${id}`)?.dispatchEvent(new Event("change"));
  for (const [id, v] of Object.entries(kept.values)) {
    const el = root.querySelector<HTMLSelectElement>(`select#${CSS.escape(id)}`);
    if (el && id.startsWith("rule-")) el.value = v;
  }
  const focus = kept.focus === ".lang-select" ? root.querySelector<HTMLElement>(".lang-select") : kept.focus ? root.querySelector<HTMLElement>(`#${CSS.escape(kept.focus)}`) : null;
  focus?.focus();
}

function joinForm(code: string, keep: Record<string, string>): HTMLElement {
  const codeIn = h("input", { id: "join-code", name: "code", required: true, autocomplete: "off", maxlength: 7, value: code, "aria-describedby": "join-help", placeholder: t("home:join.codePlaceholder") });
  const nameIn = h("input", { id: "join-name", name: "name", required: true, maxlength: 40, autocomplete: "nickname", placeholder: t("home:join.namePlaceholder") });
  const delegation = h("select", { id: "join-delegation", name: "delegation" }, h("option", { value: "" }, t("home:join.anyDelegation")));
  // A seminar with several tables: a team sits together by picking its table (a host's link may carry ?table=N).
  const linkedTable = Number(new URLSearchParams(location.search).get("table")) || 0;
  const table = h("select", { id: "join-table", name: "table" }, h("option", { value: "" }, t("home:join.anyTable")));
  const tableRow = h("div", { class: "join-table", hidden: true }, h("label", { for: "join-table" }, t("home:join.table")), table);
  const lookup = async () => {
    const c = codeIn.value.trim().toUpperCase();
    if (c.length !== 7) return;
    try {
      const info = await api.seminar(c);
      const list = await api.scenarios();
      const found = list.find((s) => s.id === info.scenario);
      const sc = found ? localListing(found) : undefined;
      const chosen = delegation.value || keep["join-delegation"], tableChosen = table.value || keep["join-table"];
      fill(delegation, h("option", { value: "" }, t("home:join.anyDelegation")), ...(sc?.delegations ?? []).map((d) => h("option", { value: d.id, selected: d.id === chosen }, d.name)));
      fill(table, h("option", { value: "" }, t("home:join.anyTable")), ...info.tables.map((x) => h("option", { value: x.index + 1, selected: tableChosen ? String(x.index + 1) === tableChosen : x.index + 1 === linkedTable }, t("home:join.tableN", { n: x.index + 1 }))));
      tableRow.hidden = info.tables.length < 2;
    } catch { /* unknown code: reported on submit */ }
  };
  codeIn.addEventListener("change", () => void lookup());
  if (code) void lookup();
  const form = h("form", { class: "card", "aria-labelledby": "join-title" },
    h("h2", { id: "join-title" }, t("home:join.title")),
    h("label", { for: "join-code" }, t("home:join.code")), codeIn,
    h("p", { id: "join-help", class: "help" }, t("home:join.codeHelp")),
    h("label", { for: "join-name" }, t("home:join.name")), nameIn,
    h("label", { for: "join-delegation" }, t("home:join.delegation")), delegation,
    tableRow,
    h("button", { type: "submit", class: "primary" }, t("home:join.submit")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      const c = codeIn.value.trim().toUpperCase();
      try {
        const place = await api.place(c, delegation.value || undefined, Number(table.value) || undefined);
        const conn = await Connection.open(place.table, { code: c, name: nameIn.value.trim(), delegation: place.delegation }, "player");
        await conn.close();
        location.assign(`/table/${place.table}`);
      } catch (err) {
        toast(messageOf(err));
      }
    })();
  });
  return form;
}

function createForm(scenarios: ScenarioListing[]): HTMLElement {
  const scenario = h("select", { id: "create-scenario", name: "scenario" }, ...scenarios.map((s) => h("option", { value: s.id }, s.title)));
  const tables = h("input", { id: "create-tables", type: "number", min: 1, max: 8, value: 1 });
  const timing = h("select", { id: "create-timing", "aria-describedby": "create-timing-help" },
    ...TIMED_PRESETS.map((p) => h("option", { value: p, selected: p === "90" }, t("home:create.timingPreset", { count: presetMinutes(p) }))),
    h("option", { value: "manual" }, t("home:create.timingManual")));
  const timingHelp = h("p", { id: "create-timing-help", class: "help" });
  const drawTiming = () => fill(timingHelp, timingLine(scenarios.find((s) => s.id === scenario.value), timing.value as TimingPreset));
  const bots = h("input", { id: "create-bots", type: "checkbox", checked: true });
  const botStrength = h("select", { id: "create-bot-strength", "aria-describedby": "create-bot-strength-help" },
    ...BOT_MIXES.map((mix) => h("option", { value: mix, selected: mix === "mixed" }, BOT_MIX_LABEL[mix])));
  const overrides = h("fieldset", { class: "overrides" });
  const drawOverrides = () => {
    const sc = scenarios.find((s) => s.id === scenario.value);
    fill(overrides, h("legend", {}, t("home:create.rules")), ...(sc?.items ?? []).map((i) => h("div", { class: "row" },
      h("label", { for: `rule-${i.id}` }, i.title),
      h("select", { id: `rule-${i.id}`, "data-item": i.id }, ...RULES.map((r) => h("option", { value: r, selected: r === i.rule }, t(`home:rule.${r}`)))),
    )));
  };
  scenario.addEventListener("change", () => { drawOverrides(); drawTiming(); });
  timing.addEventListener("change", drawTiming);
  drawOverrides();
  drawTiming();
  const form = h("form", { class: "card", "aria-labelledby": "create-title" },
    h("h2", { id: "create-title" }, t("home:create.title")),
    h("label", { for: "create-scenario" }, t("home:create.scenario")), scenario,
    h("label", { for: "create-tables" }, t("home:create.tables")), tables,
    h("label", { for: "create-timing" }, t("home:create.timing")), timing, timingHelp,
    h("div", { class: "row" }, bots, h("label", { for: "create-bots" }, t("home:create.bots"))),
    h("label", { for: "create-bot-strength" }, t("home:create.botStrength")), botStrength,
    h("p", { id: "create-bot-strength-help", class: "help" }, t("home:create.botStrengthHelp")),
    overrides,
    h("button", { type: "submit", class: "primary" }, t("home:create.submit")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      const sc = scenarios.find((s) => s.id === scenario.value);
      const ruleOverrides: Record<string, (typeof RULES)[number]> = {};
      for (const sel of overrides.querySelectorAll("select")) {
        const item = sel.getAttribute("data-item")!;
        if (sc?.items.find((i) => i.id === item)?.rule !== sel.value) ruleOverrides[item] = sel.value as (typeof RULES)[number];
      }
      try {
        const made = await api.createSeminar({ scenario: scenario.value, tables: Number(tables.value), timing: timing.value as TimingPreset, bots: bots.checked, botStrength: botStrength.value as BotMix, ruleOverrides });
        location.assign(`/host/${made.hostKey}`);
      } catch (err) {
        toast(messageOf(err));
      }
    })();
  });
  return form;
}

/** What a pacing means for the chosen scenario: minutes per phase of each round, or the host's hand. */
function timingLine(sc: ScenarioListing | undefined, preset: TimingPreset): string {
  if (preset === "manual") return t("home:create.manualHelp");
  if (!sc) return "";
  const phases = (Object.keys(PHASE_LABEL) as Phase[]).map((p) => `${PHASE_LABEL[p]?.toLowerCase() ?? p} ${mmss(presetSeconds(sc.timings, preset, p) ?? 0)}`).join(" · ");
  const total = Math.round((roundSeconds(sc.timings, preset) * sc.rounds) / 60);
  return t("home:create.timingHelp", { count: sc.rounds, phases, about: t("home:create.about", { count: total }) });
}

/** Plain words for a failed request (an HTTP error carries its code; a refused join, a number and the code as its message). */
export function messageOf(err: unknown): string {
  const given = (err as { code?: unknown }).code;
  const code = typeof given === "string" ? given : (err as Error).message;
  // A few codes read better with advice for someone joining; the rest say what the table would say.
  switch (code) {
    case "BAD_CODE": return t("home:error.BAD_CODE");
    case "TEAM_FULL": return t("home:error.TEAM_FULL");
    case "RATE_LIMITED": return t("home:error.RATE_LIMITED");
    case "BAD_MESSAGE": return t("home:error.BAD_MESSAGE");
    default: return errorMessage(code);
  }
}
