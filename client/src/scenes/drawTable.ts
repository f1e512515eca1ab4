/**
 * The round table with its delegations, drawn from a TableInfo into a container. Used by TableScene and
 * ProjectorScene alike; returns handles to each seat's objects so that the scenes can animate them.
 */
import Phaser from "phaser";
import type { TableInfo, Token } from "./describeTable";
import type { TableGeometry } from "./tableGeometry";
import { drawPlate, drawScore, drawToken } from "./drawSeat";
import { drawCentre } from "./drawCentre";
import { PALETTE } from "./tableStyle";

type Container = Phaser.GameObjects.Container;

export interface DrawnSeat {
  id: string; plate: Container; token: Container | null; score: Container | null;
  /** The face of the token actually drawn (null: none), for the canvas's description of itself. */
  tokenKind: Token | null;
}
export interface DrawnTable { seats: DrawnSeat[]; centre: Container }

/** The room behind everything: navy, with a soft pool of light where the table stands. */
export function drawRoom(scene: Phaser.Scene, into: Container, w: number, h: number, geo: TableGeometry | null): void {
  const g = scene.add.graphics();
  g.fillStyle(PALETTE.room, 1).fillRect(0, 0, w, h);
  if (geo) {
    const glow = Math.max(geo.r * 2.2, Math.min(w, h) * 0.6);
    for (let i = 10; i >= 1; i--) g.fillStyle(PALETTE.roomGlow, 0.09).fillCircle(geo.cx, geo.cy, (glow * i) / 10);
  }
  into.add(g);
}

/** Carpet, chairs and the table itself. */
function drawFurniture(scene: Phaser.Scene, into: Container, geo: TableGeometry): void {
  const { cx, cy, r } = geo;
  const g = scene.add.graphics();
  // An oval carpet under the whole group, with a gold border.
  const ex = Math.max(...geo.seats.map((p) => Math.abs(p.x - cx))) + geo.plateW * 0.45;
  const ey = Math.max(...geo.seats.map((p) => Math.abs(p.y - cy))) + geo.plateH * 0.3;
  g.fillStyle(PALETTE.carpet, 0.55).fillEllipse(cx, cy, 2 * Math.max(ex, r * 1.1), 2 * Math.max(ey, r * 1.1), 160);
  g.lineStyle(Math.max(1.5, r / 90), PALETTE.carpetEdge, 0.5).strokeEllipse(cx, cy, 2 * Math.max(ex, r * 1.1) - 16, 2 * Math.max(ey, r * 1.1) - 16, 160);
  // Chair backs peeking out behind the nameplates, on the side away from the table.
  for (const p of geo.seats) {
    const w = geo.plateW * 0.6, h = geo.plateH * 0.9;
    const x = p.x - p.ux * geo.plateH * 0.32, y = p.y - p.uy * geo.plateH * 0.32;
    g.fillStyle(PALETTE.chair, 1).fillRoundedRect(x - w / 2, y - h / 2, w, h, Math.min(w, h) * 0.3);
    g.lineStyle(Math.max(1, r / 120), 0x5a3a34, 1).strokeRoundedRect(x - w / 2, y - h / 2, w, h, Math.min(w, h) * 0.3);
  }
  // The table: shadow, walnut rim, gold inlay, green baize.
  g.fillStyle(0x000000, 0.4).fillCircle(cx + r * 0.02, cy + r * 0.05, r * 1.02);
  g.fillStyle(PALETTE.woodDark, 1).fillCircle(cx, cy, r);
  g.fillStyle(PALETTE.wood, 1).fillCircle(cx, cy, r * 0.97);
  g.lineStyle(Math.max(1, r / 60), PALETTE.woodLight, 0.8).beginPath().arc(cx, cy, r * 0.94, Math.PI * 1.05, Math.PI * 1.75).strokePath();
  g.fillStyle(PALETTE.baize, 1).fillCircle(cx, cy, r * 0.88);
  g.fillStyle(PALETTE.baizeLight, 0.35).fillCircle(cx - r * 0.12, cy - r * 0.14, r * 0.6);
  g.lineStyle(Math.max(1, r / 110), PALETTE.gold, 0.7).strokeCircle(cx, cy, r * 0.86);
  into.add(g);
}

/**
 * Draws the whole table into `into`. `colorsOf` gives a delegation's flag colours (fallback when its
 * drawing is missing); `nameOf` its display name.
 */
export function drawTable(
  scene: Phaser.Scene, into: Container, info: TableInfo, geo: TableGeometry,
  colorsOf: (id: string) => string[], nameOf: (id: string) => string,
): DrawnTable {
  drawFurniture(scene, into, geo);
  const centre = drawCentre(scene, info, geo, nameOf);
  into.add(centre);
  const seats = info.seats.map((seat, i): DrawnSeat => {
    const spot = geo.seats[i]!;
    const token = info.status === "ended" ? null : drawToken(scene, seat, spot, geo);
    const score = drawScore(scene, seat, spot, geo);
    const plate = drawPlate(scene, seat, colorsOf(seat.id), spot, geo);
    for (const o of [token, score]) if (o) into.add(o);
    into.add(plate);
    return { id: seat.id, plate, token, score, tokenKind: token ? seat.token : null };
  });
  // Plates nearer the viewer overlap those behind them.
  const byDepth = [...seats].sort((a, b) => a.plate.y - b.plate.y);
  for (const s of byDepth) into.bringToTop(s.plate);
  return { seats, centre };
}

/** A focus ring around a seat's plate for keyboard users. */
export function drawFocus(g: Phaser.GameObjects.Graphics, plate: Container | null, geo: TableGeometry): void {
  g.clear();
  if (!plate) return;
  const w = geo.plateW + 12, h = geo.plateH + 12;
  g.lineStyle(3, 0xffffff, 1).strokeRoundedRect(plate.x - w / 2, plate.y - h / 2, w, h, 12);
  g.lineStyle(2, 0x1b6ac9, 1).strokeRoundedRect(plate.x - w / 2 - 3, plate.y - h / 2 - 3, w + 6, h + 6, 14);
}
