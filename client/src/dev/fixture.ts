/**
 * A realistic table for the dev page, played through the real engine: seats are taken, statements made,
 * drafts tabled, and a ballot opened with three votes cast. No server involved.
 */
import { apply } from "../../../shared/apply";
import { createSummit } from "../../../shared/createSummit";
import { legalActions } from "../../../shared/legalActions";
import { type Viewer, viewFor } from "../../../shared/viewFor";
import { scenarios } from "../../../shared/scenarios";
import type { GameEvent, State } from "../../../shared/state";
import type { Presence, You } from "../../../shared/protocol";
import type { Mode, TableModel } from "../model";

/** One scripted step: who acts, and the action without its stamp. */
export interface Step { by: string; action: Record<string, unknown> & { type: string }; label?: string }

const say = (by: string, text: string): Step => ({ by, action: { type: "say", channel: "public", text } });
const vote = (by: string, ballot: string, choice: "yes" | "no" | "abstain"): Step => ({ by, action: { type: "vote", ballot, choice } });

/** The seats at the table: [seat id, name, delegation, bot]. */
const SEATS: [string, string, string, boolean][] = [
  ["am-1", "Ani", "AM", false], ["am-2", "Tigran", "AM", false], ["am-3", "Lilit", "AM", false],
  ["ru-1", "Anya", "RU", false], ["ru-2", "Boris", "RU", false],
  ["by-bot", "Bot for Belarus", "BY", true],
  ["kz-1", "Aruzhan", "KZ", false],
  ["kg-bot", "Bot for Kyrgyzstan", "KG", true],
  ["tj-1", "Farrukh", "TJ", false], ["tj-2", "Madina", "TJ", false],
];
/** Who is connected: Tigran and Aruzhan have dropped out for a moment. */
export const PRESENCE: Record<string, Presence> = Object.fromEntries(
  SEATS.map(([id, , , bot]) => [id, bot ? "bot" : id === "am-2" || id === "kz-1" ? "away" : "here"]),
);

/** The whole script; stages name the step after which each dev view stops. */
export const SCRIPT: Step[] = [
  ...SEATS.map(([seat, name, , bot]): Step => ({ by: "system", action: { type: "seat.join", seat, name, bot } })),
  ...SEATS.map(([seat, , delegation], i): Step => ({
    by: "system", action: { type: "seat.assign", seat, delegation }, label: i === SEATS.length - 1 ? "lobby" : undefined,
  })),
  { by: "host", action: { type: "host.start" } },
  say("ru-1", "Russia welcomes its partners to Yerevan and proposes we adopt the strategy to 2025 today."),
  say("am-1", "Armenia asks its allies for a clear word on Nagorno-Karabakh after the April fighting."),
  { ...say("kz-1", "Kazakhstan urges restraint: the alliance should not take sides between neighbours."), label: "opening" },
  { by: "host", action: { type: "host.advance" } },
  { by: "am-1", action: { type: "say", channel: "dm:AM-RU", text: "Can Moscow back Ohanyan today?" }, label: "consultations" },
  { by: "host", action: { type: "host.advance" } },
  { by: "ru-1", action: { type: "propose", item: "secretary-general", option: "postpone", note: "Decide in Moscow in December." } },
  { by: "am-1", action: { type: "propose", item: "karabakh-statement", option: "firm" } },
  { by: "ru-1", action: { type: "propose", item: "strategy-2025", option: "core" } },
  { by: "by-bot", action: { type: "cosponsor", proposal: "p3" } },
  { by: "kz-1", action: { type: "cosponsor", proposal: "p3" } },
  { by: "kg-bot", action: { type: "amend", proposal: "p3", option: "expanded", note: "Add a southern programme." }, label: "drafting" },
  { by: "host", action: { type: "host.advance" } },
  vote("ru-1", "b5", "yes"),
  vote("kz-1", "b5", "no"),
  { ...vote("tj-1", "b5", "abstain"), label: "voting" },
  vote("by-bot", "b5", "yes"),
  vote("kg-bot", "b5", "yes"),
  vote("am-1", "b5", "no"),
  { by: "host", action: { type: "host.inject", event: "afghan-border" } },
  vote("ru-1", "b6", "no"),
  vote("am-1", "b6", "yes"),
  { by: "host", action: { type: "host.broadcast", text: "Five minutes left for the vote on the Karabakh statement." } },
  vote("kz-1", "b6", "no"),
  vote("by-bot", "b6", "no"),
  vote("kg-bot", "b6", "abstain"),
  vote("tj-1", "b6", "abstain"),
  vote("ru-1", "b7", "yes"),
  vote("am-1", "b7", "yes"),
  vote("by-bot", "b7", "yes"),
  vote("kz-1", "b7", "yes"),
  vote("kg-bot", "b7", "yes"),
  vote("tj-1", "b7", "yes"),
  { by: "host", action: { type: "host.end" }, label: "ended" },
];

