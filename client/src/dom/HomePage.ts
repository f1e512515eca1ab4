/** Home: create a seminar (host) or join one with a code and a name (student). */
import { api, Connection } from "../net/Connection";
import { errorText, type ScenarioListing } from "../../../shared/protocol";
import type { Phase } from "../../../shared/scenario";
import { presetMinutes, presetSeconds, roundSeconds, TIMED_PRESETS, type TimingPreset } from "../../../shared/timing";
import { BOT_MIXES, type BotMix } from "../../../shared/botSeats";
import { BOT_MIX_LABEL, mmss, PHASE_LABEL } from "../model";
import { h, fill } from "./h";
import { toast } from "./announce";

const RULES = ["consensus", "unanimity", "majority", "qualified"] as const;

/** Renders the home page; `code` pre-fills the join form (from a /join/CODE link). */
export async function renderHome(root: HTMLElement, code = ""): Promise<void> {
  const scenarios = await api.scenarios().catch(() => [] as ScenarioListing[]);
  const join = joinForm(code);
  const create = createForm(scenarios);
  fill(root, h("main", { class: "home" },
    h("header", { class: "home-head" },
      h("h1", {}, "CSTO Summit"),
      h("p", { class: "lede" }, "Yerevan, 14 October 2016. Six delegations, one consensus rule, and a cart pulled three ways at once."),
      h("p", {}, h("a", { href: "/replay" }, "Replays and debriefs of past summits")),
    ),
    h("div", { class: "home-cards" }, join, create),
  ));
  (join.querySelector(code ? "#join-name" : "#join-code") as HTMLInputElement | null)?.focus();
}

function joinForm(code: string): HTMLElement {
  const codeIn = h("input", { id: "join-code", name: "code", required: true, autocomplete: "off", maxlength: 7, value: code, "aria-describedby": "join-help", placeholder: "e.g. K7PQ2XM" });
  const nameIn = h("input", { id: "join-name", name: "name", required: true, maxlength: 40, autocomplete: "nickname", placeholder: "Your name" });
  const delegation = h("select", { id: "join-delegation", name: "delegation" }, h("option", { value: "" }, "Place me where I'm needed"));
  // A seminar with several tables: a team sits together by picking its table (a host's link may carry ?table=N).
  const linkedTable = Number(new URLSearchParams(location.search).get("table")) || 0;
  const table = h("select", { id: "join-table", name: "table" }, h("option", { value: "" }, "Any table"));
  const tableRow = h("div", { class: "join-table", hidden: true }, h("label", { for: "join-table" }, "Table"), table);
  const lookup = async () => {
    const c = codeIn.value.trim().toUpperCase();
    if (c.length !== 7) return;
    try {
      const info = await api.seminar(c);
      const list = await api.scenarios();
      const sc = list.find((s) => s.id === info.scenario);
      fill(delegation, h("option", { value: "" }, "Place me where I'm needed"), ...(sc?.delegations ?? []).map((d) => h("option", { value: d.id }, d.name)));
      fill(table, h("option", { value: "" }, "Any table"), ...info.tables.map((t) => h("option", { value: t.index + 1, selected: t.index + 1 === linkedTable }, `Table ${t.index + 1}`)));
      tableRow.hidden = info.tables.length < 2;
    } catch { /* unknown code: reported on submit */ }
  };
  codeIn.addEventListener("change", () => void lookup());
  if (code) void lookup();
  const form = h("form", { class: "card", "aria-labelledby": "join-title" },
    h("h2", { id: "join-title" }, "Join a summit"),
    h("label", { for: "join-code" }, "Summit code"), codeIn,
    h("p", { id: "join-help", class: "help" }, "Your host shows this seven-letter code or a join link."),
    h("label", { for: "join-name" }, "Your name"), nameIn,
    h("label", { for: "join-delegation" }, "Delegation"), delegation,
    tableRow,
    h("button", { type: "submit", class: "primary" }, "Take my seat"),
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
    ...TIMED_PRESETS.map((p) => h("option", { value: p, selected: p === "90" }, `Full summit in ${presetMinutes(p)} minutes`)),
    h("option", { value: "manual" }, "Hand-paced by the host"));
  const timingHelp = h("p", { id: "create-timing-help", class: "help" });
  const drawTiming = () => fill(timingHelp, timingLine(scenarios.find((s) => s.id === scenario.value), timing.value as TimingPreset));
  const bots = h("input", { id: "create-bots", type: "checkbox", checked: true });
  const botStrength = h("select", { id: "create-bot-strength", "aria-describedby": "create-bot-strength-help" },
    ...BOT_MIXES.map((mix) => h("option", { value: mix, selected: mix === "mixed" }, BOT_MIX_LABEL[mix])));
  const overrides = h("fieldset", { class: "overrides" });
  const drawOverrides = () => {
    const sc = scenarios.find((s) => s.id === scenario.value);
    fill(overrides, h("legend", {}, "Voting rule per item"), ...(sc?.items ?? []).map((i) => h("div", { class: "row" },
      h("label", { for: `rule-${i.id}` }, i.title),
      h("select", { id: `rule-${i.id}`, "data-item": i.id }, ...RULES.map((r) => h("option", { value: r, selected: r === i.rule }, r))),
    )));
  };
  scenario.addEventListener("change", () => { drawOverrides(); drawTiming(); });
  timing.addEventListener("change", drawTiming);
  drawOverrides();
  drawTiming();
  const form = h("form", { class: "card", "aria-labelledby": "create-title" },
    h("h2", { id: "create-title" }, "Host a seminar"),
    h("label", { for: "create-scenario" }, "Scenario"), scenario,
    h("label", { for: "create-tables" }, "Tables (parallel summits)"), tables,
    h("label", { for: "create-timing" }, "Timing"), timing, timingHelp,
    h("div", { class: "row" }, bots, h("label", { for: "create-bots" }, "Bots fill empty seats")),
    h("label", { for: "create-bot-strength" }, "Bot strength"), botStrength,
    h("p", { id: "create-bot-strength-help", class: "help" }, "Bots also stand in for a signatory who drops out. Mixed is what the game is balanced for."),
    overrides,
    h("button", { type: "submit", class: "primary" }, "Create the seminar"),
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
  if (preset === "manual") return "No clocks: the host moves every table to the next phase by hand.";
  if (!sc) return "";
  const phases = (Object.keys(PHASE_LABEL) as Phase[]).map((p) => `${PHASE_LABEL[p]?.toLowerCase() ?? p} ${mmss(presetSeconds(sc.timings, preset, p) ?? 0)}`).join(" · ");
  const total = Math.round((roundSeconds(sc.timings, preset) * sc.rounds) / 60);
  return `Each of ${sc.rounds} round${sc.rounds === 1 ? "" : "s"}: ${phases} (about ${total} minutes of play).`;
}

/** Plain words for a failed request (an HTTP error carries its code; a refused join, a number and the code as its message). */
export function messageOf(err: unknown): string {
  const given = (err as { code?: unknown }).code;
  const code = typeof given === "string" ? given : (err as Error).message;
  const words: Record<string, string> = {
    BAD_CODE: "No summit has that code. Check it with your host.",
    TEAM_FULL: "That delegation is full; pick another or let the host place you.",
    RATE_LIMITED: "Too many attempts; wait a minute and try again.",
    BAD_MESSAGE: "Something in the form is not right.",
  };
  return words[code] ?? (Object.hasOwn(errorText, code) ? errorText[code as keyof typeof errorText] : `Could not do that (${code}).`);
}
