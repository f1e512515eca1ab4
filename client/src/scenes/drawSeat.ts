/** One delegation's place at the table: nameplate, presence, team, floor, and its token or score. */
import Phaser from "phaser";
import type { SeatInfo } from "./describeTable";
import { type SeatSpot, type TableGeometry, tokenLabel } from "./tableGeometry";
import { addFlag } from "./flags";
import { presenceLabel, tokenLabel as tokenWord, crownIcon, micIcon, personIcon, presenceIcon, tokenShape } from "./drawIcons";
import { INK, PALETTE, addText } from "./tableStyle";
import { t } from "../i18n";

type Container = Phaser.GameObjects.Container;

/** A small rounded label ("YOU", "SPEAKING") on the plate's top edge; returns its width. */
function chip(scene: Phaser.Scene, into: Container, x: number, y: number, text: string, size: number, fill: number, mic: boolean): number {
  const label = addText(scene, 0, y, text, { size, bold: true, color: INK.dark, align: "left", letterSpacing: 0.5 });
  const icon = mic ? size * 1.1 : 0;
  const w = label.width + size * 1.1 + icon;
  const g = scene.add.graphics();
  g.fillStyle(fill, 1).fillRoundedRect(x, y - size * 0.8, w, size * 1.6, size * 0.8);
  g.lineStyle(1, 0x5a4420, 0.6).strokeRoundedRect(x, y - size * 0.8, w, size * 1.6, size * 0.8);
  if (mic) micIcon(g, x + size * 0.55 + icon / 2, y + size * 0.05, size * 1.1, PALETTE.ink);
  label.setX(x + size * 0.55 + icon);
  into.add([g, label]);
  return w;
}

/** The nameplate, centred on the seat spot; the container's size is the plate (for hit testing). */
export function drawPlate(scene: Phaser.Scene, seat: SeatInfo, colors: string[], spot: SeatSpot, geo: TableGeometry): Container {
  const { plateW: w, plateH: h, font } = geo;
  const c = scene.add.container(spot.x, spot.y);
  const g = scene.add.graphics();
  if (seat.floor) {
    for (let i = 5; i >= 1; i--) g.fillStyle(PALETTE.floorGlow, 0.06 + 0.02 * (5 - i)).fillRoundedRect(-w / 2 - i * 4, -h / 2 - i * 4, w + i * 8, h + i * 8, 10 + i * 4);
  }
  g.fillStyle(PALETTE.plateShadow, 0.45).fillRoundedRect(-w / 2 + 3, -h / 2 + 5, w, h, 8);
  g.fillStyle(seat.own ? PALETTE.plateOwn : PALETTE.plate, 1).fillRoundedRect(-w / 2, -h / 2, w, h, 8);
  g.fillStyle(0x000000, 0.06).fillRect(-w / 2 + 8, h / 2 - 3, w - 16, 2);
  const edge = seat.floor ? PALETTE.floorGlow : seat.own ? PALETTE.gold : PALETTE.plateEdge;
  g.lineStyle(seat.own || seat.floor ? 3 : 1.5, edge, 1).strokeRoundedRect(-w / 2, -h / 2, w, h, 8);
  c.add(g);

  const pad = Math.max(6, w * 0.06);
  const rows = [-h / 2 + h * 0.25, -h / 2 + h * 0.52, -h / 2 + h * 0.79];
  const flagW = addFlag(scene, c, seat.id, colors, -w / 2 + pad, rows[0]!, font.name * 0.95);
  const nameX = -w / 2 + pad + flagW + pad * 0.7;
  c.add(addText(scene, nameX, rows[0]!, seat.name, {
    size: font.name, serif: true, bold: true, color: INK.dark, align: "left", fit: w / 2 - pad - nameX,
  }));
  c.add(addText(scene, -w / 2 + pad, rows[1]!, seat.leader, {
    size: font.small, italic: true, color: INK.darkSoft, align: "left", fit: w - 2 * pad,
  }));

  const icons = scene.add.graphics();
  const is = font.small * 1.05;
  presenceIcon(icons, -w / 2 + pad + is / 2, rows[2]!, is, seat.presence);
  c.add(icons);
  c.add(addText(scene, -w / 2 + pad + is + 4, rows[2]!, presenceLabel(seat.presence), {
    size: font.small, color: INK.dark, align: "left", fit: w * 0.5,
  }));
  const count = addText(scene, w / 2 - pad, rows[2]!, String(seat.team), { size: font.small, bold: true, color: INK.dark, align: "right" });
  personIcon(icons, w / 2 - pad - count.width - is * 0.6, rows[2]!, is, PALETTE.inkSoft);
  c.add(count);

  const chipSize = Math.max(8, Math.round(font.small * 0.8));
  let x = -w / 2 + pad;
  if (seat.own) x += chip(scene, c, x, -h / 2, t("scenes:chip.you"), chipSize, PALETTE.gold, false) + 4;
  if (seat.floor) chip(scene, c, x, -h / 2, t("scenes:chip.speaking"), chipSize, PALETTE.floorGlow, true);
  c.setSize(w, h);
  return c;
}

