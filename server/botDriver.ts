/**
 * Bots at a live table: they take empty seats when the host has asked for bots, and stand in (autopilot)
 * for a signatory whose grace period ran out, until that player returns. A bot sees only its seat's view,
 * and its moves go through the same validation and log as a person's, at a human-like pace.
 */
import { botAct, type Strength } from "../shared/bots/botAct";
import { botSeatName } from "../shared/botSeats";
import { seedState } from "../shared/prng";
import type { State } from "../shared/state";
import { viewFor } from "../shared/viewFor";

export interface BotHost {
  state(): State;
  /** True while a person is connected on this seat. */
  connected(seat: string): boolean;
  /** Milliseconds since the seat was last connected (Infinity if never). */
  awayFor(seat: string): number;
  /** Submits an action as `by`; returns whether the engine accepted it. */
  submit(by: string, action: Record<string, unknown>): boolean;
}

export const botSeatId = (delegation: string): string => `bot-${delegation.toLowerCase()}`;

export class BotDriver {
  private rng = new Map<string, number>();
  private lastMove = new Map<string, number>();

  /** `strengths`: how each delegation's bot plays (from the seminar's choice; see `botStrengths`), strong where not given. */
  constructor(private host: BotHost, private graceMs: number, private paceMs: number, private strengths: Record<string, Strength> = {}) {}

  /** How the bot for `delegation` plays, whether in a bot seat or on autopilot for an absent signatory. */
  strengthOf(delegation: string): Strength {
    return this.strengths[delegation] ?? "strong";
  }

  /** Seats a bot at every delegation nobody sits at (used when the host starts a summit with bots on). */
  fillEmptySeats(): void {
    const s = this.host.state();
    for (const d of s.scenario.delegations) {
      if (Object.values(s.seats).some((seat) => seat.delegation === d.id)) continue;
      const seat = botSeatId(d.id);
      if (!s.seats[seat] && !this.host.submit("system", { type: "seat.join", seat, name: botSeatName(d.name, this.strengthOf(d.id)), bot: true })) continue;
      this.host.submit("system", { type: "seat.assign", seat, delegation: d.id, signatory: true });
    }
  }

  /** A person took a seat at `delegation`: its bot, if any, leaves and the person signs. */
  yieldTo(delegation: string): void {
    const seat = botSeatId(delegation);
    if (this.host.state().seats[seat]?.delegation === delegation) this.host.submit("system", { type: "seat.leave", seat });
  }

  /** Seats played by a bot now: bot seats, and signatories on autopilot. */
  driven(): string[] {
    const s = this.host.state();
    const out: string[] = [];
    for (const d of Object.values(s.delegations)) {
      const seat = d.signatory;
      if (!seat) continue;
      if (s.seats[seat]?.bot || (!this.host.connected(seat) && this.host.awayFor(seat) >= this.graceMs)) out.push(seat);
    }
    return out;
  }

  /** Milliseconds until the first absent signatory's grace runs out and a bot stands in (null when nobody is waiting for it). */
  nextAutopilotIn(): number | null {
    const s = this.host.state();
    let soonest: number | null = null;
    for (const d of Object.values(s.delegations)) {
      const seat = d.signatory;
      if (!seat || s.seats[seat]?.bot || this.host.connected(seat)) continue;
      const left = this.graceMs - this.host.awayFor(seat);
      if (left > 0 && (soonest === null || left < soonest)) soonest = left;
    }
    return soonest;
  }

  /** One step: each driven seat whose pace allows makes at most one move. Returns the number of moves made. */
  step(now = Date.now()): number {
    const s = this.host.state();
    if (s.status !== "running") return 0;
    let moves = 0;
    for (const seat of this.driven()) {
      if (now - (this.lastMove.get(seat) ?? 0) < this.paceMs) continue;
      const state = this.host.state();
      const delegation = state.seats[seat]?.delegation;
      if (!delegation) continue;
      const rng = this.rng.get(seat) ?? seedState(state.seed ^ hashSeat(seat));
      const move = botAct(viewFor(state, { kind: "delegation", delegation, seat }), seat, this.strengthOf(delegation), rng);
      this.rng.set(seat, move.rng);
      if (!move.action) continue;
      this.lastMove.set(seat, now);
      if (this.host.submit(seat, move.action as Record<string, unknown>)) moves++;
    }
    return moves;
  }
}

function hashSeat(seat: string): number {
  let h = 0;
  for (let i = 0; i < seat.length; i++) h = (Math.imul(h, 31) + seat.charCodeAt(i)) | 0;
  return h;
}
