/** Turns the engine events of one update into animations on a freshly drawn table. */
import Phaser from "phaser";
import type { EventType, GameEvent } from "../../../shared/events";
import type { TableModel } from "../model";
import type { DrawnTable } from "./drawTable";
import type { Rect, TableGeometry } from "./tableGeometry";
import { optionTitles } from "./describeTable";
import { flashNotice, flipToken, slideCard, stampResult } from "./tableFx";
import { px } from "./tableStyle";

export interface FxTarget {
  fx: Phaser.GameObjects.Container;
  drawn: DrawnTable;
  geo: TableGeometry;
  /** Where notices flash: their banner spans the top of this area. */
  noticeArea: Rect;
}

/** Plays the animations for `events` (already drawn in their final state). */
export function playTableEvents(scene: Phaser.Scene, m: TableModel, t: FxTarget, events: GameEvent[]): void {
  const seat = (id: string) => t.drawn.seats.find((s) => s.id === id);
  // When a ballot closed in this update the tokens now show the next ballot: no flips then.
  const closed = events.some((e) => e.type === "ballot.closed");
  for (const e of events) {
    switch (e.type) {
      case "vote.cast": {
        const token = closed ? null : seat(e.delegation)?.token;
        if (token) flipToken(scene, t.fx, token, t.geo);
        break;
      }
      case "proposal.tabled": {
        const from = seat(e.proposal.sponsor)?.plate;
        if (from) slideCard(scene, t.fx, from, t.geo, t.drawn.centre);
        break;
      }
      case "ballot.closed": {
        const { itemTitle, optionTitle } = optionTitles(m, e.item, e.option);
        stampResult(scene, t.fx, t.geo, e.result === "passed", `${itemTitle}: ${optionTitle}`);
        break;
      }
      case "notice": {
        const n = e.notice;
        const a = t.noticeArea;
        const w = Math.min(a.w - 24, px(a.w * 0.7, 300, 900));
        flashNotice(scene, t.fx, a.x + (a.w - w) / 2, a.y + 6, w, n.title, n.text, px(t.geo.font.name * 0.9, 12, 30));
        break;
      }
      case "summit.ended": {
        for (const s of t.drawn.seats) {
          if (!s.score) continue;
          s.score.setScale(0);
          scene.tweens.add({ targets: s.score, scale: 1, duration: 500, delay: 200 + 120 * t.drawn.seats.indexOf(s), ease: "Back.easeOut" });
        }
        break;
      }
    }
  }
}

/** How long the animations for `events` run, in ms: a page that sleeps its game loop should stay awake this long. */
export function animationMs(events: GameEvent[]): number {
  const ms: Partial<Record<EventType, number>> = { "vote.cast": 700, "proposal.tabled": 1400, "ballot.closed": 3900, notice: 7300, "summit.ended": 1600 };
  return Math.max(0, ...events.map((e) => ms[e.type] ?? 0));
}

/** Stops every animation in the effects layer and empties it (before a relayout). */
export function clearFx(scene: Phaser.Scene, fx: Phaser.GameObjects.Container): void {
  for (const o of fx.list) scene.tweens.killTweensOf(o);
  fx.removeAll(true);
}
