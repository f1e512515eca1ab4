/** What the host page derives from the dashboard: seat names without their bot mark, a table's clock, a link's reach. */
import type { HostDashboard, HostSeat, HostTableLive, TableSummary } from "../../shared/protocol";

export type HostTable = HostDashboard["tables"][number];

/** A bot seat's name carries its mark ("Belarus (bot, plain)"); the page shows the mark once, as a badge. */
const BOT_MARK = /\s*\(bot\b([^)]*)\)\s*$/i;

/** A seat's name without the bot mark its name may carry. */
export function seatName(seat: Pick<HostSeat, "name" | "bot">): string {
  return seat.bot ? seat.name.replace(BOT_MARK, "") || seat.name : seat.name;
}

/** How a bot seat plays, when its name says ("plain", "strong"); null for people and for unmarked bots. */
export function botStrength(seat: Pick<HostSeat, "name" | "bot">): string | null {
  if (!seat.bot) return null;
  const m = BOT_MARK.exec(seat.name)?.[1]?.replace(/^[\s,]+/, "").trim();
  return m || null;
}

/** The state to show for a table: the live room's when this server holds it, else the stored summary. */
export function tableState(t: HostTable): Pick<HostTableLive, "status" | "round" | "phase" | "clock"> & { rounds: number | null } {
  if (t.live) return { status: t.live.status, round: t.live.round, rounds: t.live.rounds, phase: t.live.phase, clock: t.live.clock };
  const s: TableSummary = t;
  return { status: s.status, round: s.round, rounds: null, phase: s.phase, clock: { endsAt: s.endsAt, remaining: s.remaining } };
}

/**
 * Seconds left on a table's phase clock, on the server's clock (`skew` = server time minus this browser's), or null
 * when the phase has no deadline (paced by hand).
 */
export function tableSecondsLeft(clock: { endsAt: number | null; remaining: number | null }, skew: number, now = Date.now()): number | null {
  if (clock.endsAt !== null) return Math.max(0, Math.round((clock.endsAt - (now + skew)) / 1000));
  if (clock.remaining !== null) return Math.round(clock.remaining / 1000);
  return null;
}

/** Whether a link points at this computer only (localhost, 127.x.x.x, ::1, 0.0.0.0): useless to students' phones. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try { host = new URL(url).hostname.toLowerCase(); } catch { return false; }
  host = host.replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "::1" || host === "0.0.0.0";
}

/**
 * The address students use: the server's public URL when it tells one (PUBLIC_URL), else the address the host
 * opened. Whether it is loopback comes from the server when it says, else from the link itself.
 */
export function studentOrigin(d: object, fallback: string): { origin: string; loopback: boolean } {
  const extra = d as { joinUrl?: unknown; publicUrlIsLoopback?: unknown };
  // The server's join link is "<origin>/join/<code>" (PUBLIC_URL's origin when set).
  const origin = typeof extra.joinUrl === "string" && extra.joinUrl.includes("/join/") ? extra.joinUrl.slice(0, extra.joinUrl.lastIndexOf("/join/")) : fallback;
  const loopback = typeof extra.publicUrlIsLoopback === "boolean" ? extra.publicUrlIsLoopback : isLoopbackUrl(origin);
  return { origin, loopback };
}

/** The delegations of a table with the seats at each, signatory first; seats without a delegation come last. */
export function seatsByDelegation(live: HostTableLive): { id: string | null; name: string; seats: HostSeat[] }[] {
  const order = (a: HostSeat, b: HostSeat) => Number(b.signatory) - Number(a.signatory);
  const groups = live.delegations.map((d) => ({ id: d.id as string | null, name: d.name, seats: live.seats.filter((s) => s.delegation === d.id).sort(order) }));
  const unplaced = live.seats.filter((s) => !s.delegation);
  return unplaced.length ? [...groups, { id: null, name: "", seats: unplaced }] : groups;
}

/** The host page's address of one table's full view, and back. */
export const hostHref = (key: string, table?: string): string =>
  `/host/${encodeURIComponent(key)}${table ? `?table=${encodeURIComponent(table)}` : ""}`;
