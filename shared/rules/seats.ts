/** Seats: who sits at which delegation, and who signs for it. */
import type { GameEvent, Seat, State } from "../state";
import { settleBallot } from "./voting";
import { type Handler, refuse, type Step } from "./context";

/** The seats of a delegation, earliest first. */
export function teamOf(s: State, delegation: string): string[] {
  return Object.keys(s.seats)
    .filter((k) => s.seats[k]?.delegation === delegation)
    .sort((a, b) => (s.seats[a]!.joinedAt - s.seats[b]!.joinedAt) || (a < b ? -1 : 1));
}

/** Moves a seat to a delegation (or none), keeping every delegation's signatory valid. */
function place(s: State, seat: string, delegation: string | null, signatory: boolean): Step {
  const current = s.seats[seat];
  if (!current) return refuse("NO_SUCH_SEAT");
  if (delegation !== null && !s.delegations[delegation]) return refuse("NO_SUCH_DELEGATION");
  if (delegation !== null && current.delegation !== delegation && teamOf(s, delegation).length >= s.scenario.maxTeamSize) {
    return refuse("TEAM_FULL");
  }
  const seats: Record<string, Seat> = { ...s.seats, [seat]: { ...current, delegation } };
  return withSignatories({ ...s, seats }, delegation, signatory ? seat : null);
}

// A seat that moves or leaves can be the last one a ballot was waiting for.
const settled = (next: Step, events: GameEvent[]): Step => ("refused" in next ? next : settleBallot(next, events));

/** Repairs signatories after seats moved: a vacated signatory passes to the earliest remaining member. */
function withSignatories(s: State, preferredFor: string | null, preferred: string | null): State {
  const delegations = { ...s.delegations };
  for (const [id, d] of Object.entries(delegations)) {
    const team = teamOf(s, id);
    let signatory = d.signatory !== null && team.includes(d.signatory) ? d.signatory : team[0] ?? null;
    if (id === preferredFor && preferred !== null) signatory = preferred;
    if (signatory !== d.signatory) delegations[id] = { ...d, signatory };
  }
  return { ...s, delegations };
}

export const join: Handler<"seat.join"> = (s, a, events) => {
  if (a.by !== "system") return refuse("NOT_SYSTEM");
  if (s.seats[a.seat] || a.seat === "host" || a.seat === "system") return refuse("SEAT_EXISTS");
  events.push({ type: "seat.joined", seat: a.seat, name: a.name, bot: a.bot ?? false });
  return { ...s, seats: { ...s.seats, [a.seat]: { name: a.name, delegation: null, bot: a.bot ?? false, joinedAt: s.now } } };
};

export const leave: Handler<"seat.leave"> = (s, a, events) => {
  if (a.by !== "system") return refuse("NOT_SYSTEM");
  if (!s.seats[a.seat]) return refuse("NO_SUCH_SEAT");
  const seats = { ...s.seats };
  delete seats[a.seat];
  events.push({ type: "seat.left", seat: a.seat });
  return settled(withSignatories({ ...s, seats }, null, null), events);
};

export const pick: Handler<"seat.pick"> = (s, a, events) => {
  const seat = s.seats[a.by];
  if (!seat) return refuse("NO_SUCH_SEAT");
  if (seat.delegation !== null) return refuse("ALREADY_PLACED");
  const next = place(s, a.by, a.delegation, false);
  if (!("refused" in next)) events.push({ type: "seat.placed", seat: a.by, delegation: a.delegation });
  return next;
};

export const assign: Handler<"seat.assign"> = (s, a, events) => {
  if (a.by !== "host" && a.by !== "system") return refuse("NOT_HOST");
  const next = place(s, a.seat, a.delegation, a.signatory === true && a.delegation !== null);
  if (!("refused" in next)) events.push({ type: "seat.placed", seat: a.seat, delegation: a.delegation });
  return settled(next, events);
};
