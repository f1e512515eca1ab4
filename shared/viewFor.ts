/** What each viewer may see of a summit: the only way state leaves the engine. */
import type { GameEvent, State } from "./state";
import { channelMembers, PUBLIC } from "./rules/channels";
import { delegationIds } from "./rules/context";
import type { Translations } from "./scenarioTexts";

export type Viewer =
  | { kind: "delegation"; delegation: string; seat?: string }
  | { kind: "host" }
  | { kind: "spectator" }
  | { kind: "review" };

/** A state as one viewer sees it: same shape, secrets not theirs removed. */
export type View = Omit<State, "pendingEvents" | "rng" | "delegations" | "commitments" | "portfolios" | "prepared"> & {
  viewer: Viewer;
  delegations: Record<string, { signatory: string | null; spoke: boolean; speeches: number; priorities?: State["delegations"][string]["priorities"] }>;
  commitments: State["commitments"];
  /** Who wrote to whom in private, as counts only: what the host and the projector may know. */
  privateTraffic: Record<string, number>;
  /** Ids and titles of events the host can still inject (host and review only). */
  eventLibrary: { id: string; title: string; scripted: boolean }[];
  /** Advisers' portfolios and prepared moves: the viewer's own delegation's only, everyone's after the end. */
  portfolios: NonNullable<State["portfolios"]>;
  prepared: NonNullable<State["prepared"]>;
  /** Texts in other languages this viewer may read beyond the welcome's (set by the server: shared/scenarioTexts.ts). */
  texts?: Translations;
};

/** True once the summit has ended: from then on every secret is revealed to everyone. */
const revealed = (s: State): boolean => s.status === "ended";

/** Whether a viewer may see a message in a channel: the public floor always, private lines their members only, all after the end. */
export function canRead(s: State, v: Viewer, channel: string): boolean {
  if (channel === PUBLIC || revealed(s)) return true;
  if (v.kind !== "delegation") return false;
  const members = channelMembers(channel, delegationIds(s));
  return members === "all" || (members !== null && members.includes(v.delegation));
}

/** Builds the view of a state for a viewer. A review before the end sees what a spectator sees. */
export function viewFor(s: State, v: Viewer): View {
  return { ...viewWithoutMessages(s, v), messages: s.messages.filter((m) => canRead(s, v, m.channel)) };
}

/** The view with an empty message list. */
export function viewWithoutMessages(s: State, v: Viewer): View {
  // A briefing is written for its own delegation and spells out its secret priorities in words.
  const own = v.kind === "delegation" ? v.delegation : null;
  const scenario = revealed(s) ? s.scenario : {
    ...s.scenario,
    delegations: s.scenario.delegations.map((d) => (d.id === own ? d : { ...d, briefing: "" })),
  };
  return { ...viewBody(s, v), scenario };
}

/** Private lines per channel, counted once per message list and carried forward as the list grows. */
let counted: { messages: State["messages"]; counts: Record<string, number> } | null = null;
function privateCounts(messages: State["messages"]): Record<string, number> {
  const from = counted && counted.messages.length <= messages.length && counted.messages.length > 0
    && messages[counted.messages.length - 1] === counted.messages[counted.messages.length - 1] ? counted : null;
  // A copy: the counts handed out before stay as they were.
  const counts: Record<string, number> = { ...(from?.counts ?? {}) };
  for (let i = from ? from.messages.length : 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.channel !== PUBLIC) counts[m.channel] = (counts[m.channel] ?? 0) + 1;
  }
  counted = { messages, counts };
  return counts;
}

/**
 * Parts of a view worked out from one part of the state, kept while that part is the same object (the engine copies
 * only what an action changes). Views built again after a line of chat then share every such part with the view
 * before, which a diff passes over at once.
 */
const derived = new WeakMap<object, Map<string, unknown>>();
function memo<T>(input: object, key: string, make: () => T): T {
  let byKey = derived.get(input);
  if (!byKey) { byKey = new Map(); derived.set(input, byKey); }
  if (!byKey.has(key)) byKey.set(key, make());
  return byKey.get(key) as T;
}
const NONE: never[] = [];
const NOTHING: Record<string, never> = {};

/**
 * The view without its scenario and messages: what live patches are computed on (the scenario comes once, in the
 * welcome, and message lines travel on their own). Its parts may be shared with other views: treat it as read-only.
 */
export function viewBody(s: State, v: Viewer): Omit<View, "scenario"> {
  const open = revealed(s);
  const own = v.kind === "delegation" ? v.delegation : null;
  const who = open ? "*" : own ?? "";
  const delegations = memo(s.delegations, who, () => {
    const out: View["delegations"] = {};
    for (const [id, d] of Object.entries(s.delegations)) {
      out[id] = open || id === own ? { ...d } : { signatory: d.signatory, spoke: d.spoke, speeches: d.speeches };
    }
    return out;
  });
  const { pendingEvents } = s;
  const portfolios = s.portfolios ?? NOTHING, prepared = s.prepared ?? NONE;
  // Field by field (the type checker insists on every one): quicker than copying the state, and a field added to the
  // state reaches views only when it is written here.
  return {
    format: s.format, seed: s.seed, timing: s.timing, rules: s.rules, status: s.status, round: s.round, phase: s.phase,
    clock: s.clock, now: s.now, seq: s.seq, nextId: s.nextId, seats: s.seats, relations: s.relations,
    speakingOrder: s.speakingOrder, floor: s.floor, notices: s.notices, proposals: s.proposals, ballots: s.ballots,
    outcomes: s.outcomes, cohesion: s.cohesion, result: s.result,
    viewer: v,
    delegations,
    messages: [],
    commitments: open ? s.commitments : own ? memo(s.commitments, own, () => s.commitments.filter((c) => c.from === own || c.to === own)) : NONE,
    portfolios: open ? portfolios : own && portfolios[own] ? memo(portfolios, own, () => ({ [own]: portfolios[own]! })) : NOTHING,
    prepared: open ? prepared : own ? memo(prepared, own, () => prepared.filter((m) => m.delegation === own)) : NONE,
    privateTraffic: v.kind === "host" || open ? memo(s.messages, "traffic", () => privateCounts(s.messages)) : NOTHING,
    eventLibrary: v.kind === "host" || (v.kind === "review" && open)
      ? memo(pendingEvents, "library", () => pendingEvents.map((e) => ({ id: e.id, title: e.title, scripted: e.at !== undefined })))
      : NONE,
  };
}

/** Whether a viewer may see an engine event (private messages and commitments name their audience). */
export function canSee(s: State, v: Viewer, e: GameEvent): boolean {
  if (!e.to || revealed(s)) return true;
  return v.kind === "delegation" && e.to.includes(v.delegation);
}