export type Stage = "lobby" | "opening" | "consultations" | "drafting" | "voting" | "ended";
export const STAGES: Stage[] = ["lobby", "opening", "consultations", "drafting", "voting", "ended"];

/** Index of the first step after a stage. */
export const stageEnd = (stage: Stage): number => SCRIPT.findIndex((s) => s.label === stage) + 1;

/** Applies one step at time `at`; throws on a refusal (the script is wrong, not the engine). */
export function play(s: State, step: Step, at: number): { state: State; events: GameEvent[] } {
  const r = apply(s, { ...step.action, by: step.by, at });
  if (!r.ok) throw new Error(`fixture step ${step.action.type} by ${step.by} refused: ${r.error} ${r.detail ?? ""}`);
  return { state: r.state, events: r.events };
}

/** The state after the script up to `stage`, timed so that the last step happened a moment ago. */
export function stateAt(stage: Stage, now = Date.now()): State {
  const steps = SCRIPT.slice(0, stageEnd(stage));
  const gap = 20_000;
  let s = createSummit(scenarios["yerevan-2016"]!, { seed: 2016, timing: "90" });
  steps.forEach((step, i) => (s = play(s, step, now - (steps.length - i) * gap).state));
  return s;
}

/** Who the page is: a player of Armenia (its signatory), the projector, or the host. */
export function viewerFor(mode: Mode): { viewer: Viewer; you: You; seat: string | null } {
  if (mode === "projector") return { viewer: { kind: "spectator" }, seat: null, you: { seat: null, delegation: null, signatory: false, host: false, spectator: true } };
  if (mode === "host") return { viewer: { kind: "host" }, seat: "host", you: { seat: null, delegation: null, signatory: false, host: true, spectator: false } };
  return { viewer: { kind: "delegation", delegation: "AM", seat: "am-1" }, seat: "am-1", you: { seat: "am-1", delegation: "AM", signatory: true, host: false, spectator: false } };
}

/** The TableModel a client in `mode` would hold for state `s`. */
export function modelOf(s: State, mode: Mode, events: GameEvent[] = []): TableModel {
  const { viewer, you, seat } = viewerFor(mode);
  const { scenario, ...view } = viewFor(s, viewer);
  const presence: Record<string, Presence> = {};
  for (const id of Object.keys(s.seats)) presence[id] = PRESENCE[id] ?? "here";
  const briefing = you.delegation ? scenario.delegations.find((d) => d.id === you.delegation)?.briefing || null : null;
  return {
    mode,
    clockSkew: 0,
    welcome: { table: "dev-table", seminar: "dev-seminar", code: "K7M3QXA", you, scenario },
    update: { seq: s.seq, view, events, briefing, presence, you, legal: seat ? legalActions(s, seat) : [], serverNow: s.now },
  };
}

/** A realistic model: by default Armenia's view during the first ballot, three votes cast. */
export function buildFixture(stage: Stage = "voting", mode: Mode = "player"): TableModel {
  return modelOf(stateAt(stage), mode);
}
