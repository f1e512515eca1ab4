/** Small builders for engine tests: a summit table whose actions are stamped and logged like the server does. */
import type { Action } from "../shared/actions";
import { apply, type ApplyResult } from "../shared/apply";
import { createSummit } from "../shared/createSummit";
import { scenarios } from "../shared/scenarios";
import type { GameEvent, State, TimingPreset } from "../shared/state";

export const seatOf = (delegation: string): string => `seat-${delegation.toLowerCase()}`;

export class Table {
  state: State;
  readonly log: Action[] = [];
  events: GameEvent[] = [];
  now = 1_000;

  constructor(readonly scenarioId = "yerevan-2016", readonly timing: TimingPreset = "manual", readonly seed = 1) {
    const scenario = scenarios[scenarioId];
    if (!scenario) throw new Error(`no scenario ${scenarioId}`);
    this.state = createSummit(scenario, { seed, timing });
  }

  /** Applies an action stamped `by` at the next second (or `at`); returns the engine's answer. */
  try(by: string, input: Record<string, unknown>, at = this.now + 1000): ApplyResult {
    this.now = Math.max(this.now, at);
    const r = apply(this.state, { ...input, by, at });
    if (r.ok) {
      this.state = r.state;
      this.log.push(r.action);
      this.events = r.events;
    }
    return r;
  }

  /** Like `try`, but the action must be accepted. */
  do(by: string, input: Record<string, unknown>, at?: number): State {
    const r = this.try(by, input, at);
    if (!r.ok) throw new Error(`${String(input.type)} by ${by} refused: ${r.error} ${r.detail ?? ""}`);
    return this.state;
  }

  /** The delegation's signatory does something. */
  as(delegation: string, input: Record<string, unknown>): State {
    return this.do(seatOf(delegation), input);
  }

  /** One seat per delegation, each its delegation's signatory. */
  seatAll(): this {
    for (const d of this.state.scenario.delegations) {
      this.do("system", { type: "seat.join", seat: seatOf(d.id), name: `${d.name} player` });
      this.do(seatOf(d.id), { type: "seat.pick", delegation: d.id });
    }
    return this;
  }

  start(): this {
    this.do("host", { type: "host.start" });
    return this;
  }

  advance(): this {
    this.do("host", { type: "host.advance" });
    return this;
  }

  /** The open ballot's id (throws when none is open). */
  get ballot(): string {
    const b = this.state.ballots.find((x) => x.result === "open");
    if (!b) throw new Error("no open ballot");
    return b.id;
  }

  voteAll(choices: Record<string, "yes" | "no" | "abstain">): this {
    const id = this.ballot;
    for (const [d, choice] of Object.entries(choices)) this.as(d, { type: "vote", ballot: id, choice });
    return this;
  }

  proposal(item: string, option: string): string {
    const p = this.state.proposals.find((x) => x.item === item && x.option === option && x.status === "tabled");
    if (!p) throw new Error(`no tabled draft ${item}/${option}`);
    return p.id;
  }
}

const ALL = ["RU", "AM", "BY", "KZ", "KG", "TJ"] as const;
/** Everyone votes `choice` except the named exceptions. */
export function votes(choice: "yes" | "no" | "abstain", except: Record<string, "yes" | "no" | "abstain"> = {}): Record<string, "yes" | "no" | "abstain"> {
  return Object.fromEntries(ALL.map((d) => [d, except[d] ?? choice]));
}

/** Plays the Yerevan summit along its historical path: statement rejected, appointment postponed, strategy adopted. */
export function historicalYerevan(timing: TimingPreset = "manual", seed = 1): Table {
  const t = new Table("yerevan-2016", timing, seed).seatAll().start();
  t.as("AM", { type: "say", channel: "public", text: "Armenia expects its allies to stand with it on Karabakh." });
  t.as("BY", { type: "say", channel: "public", text: "The world does not take this alliance seriously enough." });
  t.advance(); // consultations
  t.as("AM", { type: "say", channel: "dm:AM-RU", text: "We need the firm statement. Can Moscow carry it?" });
  t.as("RU", { type: "say", channel: "dm:AM-RU", text: "Baku is watching. We cannot go that far." });
  t.as("KZ", { type: "commit.offer", to: "KG", give: { item: "strategy-2025", target: "core", vote: "yes" }, want: { item: "strategy-2025", target: "core", vote: "yes" } });
  t.as("KG", { type: "commit.accept", commitment: t.state.commitments.at(-1)!.id });
  t.advance(); // drafting
  t.as("AM", { type: "propose", item: "karabakh-statement", option: "firm" });
  t.as("AM", { type: "propose", item: "secretary-general", option: "ohanyan" });
  t.as("RU", { type: "propose", item: "strategy-2025", option: "core" });
  t.as("RU", { type: "propose", item: "secretary-general", option: "postpone", note: "Let Moscow settle it in December." });
  t.as("BY", { type: "cosponsor", proposal: t.proposal("strategy-2025", "core") });
  t.advance(); // voting: the postponement motion is taken first
  t.voteAll(votes("yes", { AM: "no" })); // postpone the appointment
  t.voteAll(votes("no", { AM: "yes", KG: "abstain", TJ: "abstain" })); // the firm statement
  t.voteAll(votes("yes")); // the strategy
  // No drafts left: the chair moves to results, and then the host runs out the second round.
  while (t.state.status !== "ended") t.advance();
  return t;
}

export { ALL as DELEGATIONS };

/** A delegation's priority for an outcome as the scenario file sets it, plus the effects of the named events. */
export function scenarioPriority(scenarioId: string, delegation: string, item: string, outcome: string, ...events: string[]): number {
  const s = scenarios[scenarioId]!;
  let v = s.delegations.find((d) => d.id === delegation)?.priorities[item]?.[outcome] ?? 0;
  for (const e of s.events.filter((x) => events.includes(x.id))) {
    for (const f of e.effects) if (f.kind === "priority" && f.delegation === delegation && f.item === item && f.outcome === outcome) v += f.delta;
  }
  return v;
}
