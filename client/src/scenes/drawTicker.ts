/** The news ticker along the bottom of the projector: crisis events and the chair's notices, newest first. */
import Phaser from "phaser";
import type { Notice } from "../../../shared/state";
import type { Rect } from "./tableGeometry";
import { INK, PALETTE, addText } from "./tableStyle";
import { t } from "../i18n";

export interface Ticker { text: Phaser.GameObjects.Text; from: number; to: number }

/** The ticker's running text. */
export function tickerText(notices: Notice[]): string {
  if (notices.length === 0) return t("scenes:ticker.empty");
  return [...notices].reverse().map((n) => (n.text ? `${n.title}: ${n.text}` : n.title)).join("     ◆     ");
}

/** Draws the band and its label; the text starts at `x` (or just after the label when x is null). */
export function drawTicker(scene: Phaser.Scene, into: Phaser.GameObjects.Container, r: Rect, notices: Notice[], x: number | null): Ticker {
  const size = Math.round(r.h * 0.42);
  const g = scene.add.graphics();
  g.fillStyle(PALETTE.panel, 1).fillRect(r.x, r.y, r.w, r.h);
  g.lineStyle(2, PALETTE.gold, 0.6).beginPath().moveTo(r.x, r.y + 1).lineTo(r.x + r.w, r.y + 1).strokePath();
  into.add(g);
  const label = addText(scene, r.x + size * 0.8, r.y + r.h / 2, t("scenes:ticker.label"), { size: size * 0.9, bold: true, color: INK.dark, align: "left", letterSpacing: 2 });
  const lw = label.width + size * 1.6;
  const text = addText(scene, 0, r.y + r.h / 2, tickerText(notices), { size, serif: true, align: "left" });
  const from = r.x + lw + size;
  text.setX(x ?? from);
  // The label box is drawn over the running text, so the text appears to slide out from under it.
  const box = scene.add.graphics();
  box.fillStyle(PALETTE.panel, 1).fillRect(r.x, r.y + 2, lw + size * 0.5, r.h - 2);
  box.fillStyle(PALETTE.gold, 1).fillRect(r.x, r.y + 2, lw, r.h - 2);
  into.add([text, box, label]);
  return { text, from, to: r.x + r.w };
}

/** Moves the ticker on by `dt` milliseconds; wraps round when the text has run off. */
export function stepTicker(t: Ticker, dt: number, speed: number): void {
  t.text.x -= (speed * dt) / 1000;
  if (t.text.x + t.text.width < t.from) t.text.x = t.to;
}
