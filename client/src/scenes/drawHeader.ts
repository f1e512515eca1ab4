/** The band at the top of the canvas: the phase, the round and the countdown. */
import Phaser from "phaser";
import type { TableInfo } from "./describeTable";
import type { Rect } from "./tableGeometry";
import { type TableModel, mmss, secondsLeft } from "../model";
import { INK, PALETTE, addText, px } from "./tableStyle";
import { t } from "../i18n";

export interface Header { clock: Phaser.GameObjects.Text; note: Phaser.GameObjects.Text }

/** The clock's text: "12:05", or a dash when the chair paces the phase by hand or the summit is not running. */
export function clockLabel(m: TableModel, now = Date.now()): { text: string; note: string; urgent: boolean } {
  const status = m.update.view.status;
  if (status === "ended") return { text: "", note: "", urgent: false };
  if (status === "lobby") return { text: "—", note: t("scenes:clock.notStarted"), urgent: false };
  const secs = secondsLeft(m, now);
  if (secs === null) return { text: "—", note: t("scenes:clock.byChair"), urgent: false };
  return { text: mmss(secs), note: status === "paused" ? t("scenes:clock.paused") : t("scenes:clock.left"), urgent: status === "running" && secs <= 60 };
}

/** Updates the clock in place (called every second). */
export function updateClock(h: Header, m: TableModel): void {
  const c = clockLabel(m);
  if (h.clock.text !== c.text) h.clock.setText(c.text);
  if (h.note.text !== c.note) h.note.setText(c.note);
  h.clock.setColor(c.urgent ? "#f0b35a" : INK.light);
}

/** Draws the header into `into`; `big` is the projector's version with a large clock and the summit's title. */
export function drawHeader(
  scene: Phaser.Scene, into: Phaser.GameObjects.Container, r: Rect, info: TableInfo, m: TableModel, big: boolean,
): Header {
  const title = big ? m.welcome.scenario.title : "";
  const g = scene.add.graphics();
  g.fillStyle(PALETTE.panel, 0.92).fillRect(r.x, r.y, r.w, r.h);
  g.lineStyle(2, PALETTE.gold, 0.6).beginPath().moveTo(r.x, r.y + r.h - 1).lineTo(r.x + r.w, r.y + r.h - 1).strokePath();
  into.add(g);
  const pad = px(r.w * 0.02, 10, 40);
  const phaseSize = big ? px(r.h * 0.36, 16, 48) : px(r.h * 0.4, 14, 30);
  const smallSize = big ? px(r.h * 0.25, 11, 32) : px(r.h * 0.26, 10, 18);
  const clockSize = big ? px(r.h * 0.62, 20, 84) : px(r.h * 0.52, 16, 36);
  const twoLines = !!info.round;
  const phaseY = twoLines ? r.y + r.h * 0.36 : r.y + r.h / 2;
  const clockW = clockSize * 3.2;
  into.add(addText(scene, r.x + pad, phaseY, info.phase, {
    size: phaseSize, serif: true, bold: true, align: "left", fit: title && r.w >= 1100 ? r.w * 0.28 : r.w - clockW - pad * 3,
  }));
  if (twoLines) {
    into.add(addText(scene, r.x + pad, r.y + r.h * 0.74, info.round, { size: smallSize, color: INK.muted, align: "left" }));
  }
  if (title && r.w >= 1100) {
    into.add(addText(scene, r.x + r.w / 2, r.y + r.h / 2, title, { size: smallSize * 1.2, serif: true, italic: true, color: INK.gold, fit: r.w * 0.4 }));
  }
  const c = clockLabel(m);
  const clockX = r.x + r.w - pad;
  const clock = addText(scene, clockX, r.y + r.h * 0.42, c.text, { size: clockSize, bold: true, align: "right" });
  const note = addText(scene, clockX, r.y + r.h * 0.84, c.note, { size: smallSize * (big ? 0.9 : 0.85), color: INK.muted, align: "right" });
  // A small clock face beside the digits.
  const face = scene.add.graphics();
  const fr = clockSize * 0.32, fx = clockX - Math.max(clock.width, clockSize * 2.3) - fr * 1.8, fy = r.y + r.h * 0.42;
  if (m.update.view.status !== "ended") {
    face.lineStyle(Math.max(1.5, fr / 5), PALETTE.gold, 1).strokeCircle(fx, fy, fr);
    face.beginPath().moveTo(fx, fy - fr * 0.6).lineTo(fx, fy).lineTo(fx + fr * 0.45, fy + fr * 0.15).strokePath();
  }
  into.add([face, clock, note]);
  const h = { clock, note };
  updateClock(h, m);
  return h;
}
