/** Animations that follow engine events: a token flips, a card slides in, a ballot is stamped, a notice flashes. */
import Phaser from "phaser";
import type { TableGeometry } from "./tableGeometry";
import { INK, PALETTE, addText, px } from "./tableStyle";
import { t } from "../i18n";

type Container = Phaser.GameObjects.Container;

/** A vote token turns over (shrinks to an edge and opens on its new face), with a ripple on the baize. */
export function flipToken(scene: Phaser.Scene, fx: Container, token: Container, geo: TableGeometry): void {
  token.scaleX = 0;
  scene.tweens.add({ targets: token, scaleX: 1, duration: 320, ease: "Back.easeOut" });
  const ring = scene.add.graphics().lineStyle(2, PALETTE.gold, 1).strokeCircle(0, 0, geo.token);
  ring.setPosition(token.x, token.y);
  fx.add(ring);
  scene.tweens.add({ targets: ring, scale: 2.2, alpha: 0, duration: 650, ease: "Cubic.easeOut", onComplete: () => ring.destroy() });
}

/** A paper card slides from a seat to the middle of the table, then the centre card fades in. */
export function slideCard(
  scene: Phaser.Scene, fx: Container, from: { x: number; y: number }, geo: TableGeometry, centre: Container,
): void {
  const w = geo.card.w * 0.5, h = geo.card.h * 0.5;
  const card = scene.add.container(from.x, from.y);
  const g = scene.add.graphics();
  g.fillStyle(0x000000, 0.3).fillRoundedRect(-w / 2 + 3, -h / 2 + 4, w, h, 5);
  g.fillStyle(PALETTE.paper, 1).fillRoundedRect(-w / 2, -h / 2, w, h, 5);
  g.lineStyle(Math.max(1, h / 30), PALETTE.inkSoft, 0.5);
  for (let i = 0; i < 4; i++) g.beginPath().moveTo(-w * 0.35, -h * 0.25 + i * h * 0.16).lineTo(w * (i === 3 ? 0.1 : 0.35), -h * 0.25 + i * h * 0.16).strokePath();
  card.add(g);
  card.setScale(0.5).setAngle(-18);
  fx.add(card);
  centre.setAlpha(0);
  scene.tweens.add({
    targets: card, x: geo.cx, y: geo.cy, scale: 1.5, angle: 0, duration: 750, ease: "Cubic.easeInOut",
    onComplete: () => {
      scene.tweens.add({ targets: card, alpha: 0, duration: 250, onComplete: () => card.destroy() });
      scene.tweens.add({ targets: centre, alpha: 1, duration: 300 });
    },
  });
}

/** PASSED or FAILED stamped across the middle of the table for a few seconds. */
export function stampResult(scene: Phaser.Scene, fx: Container, geo: TableGeometry, passed: boolean, caption: string): void {
  const size = px(geo.r * 0.2, 20, 96);
  const color = passed ? PALETTE.yes : PALETTE.no;
  const c = scene.add.container(geo.cx, geo.cy);
  const word = addText(scene, 0, 0, passed ? t("scenes:stamp.passed") : t("scenes:stamp.failed"), { size, bold: true, serif: true, color: passed ? "#e8fff0" : "#fff0ec", letterSpacing: 3 });
  const sub = addText(scene, 0, size * 0.95, caption, { size: size * 0.3, italic: true, color: INK.light, wrap: geo.r * 1.5, maxLines: 2 });
  const w = word.width + size * 1.8, h = size * 1.5;
  const g = scene.add.graphics();
  g.fillStyle(0x000000, 0.45).fillRoundedRect(-w / 2 + 4, -h / 2 + 6, w, h, 10);
  g.fillStyle(color, 0.95).fillRoundedRect(-w / 2, -h / 2, w, h, 10);
  g.lineStyle(3, 0xffffff, 0.9).strokeRoundedRect(-w / 2 + 5, -h / 2 + 5, w - 10, h - 10, 7);
  // A check or a cross beside the word: the result is not told by colour alone.
  const m = -w / 2 + size * 0.55, k = size * 0.22;
  g.lineStyle(Math.max(3, size / 9), 0xffffff, 1).beginPath();
  if (passed) g.moveTo(m - k, 0).lineTo(m - k * 0.2, k * 0.8).lineTo(m + k, -k * 0.9);
  else g.moveTo(m - k, -k).lineTo(m + k, k).moveTo(m + k, -k).lineTo(m - k, k);
  g.strokePath();
  word.setX(size * 0.3);
  const subBg = scene.add.graphics().fillStyle(PALETTE.room, 0.8).fillRoundedRect(-sub.width / 2 - 8, sub.y - sub.height / 2 - 3, sub.width + 16, sub.height + 6, 6);
  c.add([g, word, subBg, sub]);
  c.setAngle(-6).setScale(2).setAlpha(0);
  fx.add(c);
  scene.tweens.add({ targets: c, scale: 1, alpha: 1, duration: 380, ease: "Back.easeOut" });
  scene.tweens.add({ targets: c, alpha: 0, delay: 3200, duration: 600, onComplete: () => c.destroy() });
}

/** A notice banner that flashes at the top of an area, then fades. */
export function flashNotice(scene: Phaser.Scene, fx: Container, x: number, y: number, w: number, title: string, text: string, size: number): void {
  const c = scene.add.container(x + w / 2, y);
  const head = addText(scene, 0, 0, title, { size, bold: true, serif: true, color: INK.dark, wrap: w - size * 3, maxLines: 2 });
  const body = addText(scene, 0, 0, text, { size: size * 0.8, color: INK.dark, wrap: w - size * 3, maxLines: 3 });
  const h = head.height + (text ? body.height + 6 : 0) + size * 1.2;
  head.setY(-h / 2 + size * 0.6 + head.height / 2);
  body.setY(head.y + head.height / 2 + 6 + body.height / 2).setVisible(!!text);
  const g = scene.add.graphics();
  g.fillStyle(0x000000, 0.4).fillRoundedRect(-w / 2 + 3, -h / 2 + 5, w, h, 8);
  g.fillStyle(PALETTE.floorGlow, 1).fillRoundedRect(-w / 2, -h / 2, w, h, 8);
  g.lineStyle(2, 0x5a4420, 1).strokeRoundedRect(-w / 2 + 3, -h / 2 + 3, w - 6, h - 6, 6);
  c.add([g, head, body]);
  c.setY(y + h / 2).setAlpha(0);
  fx.add(c);
  scene.tweens.add({ targets: c, alpha: 1, duration: 140, yoyo: true, repeat: 2, hold: 120 });
  scene.tweens.add({ targets: c, alpha: 1, delay: 900, duration: 100 });
  scene.tweens.add({ targets: c, alpha: 0, delay: 6500, duration: 700, onComplete: () => c.destroy() });
}
