/**
 * A session that has not ended, watched through the server: only public views, computed there, one moment at a
 * time (the actions stay on the server until the reveal). The timeline grows while the summit runs.
 */
import type { Marker } from "../../../shared/replayCursor";
import type { LiveReplay, PublicMoment } from "../../../shared/replayProtocol";
import type { Perspective } from "../../../shared/replayView";
import type { PublicScenario } from "../../../shared/state";
import { api } from "../net/Connection";
import type { Moment, ReplaySource } from "./ReplayFeed";

export class LiveSource implements ReplaySource {
  readonly kind = "live";
  readonly ended = false;
  length: number;
  markers: Marker[];
  private scenario: PublicScenario;
  private cache = new Map<number, PublicMoment>();

  constructor(readonly table: string, live: LiveReplay) {
    this.length = live.length;
    this.markers = live.markers;
    this.scenario = live.scenario;
  }

  get delegations(): string[] { return this.scenario.delegations.map((d) => d.id); }
  /** Times are known only for moments already fetched; the timeline runs on moments, not minutes. */
  timeAt(seq: number): number { return this.cache.get(seq)?.at ?? 0; }
  perspectives(): Perspective[] { return [{ kind: "public" }]; }

  /** Fetches the latest public timeline; true when it grew. */
  async refresh(): Promise<boolean> {
    const live = await api.replay(this.table);
    if (!("format" in live) || live.format !== "csto-summit-live") return false;
    const grew = live.length !== this.length;
    this.length = live.length;
    this.markers = live.markers;
    return grew;
  }

  async moment(seq: number): Promise<Moment> {
    let m = this.cache.get(seq);
    if (!m) {
      m = await api.replayMoment(this.table, seq);
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(seq, m);
    }
    return { seq: m.seq, at: m.at, scenario: this.scenario, view: m.view, events: m.events, state: null };
  }
}
