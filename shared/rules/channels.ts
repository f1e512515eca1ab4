/** Channels: the public floor, a private line between two delegations, and each team's caucus. */

export const PUBLIC = "public";
/** The caucus of one delegation's team. */
export const teamChannel = (d: string): string => `team:${d}`;
/** The private line between two delegations, the same name either way round. */
export const dmChannel = (a: string, b: string): string => (a < b ? `dm:${a}-${b}` : `dm:${b}-${a}`);

/** Delegations that may read a channel, or "all" for the public floor; null for a malformed name. */
export function channelMembers(channel: string, delegations: readonly string[]): string[] | "all" | null {
  if (channel === PUBLIC) return "all";
  const team = /^team:([A-Z]{2,3})$/.exec(channel);
  if (team) return delegations.includes(team[1]!) ? [team[1]!] : null;
  const dm = /^dm:([A-Z]{2,3})-([A-Z]{2,3})$/.exec(channel);
  if (dm && dm[1]! < dm[2]! && delegations.includes(dm[1]!) && delegations.includes(dm[2]!)) return [dm[1]!, dm[2]!];
  return null;
}

/** Every channel a delegation can read and write. */
export function channelsOf(d: string, delegations: readonly string[]): string[] {
  return [PUBLIC, teamChannel(d), ...delegations.filter((o) => o !== d).map((o) => dmChannel(d, o))];
}