/** The vote token with its label, centred on the token spot. */
export function drawToken(scene: Phaser.Scene, seat: SeatInfo, spot: SeatSpot, geo: TableGeometry): Container | null {
  if (!seat.token) return null;
  const c = scene.add.container(spot.tx, spot.ty);
  const g = scene.add.graphics();
  tokenShape(g, geo.token, seat.token);
  const at = tokenLabel(spot, geo.token, geo.font.token);
  const label = addText(scene, at.x - spot.tx, at.y - spot.ty, tokenWord(seat.token), {
    size: geo.font.token, bold: true, letterSpacing: 0.5,
    color: seat.token === "yes" ? INK.yes : seat.token === "no" ? INK.no : INK.light,
    stroke: "#0b1f18", strokeThickness: 3,
  });
  label.setOrigin(at.originX, 0.5);
  c.add([g, label]);
  return c;
}

/** The final summit-score medallion (gain over the 2016 bar plus conduct, in points), crowned for the winners. */
export function drawScore(scene: Phaser.Scene, seat: SeatInfo, spot: SeatSpot, geo: TableGeometry): Container | null {
  if (seat.score === null) return null;
  const r = geo.token * 1.3;
  const c = scene.add.container(spot.tx, spot.ty);
  const g = scene.add.graphics();
  g.fillStyle(PALETTE.room, 0.95).fillCircle(0, 0, r);
  g.lineStyle(Math.max(2, r / 8), seat.winner ? PALETTE.gold : PALETTE.goldSoft, 1).strokeCircle(0, 0, r);
  c.add(g);
  c.add(addText(scene, 0, 0, `${seat.score >= 0 ? "+" : "−"}${Math.abs(Math.round(seat.score * 100))}`, { size: Math.max(10, r * 0.62), bold: true, color: seat.winner ? INK.gold : INK.light }));
  // The caption goes where the token's label would, pushed out by the medallion's larger radius.
  const at = tokenLabel({ ...spot, tx: 0, ty: 0 }, r, geo.font.token);
  const caption = addText(scene, at.x, at.y, seat.winner ? t("scenes:winner") : t("scenes:pointsVs2016"), {
    size: geo.font.token, bold: seat.winner, color: seat.winner ? INK.gold : INK.muted, stroke: "#0b1f18", strokeThickness: 3,
  }).setOrigin(at.originX, 0.5);
  if (seat.winner) {
    // A crown before the word, the pair kept where the label would be.
    const k = geo.font.token * 1.3;
    if (at.originX < 1) caption.setX(caption.x + k * (at.originX === 0 ? 1.1 : 0.55));
    crownIcon(g, caption.x - caption.width * at.originX - k * 0.6, at.y, k);
  }
  c.add(caption);
  return c;
}
