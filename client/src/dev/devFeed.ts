/** A TableFeed over a local engine state, for the dev page: it can play the rest of the fixture's script. */
import type { GameEvent, State } from "../../../shared/state";
import { canSee } from "../../../shared/viewFor";
import type { Mode, TableFeed, TableModel } from "../model";
import { SCRIPT, modelOf, play, viewerFor } from "./fixture";

export class DevFeed implements TableFeed {
  private model: TableModel;
  private listeners = new Set<(m: TableModel, events: GameEvent[]) => void>();

  constructor(private state: State, private mode: Mode, private next: number) {
    this.model = modelOf(state, mode);
  }

  current(): TableModel {
    return this.model;
  }

  subscribe(fn: (m: TableModel, events: GameEvent[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Plays the next scripted step now; false when the script is over. */
  step(): boolean {
    const step = SCRIPT[this.next];
    if (!step) return false;
    this.next++;
    const r = play(this.state, step, Math.max(Date.now(), this.state.now));
    this.state = r.state;
    const { viewer } = viewerFor(this.mode);
    const events = r.events.filter((e) => canSee(r.state, viewer, e));
    this.model = modelOf(r.state, this.mode, events);
    for (const fn of this.listeners) fn(this.model, events);
    return true;
  }
}
