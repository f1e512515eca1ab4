/**
 * Channels: the public floor, a private line between two delegations, and each team's caucus. This module is the
 * only one that writes or reads their names ("public", "team:AM", "dm:AM-RU").
 */

export const PUBLIC = "public";
/** The caucus of one delegation's team. */
export const teamChannel = (d: string): string => `team:${d}`;
/** The private line between two delegations, the same name either way round. */
export const dmChannel = (a: string, b: string): string => (a < b ? `dm:${a}-${b}` : `dm:${b}-${a}`);

export type ParsedChannel =
  | { kind: "public" }
  | { kind: "team"; delegation: string }
  /** The two delegations in name order. */
  | { kind: "dm"; between: [string, string] };

/** Reads a channel name, without checking that its delegations exist; null unless spelt as the encoders spell it. */
export function parseChannel(channel: string): ParsedChannel | null {
  if (channel === PUBLIC) return { kind: "public" };
  const team = /^team:([A-Z]{2,3})$/.exec(channel);
  if (team) return { kind: "team", delegation: team[1]! };
  const dm = /^dm:([A-Z]{2,3})-([A-Z]{2,3})$/.exec(channel);
  if (dm && dm[1]! < dm[2]!) return { kind: "dm", between: [dm[1]!, dm[2]!] };
  return null;
}

/** Delegations that may read a channel, or "all" for the public floor; null for a malformed name. */
export function channelMembers(channel: string, delegations: readonly string[]): string[] | "all" | null {
  const c = parseChannel(channel);
  if (!c) return null;
  if (c.kind === "public") return "all";
  const members = c.kind === "team" ? [c.delegation] : c.between;
  return members.every((d) => delegations.includes(d)) ? members : null;
}

/** Every channel a delegation can read and write. */
export function channelsOf(d: string, delegations: readonly string[]): string[] {
  return [PUBLIC, teamChannel(d), ...delegations.filter((o) => o !== d).map((o) => dmChannel(d, o))];
}
