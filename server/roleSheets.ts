/**
 * Role sheets: one printable A4 page per delegation, built from the scenario alone — who you are, what you say in
 * public, your briefing, your secret priorities ranked, how you stand with the others, what happened in history,
 * and the clock. Secret, so only the host gets them (and the instructor's CLI). Every scenario string is escaped:
 * a scenario file is written by an instructor and is not trusted.
 */
import type { Scenario, ScenarioItem, VotingRule } from "../shared/scenario";
import { PHASES } from "../shared/scenario";
import { adoptedOption, outcomesOf } from "../shared/outcomes";
import { presetMinutes, presetSeconds, roundSeconds, TIMED_PRESETS, type TimingPreset } from "../shared/timing";

type Delegation = Scenario["delegations"][number];

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
const e = escapeHtml;

const RULE_WORDS: Record<VotingRule, string> = {
  consensus: "consensus (one “no” blocks)",
  unanimity: "unanimity (every member votes yes)",
  majority: "majority (more yes than no)",
  qualified: "two thirds of all members voting yes",
};
const PHASE_WORDS: Record<(typeof PHASES)[number], string> = {
  opening: "Opening statements", consultations: "Consultations", drafting: "Drafting", voting: "Voting", results: "Results",
};

const points = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");
/** "6:15" from seconds. */
const minutes = (secs: number): string => `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")}`;

/** "close", "cool"… for a relation from −1 to 1. */
function relationWord(v: number): string {
  if (v >= 0.6) return "close";
  if (v >= 0.2) return "friendly";
  if (v > -0.2) return "neutral";
  if (v > -0.6) return "cool";
  return "hostile";
}

/** An outcome key in words: the option's title, or rejected / postponed. */
function outcomeWords(item: ScenarioItem, key: string): string {
  const option = adoptedOption(key);
  if (option !== null) return `Adopted: ${item.options.find((o) => o.id === option)?.title ?? option}`;
  return key === "rejected" ? "Rejected (a vote to adopt failed, nothing passed)" : "Postponed (put off, or never reached a vote)";
}

/** Every outcome of an item for one delegation, best first; an outcome the file does not list is worth 0. */
export function rankedOutcomes(d: Delegation, item: ScenarioItem): { key: string; points: number }[] {
  const weights = d.priorities[item.id] ?? {};
  return outcomesOf(item).map((key) => ({ key, points: weights[key] ?? 0 })).sort((a, b) => b.points - a.points);
}

function priorities(s: Scenario, d: Delegation): string {
  return s.items.map((item) => {
    const rows = rankedOutcomes(d, item).map((o, i) =>
      `<tr><td class="rank">${i + 1}</td><td>${e(outcomeWords(item, o.key))}</td><td class="pts">${points(o.points)}</td></tr>`).join("");
    return `<div class="item"><h4>${e(item.title)}</h4><p class="rule">Adopted by ${e(RULE_WORDS[item.rule])}; postponed by ${e(RULE_WORDS[item.postponeRule])}.</p><table>${rows}</table></div>`;
  }).join("");
}

function relations(s: Scenario, d: Delegation): string {
  const rows = s.delegations.filter((o) => o.id !== d.id).map((o) => {
    const r = s.relations.find((x) => x.between.includes(d.id) && x.between.includes(o.id));
    const v = r?.value ?? 0;
    return `<tr><td>${e(o.name)}</td><td class="pts">${v.toFixed(1)}</td><td>${relationWord(v)}</td></tr>`;
  }).join("");
  return `<table class="relations">${rows}</table>`;
}

function history(s: Scenario): string {
  const rows = s.items.map((item) => {
    const h = s.historical[item.id];
    return `<li><strong>${e(item.title)}:</strong> ${h ? e(outcomeWords(item, h).replace(/ \(.*\)$/, "")) : "no historical outcome recorded"}</li>`;
  }).join("");
  return `<ul class="history">${rows}</ul>`;
}

function timing(s: Scenario, preset: TimingPreset | undefined): string {
  const rounds = `${s.rounds} round${s.rounds === 1 ? "" : "s"}, each of five phases`;
  if (preset === "manual") return `<p>${rounds}. The host moves the summit from phase to phase by hand: no clocks.</p>`;
  const shown = preset ? [preset] : [...TIMED_PRESETS];
  const head = `<tr><th>Phase (min:s)</th>${shown.map((p) => `<th>${presetMinutes(p)}-min class</th>`).join("")}</tr>`;
  const rows = PHASES.map((ph) => `<tr><td>${PHASE_WORDS[ph]}</td>${shown.map((p) => `<td>${minutes(presetSeconds(s.timings, p, ph)!)}</td>`).join("")}</tr>`).join("");
  const total = `<tr class="total"><td>Whole summit</td>${shown.map((p) => `<td>${minutes(roundSeconds(s.timings, p) * s.rounds)}</td>`).join("")}</tr>`;
  return `<p>${rounds}${preset ? `, paced for a ${presetMinutes(preset)}-minute class` : ""}.</p><table class="timing">${head}${rows}${total}</table>`;
}

