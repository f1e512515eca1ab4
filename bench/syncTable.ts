/**
 * A recorded busy summit replayed for the sync comparison (bench/syncCompare.ts), with the clients of a real table:
 * each delegation's signatory and one adviser, the host and a projector. Everything a room would know at each step
 * (state, events, who is connected as which viewer, presence, legal moves) is worked out once, so the encoders
 * compared are timed on their own work only.
 */
import type { Action } from "../shared/actions";
import { apply } from "../shared/apply";
import { createSummit } from "../shared/createSummit";
import { type LegalAction, legalActions } from "../shared/legalActions";
import type { Presence, You } from "../shared/liveSync";
import type { Scenario } from "../shared/scenario";
import type { GameEvent, State } from "../shared/state";
import type { Viewer } from "../shared/viewFor";
import { type ClassOptions, playClassSession } from "../tests/classSession";

export type Role = "signatory" | "adviser" | "host" | "projector";

/** One client of the table: a seat of a delegation, the host, or a spectator. */
export interface TableClient {
  id: string;
  role: Role;
  /** The seat it sits in; "host" for the host, null for a spectator. */
  by: string | null;
  briefing: string | null;
}

/** One accepted action and what the room knows after it. */
export interface Step {
  action: Action;
  state: State;
  events: GameEvent[];
  presence: Record<string, Presence>;
  /** The connected clients as their viewers (a seat client connects once its seat has a delegation). */
  viewers: Map<TableClient, Viewer>;
  you: Map<TableClient, You>;
  legal: Map<TableClient, LegalAction[]>;
}

export interface RecordedTable {
  name: string;
  scenario: Scenario;
  first: State;
  steps: Step[];
  clients: TableClient[];
  /** Index of the step after which a projector joins: the last one more than a minute before the end. */
  lateJoin: number;
  minutes: number;
  messages: number;
}

/** Plays a class session, then replays its log keeping every state and the table's view of it. */
export function recordTable(name: string, scenario: Scenario, options: ClassOptions): RecordedTable {
  const session = playClassSession(scenario, options);
  const final = session.state;
  const clients: TableClient[] = [];
  for (const d of scenario.delegations) {
    const team = Object.entries(final.seats).filter(([, seat]) => seat.delegation === d.id).map(([id]) => id);
    const signatory = final.delegations[d.id]?.signatory;
    const adviser = team.find((id) => id !== signatory);
    if (!signatory || !adviser) throw new Error(`sync table: ${d.id} has no signatory and adviser`);
    clients.push({ id: `${d.id} signatory`, role: "signatory", by: signatory, briefing: d.briefing || null });
    clients.push({ id: `${d.id} adviser`, role: "adviser", by: adviser, briefing: d.briefing || null });
  }
  clients.push({ id: "host", role: "host", by: "host", briefing: null }, { id: "projector", role: "projector", by: null, briefing: null });

  let state = createSummit(scenario, session.header);
  const first = state;
  const steps: Step[] = [];
  let presence: Record<string, Presence> = {};
  let presenceJson = "";
  for (const action of session.actions) {
    const r = apply(state, action);
    if (!r.ok) throw new Error(`sync table: ${action.type} refused on replay: ${r.error}`);
    state = r.state;
    const viewers = new Map<TableClient, Viewer>();
    const you = new Map<TableClient, You>();
    const legal = new Map<TableClient, LegalAction[]>();
    for (const c of clients) {
      const viewer = viewerOf(state, c);
      if (!viewer) continue;
      viewers.set(c, viewer);
      const delegation = c.by ? state.seats[c.by]?.delegation ?? null : null;
      you.set(c, { seat: c.role === "host" ? null : c.by, delegation, signatory: !!delegation && state.delegations[delegation]?.signatory === c.by, host: c.role === "host", spectator: c.role === "projector" });
      legal.set(c, c.by ? legalActions(state, c.by) : []);
    }
    const here = new Set(clients.filter((c) => viewers.has(c)).map((c) => c.by));
    const next: Record<string, Presence> = {};
    for (const [id, seat] of Object.entries(state.seats)) next[id] = seat.bot ? "bot" : here.has(id) ? "here" : "away";
    const json = JSON.stringify(next);
    if (json !== presenceJson) { presence = next; presenceJson = json; }
    steps.push({ action: r.action, state, events: r.events, presence, viewers, you, legal });
  }
  const end = state.now;
  let lateJoin = 0;
  while (lateJoin + 1 < steps.length && steps[lateJoin + 1]!.state.now <= end - 60_000) lateJoin++;
  const start = session.actions.find((a) => a.type === "host.start")?.at ?? first.now;
  return { name, scenario, first, steps, clients, lateJoin, minutes: (end - start) / 60_000, messages: state.messages.length };
}

function viewerOf(s: State, c: TableClient): Viewer | null {
  if (c.role === "host") return { kind: "host" };
  if (c.role === "projector") return { kind: "spectator" };
  const d = c.by ? s.seats[c.by]?.delegation : null;
  return d ? { kind: "delegation", delegation: d, seat: c.by! } : null;
}
