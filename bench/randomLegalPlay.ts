/**
 * Seeded random legal play, for the throughput benchmark: one seat per delegation plus a few advisers, each step
 * a random seat (now and then the host) takes a random action from legalActions, templates filled. Every action
 * must be accepted, so this is also a smoke test of legalActions.
 */
import type { Action } from "../shared/actions";
import { apply } from "../shared/apply";
import { createSummit } from "../shared/createSummit";
import { type LegalAction, legalActions } from "../shared/legalActions";
import type { Scenario } from "../shared/scenario";
import type { State, TimingPreset } from "../shared/state";
import { SeededRandom } from "./seededRandom";

export interface PlayedSummit { scenario: Scenario; seed: number; timing: TimingPreset; log: Action[]; state: State }

/** Plays until the summit ends or `maxActions` actions were taken. */
export function randomLegalPlay(scenario: Scenario, seed: number, maxActions: number): PlayedSummit {
  const timing: TimingPreset = "manual";
  const rng = new SeededRandom(seed);
  let state = createSummit(scenario, { seed, timing });
  const log: Action[] = [];
  let now = 0;
  const act = (by: string, input: Record<string, unknown>): void => {
    const r = apply(state, { ...input, by, at: now });
    if (!r.ok) throw new Error(`random legal play: ${JSON.stringify(input)} by ${by} refused: ${r.error}`);
    state = r.state;
    log.push(r.action);
  };

  const seats: string[] = [];
  for (const d of scenario.delegations) {
    const seat = `seat-${d.id.toLowerCase()}`;
    act("system", { type: "seat.join", seat, name: `${d.name} delegate` });
    act(seat, { type: "seat.pick", delegation: d.id });
    seats.push(seat);
  }
  for (let i = 0; i < 3; i++) {
    const seat = `adviser-${i}`;
    act("system", { type: "seat.join", seat, name: `Adviser ${i}` });
    act(seat, { type: "seat.pick", delegation: rng.pick(scenario.delegations).id });
    seats.push(seat);
  }
  act("host", { type: "host.start" });

  const fill = (l: LegalAction): Record<string, unknown> => {
    if (l.type === "say" || l.type === "host.broadcast") return { ...l, text: rng.text(10, 160) };
    if (l.type !== "commit.offer") return l;
    const pledge = () => {
      const item = rng.pick(scenario.items);
      return { item: item.id, target: rng.chance(0.2) ? "postpone" : rng.pick(item.options).id, vote: rng.pick(["yes", "no", "abstain"]) };
    };
    return { ...l, give: pledge(), want: rng.chance(0.3) ? null : pledge() };
  };

  while (state.status !== "ended" && log.length < maxActions) {
    now += rng.int(3000);
    if (rng.chance(0.03)) {
      // The host mostly moves the summit on; it never pauses or ends it early.
      const options = legalActions(state, "host").filter((l) => l.type !== "host.end" && l.type !== "host.pause");
      const advance = options.find((l) => l.type === "host.advance");
      act("host", fill(advance && rng.chance(0.7) ? advance : rng.pick(options)));
      continue;
    }
    const seat = rng.pick(seats);
    const legal = legalActions(state, seat);
    if (legal.length === 0) continue;
    // Pick a kind of action first, so that the one vote is not drowned by six chat channels.
    const kinds = [...new Set(legal.map((l) => l.type))];
    const kind = rng.pick(kinds);
    act(seat, fill(rng.pick(legal.filter((l) => l.type === kind))));
  }
  return { scenario, seed, timing, log, state };
}
