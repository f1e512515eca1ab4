/** Perspectives of a replay: as the public, the host, one delegation saw a moment — or with everything revealed. */
import type { GameEvent, State } from "./state";
import { canSee, type View, type Viewer, viewFor } from "./viewFor";

export type Perspective =
  | { kind: "public" }
  | { kind: "host" }
  | { kind: "delegation"; delegation: string }
  | { kind: "revealed" };

/** The live viewer a perspective stands for ("revealed" reads as a review after the reveal). */
export function viewerOf(p: Perspective, s: State): Viewer {
  switch (p.kind) {
    case "public": return { kind: "spectator" };
    case "host": return { kind: "host" };
    case "revealed": return { kind: "review" };
    case "delegation": return { kind: "delegation", delegation: p.delegation, seat: s.delegations[p.delegation]?.signatory ?? undefined };
  }
}

/**
 * Exactly what a perspective held at this moment: `viewFor` for the live viewers. "revealed" is the view after the
 * reveal applied to an earlier moment (every channel, priority and pending event); callers offer it only for a
 * session that has ended, since before the end no one reviews secrets.
 */
export function perspectiveView(s: State, p: Perspective): View {
  if (p.kind !== "revealed" || s.status === "ended") return viewFor(s, viewerOf(p, s));
  return { ...viewFor({ ...s, status: "ended" }, { kind: "review" }), status: s.status };
}

/** The events of one action a perspective would have seen. */
export function perspectiveEvents(s: State, p: Perspective, events: readonly GameEvent[]): GameEvent[] {
  if (p.kind === "revealed") return [...events];
  const v = viewerOf(p, s);
  return events.filter((e) => canSee(s, v, e));
}

/** "public", "host", "revealed" or a delegation id: the short form used in links (#as=AM). */
export const perspectiveKey = (p: Perspective): string => (p.kind === "delegation" ? p.delegation : p.kind);

/** Reads a link's perspective; unknown values fall back to the public one. */
export function parsePerspective(key: string | null | undefined, delegations: readonly string[]): Perspective {
  if (key === "host" || key === "revealed") return { kind: key };
  if (key && delegations.includes(key)) return { kind: "delegation", delegation: key };
  return { kind: "public" };
}
