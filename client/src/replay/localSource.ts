/**
 * A finished session replayed in the browser with the shared engine, from the session file the server sent (it
 * carries its scenario: after the end nothing in it is secret). Checkpoints make any moment quick to reach.
 */
import type { Action } from "../../../shared/actions";
import { hash } from "../../../shared/hash";
import { ENGINE_VERSION } from "../../../shared/replay";
import { openCursor, type ReplayCursor } from "../../../shared/replayCursor";
import { perspectiveEvents, perspectiveView, type Perspective } from "../../../shared/replayView";
import { type SessionFile, sessionHeaderOf } from "../../../shared/sessionFile";
import type { State } from "../../../shared/state";
import { scenarioOfSession } from "../../../shared/verifySession";
import type { Moment, ReplaySource } from "./ReplayFeed";

export class LocalSource implements ReplaySource {
  readonly kind = "local";
  private constructor(readonly file: SessionFile, readonly cursor: ReplayCursor) {}

  /** Replays the whole file once (building checkpoints) and checks it reproduces its recorded hash. */
  static open(file: SessionFile): { ok: true; source: LocalSource } | { ok: false; error: string } {
    if (file.header.engineVersion !== ENGINE_VERSION) {
      return { ok: false, error: `This session was recorded by engine version ${file.header.engineVersion}; this game runs version ${ENGINE_VERSION} and cannot promise the same replay.` };
    }
    const found = scenarioOfSession(file);
    if (!found.ok) return { ok: false, error: `This session cannot be replayed: ${found.error}.` };
    const r = openCursor(found.scenario, sessionHeaderOf(file), file.actions as Action[]);
    if (!r.ok) return { ok: false, error: `This session does not replay with this version of the game: ${r.error}.` };
    const got = hash(r.cursor.final);
    if (got !== file.final.hash) return { ok: false, error: `This session does not replay exactly (final state hash ${got}, recorded ${file.final.hash}), so it is not shown.` };
    return { ok: true, source: new LocalSource(file, r.cursor) };
  }

  get length(): number { return this.cursor.length; }
  get markers() { return this.cursor.markers; }
  get ended(): boolean { return this.cursor.final.status === "ended"; }
  get final(): State { return this.cursor.final; }
  get delegations(): string[] { return this.cursor.scenario.delegations.map((d) => d.id); }
  timeAt(seq: number): number { return this.cursor.ats[Math.max(0, Math.min(this.length, seq))] ?? 0; }

  perspectives(): Perspective[] {
    return [{ kind: "public" }, { kind: "host" }, ...this.delegations.map((d): Perspective => ({ kind: "delegation", delegation: d })), ...(this.ended ? [{ kind: "revealed" } as const] : [])];
  }

  moment(seq: number, p: Perspective, withEvents: boolean): Moment {
    const { state, events } = withEvents ? this.cursor.stepTo(seq) : { state: this.cursor.stateAt(seq), events: [] };
    const { scenario, ...view } = perspectiveView(state, p);
    return { seq: state.seq, at: state.now, scenario, view, events: perspectiveEvents(state, p, events), state };
  }
}