function sheet(s: Scenario, d: Delegation, preset: TimingPreset | undefined): string {
  const stripe = d.colors.map((c) => `<span style="background:${e(c)}"></span>`).join("");
  return `<section class="sheet" aria-label="${e(d.name)}">
<header><div class="flag">${stripe}</div><div><p class="kicker">${e(s.title)} · ${e(s.place)}, ${e(s.date)}</p>
<h2>${e(d.name)}</h2><p class="leader">Head of delegation: ${e(d.leader)}</p></div><p class="secret">Confidential<br>for this delegation only</p></header>
<div class="cols"><div>
<h3>Public stance</h3><p>${e(d.publicStance)}</p>
<h3>Briefing</h3><p>${e(d.briefing)}</p>
<h3>Starting relations</h3>${relations(s, d)}
<h3>What happened in history</h3>${history(s)}
<h3>Timing</h3>${timing(s, preset)}
</div><div>
<h3>Your secret priorities</h3><p class="note">Points for each way an item can end, best first. Your score is where the final outcomes put you between your worst possible summit (0%) and your best (100%). News during the summit may shift these points.</p>
${priorities(s, d)}
</div></div>
<footer>Keep this sheet to yourselves until the summit ends: then every delegation's priorities are revealed.</footer>
</section>`;
}

const CSS = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 9.5pt/1.35 Georgia, "Times New Roman", serif; color: #111; background: #ddd; }
.screen-note { font: 11pt/1.4 system-ui, sans-serif; max-width: 186mm; margin: 16px auto; }
.sheet { width: 210mm; min-height: 297mm; margin: 16px auto; padding: 12mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.3); display: flex; flex-direction: column; }
header { display: flex; gap: 4mm; align-items: flex-start; border-bottom: 1.5pt solid #111; padding-bottom: 3mm; }
.flag { display: flex; flex-direction: column; width: 16mm; height: 11mm; border: .5pt solid #999; flex: none; }
.flag span { flex: 1; }
header > div:nth-child(2) { flex: 1; }
.kicker { margin: 0; font: 8pt system-ui, sans-serif; text-transform: uppercase; letter-spacing: .04em; color: #555; }
h2 { margin: 0; font-size: 20pt; }
.leader { margin: 0; font-style: italic; }
.secret { margin: 0; font: bold 8pt system-ui, sans-serif; text-transform: uppercase; color: #a00; text-align: right; border: 1pt solid #a00; padding: 1mm 2mm; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; flex: 1; }
h3 { font: bold 9pt system-ui, sans-serif; text-transform: uppercase; letter-spacing: .04em; margin: 3.5mm 0 1mm; border-bottom: .5pt solid #999; }
h4 { margin: 2mm 0 0; font-size: 9.5pt; }
p { margin: 0 0 1.5mm; }
.note, .rule { font-size: 8pt; color: #444; }
.rule { margin: 0; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: .4mm 1.5mm; border-bottom: .3pt solid #ccc; text-align: left; vertical-align: top; font-weight: normal; }
th { font: bold 7.5pt system-ui, sans-serif; }
.pts { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; font-weight: bold; }
.rank { width: 4mm; color: #777; }
.total td { font-weight: bold; border-bottom: none; }
.history { margin: 0; padding-left: 4mm; }
footer { margin-top: 3mm; font: 7.5pt system-ui, sans-serif; color: #555; border-top: .5pt solid #999; padding-top: 1.5mm; }
@media print {
  body { background: #fff; }
  .screen-note { display: none; }
  .sheet { margin: 0; padding: 0; width: auto; min-height: 0; box-shadow: none; break-after: page; page-break-after: always; }
  .sheet:last-of-type { break-after: auto; page-break-after: auto; }
  .flag span, .secret { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

/** The whole printable document: one sheet per delegation, in the scenario's order. `timing`: the seminar's pacing (all presets if not given). */
export function roleSheetsHtml(s: Scenario, options: { timing?: TimingPreset; seminarTitle?: string } = {}): string {
  const title = `Role sheets · ${options.seminarTitle ?? s.title}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>${e(title)}</title><style>${CSS}</style></head>
<body><p class="screen-note"><strong>${e(title)}.</strong> ${s.delegations.length} sheets, one A4 page per delegation. Print them with your browser's Print command (Ctrl+P or ⌘P); each delegation starts on a new page. Hand each team only its own sheet.</p>
${s.delegations.map((d) => sheet(s, d, options.timing)).join("\n")}
</body></html>
`;
}
