/**
 * A TableFeed that plays a recorded session: the table scene draws whatever moment it is at. It seeks, steps,
 * plays at 1×–32× on the session's own clock (quiet stretches shortened to two seconds), and switches perspective.
 */
import type { You } from "../../../shared/protocol";
import type { Marker } from "../../../shared/replayCursor";
import { type Perspective, perspectiveKey } from "../../../shared/replayView";
import type { GameEvent, PublicScenario, State } from "../../../shared/state";
import type { View } from "../../../shared/viewFor";
import type { TableFeed, TableModel } from "../model";
import { LiveModel } from "../../../shared/liveSync";

/** One moment as a perspective held it. `state` (the full state) only for a local, finished session. */
export interface Moment { seq: number; at: number; scenario: PublicScenario; view: Omit<View, "scenario">; events: GameEvent[]; state: State | null }

export interface ReplaySource {
  readonly kind: "local" | "live";
  readonly length: number;
  readonly markers: Marker[];
  /** Whether the session has ended (only then may everything be revealed). */
  readonly ended: boolean;
  readonly delegations: string[];
  timeAt(seq: number): number;
  perspectives(): Perspective[];
  moment(seq: number, p: Perspective, withEvents: boolean): Moment | Promise<Moment>;
}

export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;
/** Longest real-time wait between two actions while playing: a quiet stretch is skipped past. */
const MAX_WAIT_MS = 2000;

export interface ReplayControls { seq: number; length: number; playing: boolean; speed: number; perspective: Perspective; moment: Moment | null }

export class ReplayFeed implements TableFeed {
  seq = 0;
  speed = 1;
  playing = false;
  perspective: Perspective = { kind: "public" };
  moment: Moment | null = null;
  /** Milliseconds the last seek took to produce its model (engine and views; drawing comes after). */
  lastSeekMs = 0;
  private model: TableModel | null = null;
  private live = new LiveModel();
  private listeners = new Set<(m: TableModel, e: GameEvent[]) => void>();
  private controlListeners = new Set<(c: ReplayControls) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private virtualNow = 0;
  private lastTick = 0;
  private pending = 0;

  constructor(readonly table: string, readonly seminar: string, readonly source: ReplaySource) {}

  current(): TableModel | null { return this.model; }

  subscribe(fn: (m: TableModel, e: GameEvent[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Listens to the controls' state: moment, playing, speed, perspective. */
  onControls(fn: (c: ReplayControls) => void): () => void {
    this.controlListeners.add(fn);
    return () => this.controlListeners.delete(fn);
  }

  /** Goes to moment `seq` (clamped); `animate` passes the action's events to the scene. */
  async seek(seq: number, animate = false): Promise<void> {
    const target = Math.max(0, Math.min(this.source.length, Math.round(seq)));
    const ticket = ++this.pending;
    const t0 = performance.now();
    const m = await this.source.moment(target, this.perspective, animate && target > 0);
    if (ticket !== this.pending) return; // a later seek overtook this one
    this.lastSeekMs = performance.now() - t0;
    this.seq = target;
    this.moment = m;
    if (!this.playing) this.virtualNow = m.at;
    this.model = this.modelOf(m);
    for (const fn of this.listeners) fn(this.model, m.events);
    this.notify();
  }

  step(delta: number): Promise<void> {
    this.pause();
    return this.seek(this.seq + delta, delta === 1);
  }

  setPerspective(p: Perspective): Promise<void> {
    const allowed = this.source.perspectives().some((x) => perspectiveKey(x) === perspectiveKey(p));
    this.perspective = allowed ? p : { kind: "public" };
    return this.seek(this.seq);
  }

  setSpeed(speed: number): void {
    this.speed = SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? speed : 1;
    this.notify();
  }

  play(): void {
    if (this.playing) return;
    if (this.seq >= this.source.length) void this.seek(0);
    this.playing = true;
    this.virtualNow = this.source.timeAt(this.seq);
    this.lastTick = performance.now();
    this.timer = setInterval(() => void this.tick(), 50);
    this.notify();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.virtualNow = this.moment?.at ?? this.virtualNow;
    this.notify();
  }

  toggle(): void { if (this.playing) this.pause(); else this.play(); }

  dispose(): void { this.pause(); this.listeners.clear(); this.controlListeners.clear(); }

  /** Advances the session clock by the elapsed time × speed and applies the actions it passes. */
  private async tick(): Promise<void> {
    const now = performance.now();
    const dt = (now - this.lastTick) * this.speed;
    this.lastTick = now;
    if (this.seq >= this.source.length) return this.pause();
    if (this.source.kind === "live") {
      // A live session's times come with each moment: play one action per second of replay time.
      this.virtualNow += dt;
      if (this.virtualNow - (this.moment?.at ?? 0) >= 1000 || !this.moment?.at) await this.seek(this.seq + 1, this.speed <= 8);
      return;
    }
    const nextAt = this.source.timeAt(this.seq + 1);
    this.virtualNow = Math.max(this.virtualNow + dt, nextAt - MAX_WAIT_MS * this.speed);
    let to = this.seq;
    while (to < this.source.length && this.source.timeAt(to + 1) <= this.virtualNow) to++;
    if (to > this.seq) await this.seek(to, to === this.seq + 1 && this.speed <= 8);
  }

  private notify(): void {
    const c: ReplayControls = { seq: this.seq, length: this.source.length, playing: this.playing, speed: this.speed, perspective: this.perspective, moment: this.moment };
    for (const fn of this.controlListeners) fn(c);
  }

  private modelOf(m: Moment): TableModel {
    const p = this.perspective;
    const own = p.kind === "delegation" ? p.delegation : null;
    const you: You = {
      seat: own ? m.view.delegations[own]?.signatory ?? null : null, delegation: own, signatory: false,
      host: p.kind === "host", spectator: p.kind === "public" || p.kind === "revealed",
    };
    const presence = Object.fromEntries(Object.entries(m.view.seats).map(([id, s]) => [id, s.bot ? "bot" as const : "here" as const]));
    const briefing = own ? m.scenario.delegations.find((d) => d.id === own)?.briefing || null : null;
    const feed = this;
    // Each moment is a whole view: the replay keeps the same client model as the live table, fed by whole views only.
    const update = this.live.applyView({ rev: m.seq, olderMessages: false, seq: m.seq, view: m.view, events: m.events, briefing, presence, you, legal: [], serverNow: m.at });
    return {
      mode: "replay",
      welcome: { table: this.table, seminar: this.seminar, code: null, you, scenario: m.scenario },
      update,
      // The phase clock shows the session's time at this moment (running on while playing), not today's.
      get clockSkew() { return (feed.playing ? feed.virtualNow : m.at) - Date.now(); },
    };
  }
}
