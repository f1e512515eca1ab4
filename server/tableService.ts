/**
 * What a table does by itself, beside the people at it: bots take the empty seats when the host starts a summit that
 * wants them and give a delegation back to a person who takes it, bots stand in for signatories whose grace ran out,
 * and the clock closes ballots and phases. Every move goes through the room's one submit path, like a person's.
 * Timers run only while there is something to do: the bot timer while a bot plays at a running table (or, as one
 * timeout, until an absent signatory's grace runs out), the clock until the next deadline.
 */
import type { Delayed } from "@colyseus/core";
import type { Strength } from "../shared/bots/botAct";
import { nextDeadline } from "../shared/rules/ballots";
import type { State } from "../shared/state";
import { BotDriver } from "./botDriver";

/** What the service needs from its room. */
export interface TableHost {
  state(): State;
  /** The room's one submit path; returns whether the engine accepted the action. */
  submit(by: string, action: Record<string, unknown>): boolean;
  /** True while a person is connected on this seat. */
  connected(seat: string): boolean;
  /** Milliseconds since the seat was last connected. */
  awayFor(seat: string): number;
  /** The room's clock, so that every timer ends with the room. */
  clock: { setTimeout(f: () => void, ms: number): Delayed; setInterval(f: () => void, ms: number): Delayed };
}

export interface TableServiceOptions {
  graceMs: number;
  paceMs: number;
  /** How each delegation's bot plays (see `botStrengths`). */
  strengths: Record<string, Strength>;
  /** Whether the seminar asked for bots in the empty seats. */
  wantsBots: boolean;
}

export class TableService {
  readonly bots: BotDriver;
  private deadline: Delayed | null = null;
  private deadlineFor: number | null = null;
  private botTimer: Delayed | null = null;
  /** "step" while bots play; the moment to look again while the table waits for an absent signatory's grace to run out. */
  private botTimerFor: "step" | number | null = null;

  constructor(private host: TableHost, private o: TableServiceOptions) {
    this.bots = new BotDriver({
      state: () => host.state(),
      connected: (seat) => host.connected(seat),
      awayFor: (seat) => host.awayFor(seat),
      submit: (by, action) => host.submit(by, action),
    }, o.graceMs, o.paceMs, o.strengths);
    this.rearm();
  }

  /** Called before the room applies an action: bots take the empty seats when the host opens a summit that wants them. */
  beforeAction(by: string, action: Record<string, unknown>): void {
    if (by === "host" && action.type === "host.start" && this.o.wantsBots && this.host.state().status === "lobby") this.bots.fillEmptySeats();
  }

  /** Called after an accepted action: a person who takes a delegation held by a bot gets it back; the timers follow the state. */
  afterAction(by: string, action: Record<string, unknown>): void {
    const s = this.host.state();
    const placed = action.type === "seat.pick" ? by : action.type === "seat.assign" ? String(action.seat) : null;
    const delegation = placed && !s.seats[placed]?.bot ? s.seats[placed]?.delegation : null;
    if (delegation) this.bots.yieldTo(delegation);
    this.rearm();
  }

  /** A connection came or went: a signatory may go on autopilot later, or come back from it now. */
  presenceChanged(): void { this.rearm(); }

  /** Seats a bot plays now: bot seats, and signatories on autopilot. */
  driven(): string[] { return this.bots.driven(); }

  /** Which bot timer is armed: the stepping interval, a one-off wake-up, or none. */
  get botTimerKind(): "step" | "wake" | null {
    return this.botTimerFor === null ? null : this.botTimerFor === "step" ? "step" : "wake";
  }

  dispose(): void {
    this.deadline?.clear();
    this.botTimer?.clear();
    this.deadline = this.botTimer = null;
    this.deadlineFor = this.botTimerFor = null;
  }

  private rearm(): void {
    this.armDeadline();
    this.armBots();
  }

  /** One timer for the next deadline (a ballot closing or a phase ending); expiry becomes a stamped clock.tick. */
  private armDeadline(): void {
    const endsAt = nextDeadline(this.host.state());
    if (endsAt === this.deadlineFor) return;
    this.deadline?.clear();
    this.deadline = null;
    this.deadlineFor = endsAt;
    if (endsAt === null) return;
    this.deadline = this.host.clock.setTimeout(() => {
      this.deadline = null;
      this.deadlineFor = null;
      this.host.submit("system", { type: "clock.tick" });
      this.rearm(); // a refused tick (the clock not quite out yet) is simply tried again
    }, Math.max(0, endsAt - Date.now()) + 5);
  }

  private armBots(): void {
    let want: "step" | number | null = null;
    if (this.host.state().status === "running") {
      if (this.bots.driven().length > 0) want = "step";
      else {
        const wait = this.bots.nextAutopilotIn();
        if (wait !== null) want = Date.now() + wait;
      }
    }
    // The same wake-up (give or take the milliseconds between two readings of the clock) is left alone.
    if (want === this.botTimerFor || (typeof want === "number" && typeof this.botTimerFor === "number" && Math.abs(want - this.botTimerFor) < 50)) return;
    this.botTimer?.clear();
    this.botTimer = null;
    this.botTimerFor = want;
    if (want === "step") {
      this.botTimer = this.host.clock.setInterval(() => this.bots.step(), Math.max(50, Math.min(500, this.o.paceMs / 2)));
    } else if (want !== null) {
      this.botTimer = this.host.clock.setTimeout(() => {
        this.botTimer = null;
        this.botTimerFor = null;
        this.rearm();
      }, Math.max(0, want - Date.now()) + 5);
    }
  }
}
