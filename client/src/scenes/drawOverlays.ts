/** What sits over the table and must not be missed: the prompt to vote at the player's own seat, and the pause banner. */
import Phaser from "phaser";
import type { Rect, TableGeometry } from "./tableGeometry";
import { INK, PALETTE, addText, px } from "./tableStyle";
import { t } from "../i18n";

type Container = Phaser.GameObjects.Container;

/**
 * A gold callout just inside the player's own plate, towards the table: "YOUR VOTE — vote in the panel". Static (no
 * tween), so it shows on any renderer however slow its frames, and goes only when the model says the vote is cast.
 */
export function drawVotePrompt(scene: Phaser.Scene, into: Container, plate: { x: number; y: number }, ux: number, uy: number, geo: TableGeometry): Container {
  const size = px(geo.font.name * 1.05, 12, 30);
  const head = addText(scene, 0, 0, t("scenes:votePrompt"), { size, bold: true, color: INK.dark, letterSpacing: 1 });
  const note = addText(scene, 0, 0, t("scenes:votePromptNote"), { size: size * 0.72, color: INK.dark });
  const w = Math.max(head.width, note.width) + size * 1.6, h = head.height + note.height + size * 0.6;
  head.setY(-h / 2 + size * 0.3 + head.height / 2);
  note.setY(head.y + head.height / 2 + note.height / 2);
  const g = scene.add.graphics();
  g.fillStyle(0x000000, 0.45).fillRoundedRect(-w / 2 + 3, -h / 2 + 5, w, h, 10);
  g.fillStyle(PALETTE.floorGlow, 1).fillRoundedRect(-w / 2, -h / 2, w, h, 10);
  g.lineStyle(3, 0x5a4420, 1).strokeRoundedRect(-w / 2 + 2, -h / 2 + 2, w - 4, h - 4, 8);
  // Beside the plate on the table's side (u points from the plate to the centre), with a pointer back at the plate.
  const k = size * 0.5;
  const vertical = Math.abs(uy) >= Math.abs(ux);
  const sx = vertical ? 0 : Math.sign(ux), sy = vertical ? Math.sign(uy) || -1 : 0;
  const dx = sx * (geo.plateW / 2 + w / 2 + k + 4), dy = sy * (geo.plateH / 2 + h / 2 + k + 4);
  if (vertical) g.fillTriangle(-k, -sy * (h / 2 - 1), k, -sy * (h / 2 - 1), 0, -sy * (h / 2 + k));
  else g.fillTriangle(-sx * (w / 2 - 1), -k, -sx * (w / 2 - 1), k, -sx * (w / 2 + k), 0);
  const c = scene.add.container(plate.x + dx, plate.y + dy);
  c.add([g, head, note]);
  into.add(c);
  return c;
}

/** A band across the area with PAUSED and a line saying who paused; the table behind it is dimmed. */
export function drawPauseBanner(scene: Phaser.Scene, into: Container, area: Rect, size: number): Container {
  const c = scene.add.container(0, 0);
  const dim = scene.add.graphics().fillStyle(0x000000, 0.35).fillRect(area.x, area.y, area.w, area.h);
  const word = addText(scene, area.x + area.w / 2, 0, t("scenes:paused"), { size, bold: true, serif: true, color: "#fff6e0", letterSpacing: 4 });
  const note = addText(scene, area.x + area.w / 2, 0, t("scenes:pausedNote"), { size: Math.max(14, size * 0.4), color: "#fff6e0", wrap: area.w * 0.85, maxLines: 2 });
  const h = word.height + note.height + size * 0.5;
  const y = area.y + Math.min(area.h * 0.18, area.h / 2 - h / 2) + h / 2;
  word.setY(y - h / 2 + size * 0.25 + word.height / 2);
  note.setY(word.y + word.height / 2 + note.height / 2);
  const band = scene.add.graphics();
  band.fillStyle(0x000000, 0.5).fillRect(area.x, y - h / 2 + 6, area.w, h);
  band.fillStyle(PALETTE.no, 0.95).fillRect(area.x, y - h / 2, area.w, h);
  band.lineStyle(3, PALETTE.gold, 1).beginPath().moveTo(area.x, y - h / 2 + 2).lineTo(area.x + area.w, y - h / 2 + 2)
    .moveTo(area.x, y + h / 2 - 2).lineTo(area.x + area.w, y + h / 2 - 2).strokePath();
  // Two bars, the pause sign, beside the word: not colour alone.
  const bx = word.x - word.width / 2 - size * 0.9, bh = size * 0.8, bw = size * 0.22;
  band.fillStyle(0xfff6e0, 1).fillRect(bx, word.y - bh / 2, bw, bh).fillRect(bx + bw * 1.8, word.y - bh / 2, bw, bh);
  c.add([dim, band, word, note]);
  into.add(c);
  return c;
}
