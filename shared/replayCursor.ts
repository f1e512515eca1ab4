/**
 * A replay you can seek: the log is folded once, keeping the state every `every` actions (states are immutable,
 * so a checkpoint is only a reference); any moment is then at most `every - 1` actions away from one.
 */
import type { Action } from "./actions";
import { apply } from "./apply";
import { createSummit } from "./createSummit";
import type { SessionHeader } from "./replay";
import type { Scenario } from "./scenario";
import type { GameEvent, State } from "./state";

/** A moment worth marking on a timeline. Only public events make markers, so every perspective may see them. */
export interface Marker {
  seq: number;
  at: number;
  kind: "start" | "phase" | "ballot" | "decision" | "event" | "notice" | "pause" | "end";
  label: string;
  /** For ballots: how it ended; for decisions: the outcome key. */
  result?: string;
  /** The public event the marker stands for, so that a client can word it in its reader's language. */
  event?: GameEvent;
}

export type CursorOpened = { ok: true; cursor: ReplayCursor } | { ok: false; error: string; seq: number };

export const CHECKPOINT_EVERY = 50;

/** Opens a replay of a log; refuses (with the action) if any action does not apply. */
export function openCursor(scenario: Scenario, header: SessionHeader, actions: readonly Action[], every = CHECKPOINT_EVERY): CursorOpened {
  const cursor = new ReplayCursor(scenario, header, every);
  const r = cursor.extend(actions);
  return r.ok ? { ok: true, cursor } : r;
}

export class ReplayCursor {
  private readonly actions: Action[] = [];
  private readonly checkpoints: State[] = [];
  /** Time of each moment: ats[0] is the first action's, ats[seq] the time after action `seq`. */
  readonly ats: number[] = [];
  readonly markers: Marker[] = [];
  private last: { seq: number; state: State };
  private tail: State;

  constructor(readonly scenario: Scenario, readonly header: SessionHeader, readonly every = CHECKPOINT_EVERY) {
    const first = createSummit(scenario, header);
    this.checkpoints.push(first);
    this.tail = first;
    this.last = { seq: 0, state: first };
    this.ats.push(0);
  }

  /** Number of actions: moments run from 0 (before the first) to `length`. */
  get length(): number { return this.actions.length; }
  /** The state after the last action. */
  get final(): State { return this.tail; }

  /** Appends actions (a live table's log grows); stops at the first that does not apply. */
  extend(more: readonly Action[]): { ok: true } | { ok: false; error: string; seq: number } {
    for (const a of more) {
      const seq = this.actions.length + 1;
      const r = apply(this.tail, a);
      if (!r.ok) return { ok: false, seq, error: `action ${seq} (${a.type}) was refused: ${r.error}` };
      this.actions.push(r.action);
      this.tail = r.state;
      if (seq === 1) this.ats[0] = r.state.now;
      this.ats.push(r.state.now);
      if (seq % this.every === 0) this.checkpoints.push(r.state);
      this.mark(seq, r.state, r.events);
    }
    return { ok: true };
  }

  /** The state after `seq` actions (clamped to the log). */
  stateAt(seq: number): State {
    const target = Math.max(0, Math.min(this.length, Math.floor(seq)));
    if (target === this.length) return this.remember(target, this.tail);
    const from = this.last.seq <= target && target - this.last.seq < this.every
      ? this.last
      : { seq: Math.floor(target / this.every) * this.every, state: this.checkpoints[Math.floor(target / this.every)]! };
    let state = from.state;
    for (let i = from.seq; i < target; i++) state = this.applyKnown(state, i);
    return this.remember(target, state);
  }

  /** The state after action `seq` and the events that action produced (none for moment 0). */
  stepTo(seq: number): { state: State; events: GameEvent[] } {
    const target = Math.max(0, Math.min(this.length, Math.floor(seq)));
    if (target === 0) return { state: this.stateAt(0), events: [] };
    const before = this.stateAt(target - 1);
    const r = apply(before, this.actions[target - 1]);
    if (!r.ok) throw new Error(`action ${target} no longer applies`);
    return { state: this.remember(target, r.state), events: r.events };
  }

  /** The action at `seq` (1-based). */
  action(seq: number): Action | undefined { return this.actions[seq - 1]; }

  private applyKnown(state: State, index: number): State {
    const r = apply(state, this.actions[index]);
    // These actions applied when the cursor was built; the engine is pure, so this cannot fail.
    if (!r.ok) throw new Error(`action ${index + 1} no longer applies`);
    return r.state;
  }

  private remember(seq: number, state: State): State {
    this.last = { seq, state };
    return state;
  }

  private mark(seq: number, s: State, events: GameEvent[]): void {
    const item = (id: string) => s.scenario.items.find((i) => i.id === id)?.title ?? String(id);
    for (const e of events) {
      if (e.to) continue;
      const at = s.now;
      switch (e.type) {
        case "summit.started": this.markers.push({ seq, at, event: e, kind: "start", label: "Summit opens" }); break;
        case "phase.changed": this.markers.push({ seq, at, event: e, kind: "phase", label: `Round ${e.round}: ${e.phase}` }); break;
        case "ballot.opened": this.markers.push({ seq, at, event: e, kind: "ballot", label: `Ballot on ${item(e.item)}: ${optionTitle(s, e.item, e.option)}` }); break;
        case "ballot.closed": this.markers.push({ seq, at, event: e, kind: "ballot", label: `Ballot on ${item(e.item)} ${e.result}`, result: e.result }); break;
        case "item.decided": this.markers.push({ seq, at, event: e, kind: "decision", label: `${item(e.item)}: ${e.outcome}`, result: e.outcome }); break;
        case "notice": this.markers.push({ seq, at, event: e, kind: e.notice.kind === "event" ? "event" : "notice", label: e.notice.title }); break;
        case "summit.paused": this.markers.push({ seq, at, event: e, kind: "pause", label: "Paused" }); break;
        case "summit.ended": this.markers.push({ seq, at, event: e, kind: "end", label: "Summit ends" }); break;
      }
    }
  }
}

function optionTitle(s: State, item: string, option: string): string {
  if (option === "postpone") return "postpone";
  return s.scenario.items.find((i) => i.id === item)?.options.find((o) => o.id === option)?.title ?? option;
}
