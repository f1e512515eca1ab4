/**
 * The projector's lobby wall: how to join (the code, large; the link; a QR code of the link) and the names of the
 * students as they arrive. The link comes from the server (PUBLIC_URL), so a phone can open what the wall shows.
 */
import Phaser from "phaser";
import { encode } from "uqr";
import type { TableModel } from "../model";
import { delegationName } from "../model";
import type { Rect } from "./tableGeometry";
import { INK, PALETTE, addText, px } from "./tableStyle";
import { t } from "../i18n";

type Container = Phaser.GameObjects.Container;

/** uqr's options for the wall's code: medium error correction (a projector's glare), a quiet zone of 2 modules. */
export const QR_OPTIONS = { ecc: "M", border: 2 } as const;

export interface WallInfo {
  code: string;
  link: string;
  /** The QR code's modules, one string of 0/1 per row (what is drawn). */
  qr: string[];
  /** Students (not bots) at the table, in the order they arrived: "name · delegation". */
  names: string[];
}

/** What the wall shows, from the model (and, for an older server, the page's own address). */
export function describeWall(m: TableModel): WallInfo {
  const code = m.welcome.code ?? new URLSearchParams(globalThis.location?.search ?? "").get("code") ?? "";
  const link = m.welcome.joinUrl ?? `${globalThis.location?.origin ?? ""}/join/${code}`;
  const qr = encode(link, QR_OPTIONS).data.map((row) => row.map((b) => (b ? "1" : "0")).join(""));
  const seats = Object.values(m.update.view.seats).filter((s) => !s.bot).sort((a, b) => a.joinedAt - b.joinedAt);
  const names = seats.map((s) => (s.delegation ? `${s.name} · ${delegationName(m, s.delegation)}` : s.name));
  return { code, link, qr, names };
}

/** Draws the QR modules as squares on white; returns its side in pixels. */
function drawQr(scene: Phaser.Scene, into: Container, rows: string[], x: number, y: number, side: number): number {
  const n = rows.length;
  const cell = Math.max(1, Math.floor(side / n));
  const s = cell * n;
  const g = scene.add.graphics();
  g.fillStyle(0xffffff, 1).fillRect(x, y, s, s);
  g.fillStyle(0x000000, 1);
  rows.forEach((row, j) => {
    for (let i = 0; i < row.length; i++) if (row[i] === "1") g.fillRect(x + i * cell, y + j * cell, cell, cell);
  });
  into.add(g);
  return s;
}

/** The join panel (left) and the arrivals (right, below the table the scene draws in `tableArea`). */
export function drawWall(scene: Phaser.Scene, into: Container, body: Rect, wall: WallInfo): { tableArea: Rect } {
  const h = body.h;
  const leftW = Math.round(body.w * 0.42);
  const g = scene.add.graphics();
  g.fillStyle(PALETTE.panel, 0.92).fillRect(body.x, body.y, leftW, h);
  g.lineStyle(2, PALETTE.gold, 0.6).beginPath().moveTo(body.x + leftW, body.y).lineTo(body.x + leftW, body.y + h).strokePath();
  into.add(g);
  const cx = body.x + leftW / 2;
  const label = px(h * 0.034, 16, 44);
  let y = body.y + h * 0.05;
  const joinAt = addText(scene, cx, y + label / 2, t("scenes:wall.joinAt"), { size: label, color: INK.muted });
  y += label * 1.3;
  const link = addText(scene, cx, y + label * 0.6, wall.link, { size: label * 1.15, bold: true, color: INK.light, fit: leftW * 0.92 });
  y += label * 1.9;
  const codeLabel = addText(scene, cx, y + label / 2, t("scenes:wall.code"), { size: label, color: INK.muted });
  y += label * 1.2;
  const codeSize = px(Math.min(h * 0.14, leftW / (wall.code.length * 0.85)), 36, 200);
  const code = addText(scene, cx, y + codeSize * 0.6, wall.code, { size: codeSize, bold: true, color: INK.gold, letterSpacing: codeSize * 0.12 });
  y += codeSize * 1.3;
  into.add([joinAt, link, codeLabel, code]);
  const room = body.y + h - y - label * 2.2;
  const side = Math.max(80, Math.min(room, leftW * 0.8));
  const s = drawQr(scene, into, wall.qr, cx - side / 2, y, side);
  into.add(addText(scene, cx, y + s + label * 0.9, t("scenes:wall.scan"), { size: label * 0.9, color: INK.muted }));

  // Arrivals: a heading and the names in columns, under the table.
  const right = { x: body.x + leftW, y: body.y, w: body.w - leftW, h };
  const listH = Math.round(h * 0.36);
  const size = px(h * 0.03, 14, 40);
  const top = right.y + right.h - listH;
  const heading = wall.names.length ? t("scenes:wall.arrived", { count: wall.names.length }) : t("scenes:wall.noneYet");
  into.add(addText(scene, right.x + size, top + size * 0.7, heading, { size: size * 1.05, bold: true, color: INK.gold, align: "left", fit: right.w - 2 * size }));
  const cols = right.w > 900 ? 3 : 2;
  const colW = (right.w - 2 * size) / cols;
  const perCol = Math.max(1, Math.floor((listH - size * 2.2) / (size * 1.35)));
  const shown = wall.names.slice(-perCol * cols);
  shown.forEach((name, i) => {
    const col = Math.floor(i / perCol), row = i % perCol;
    into.add(addText(scene, right.x + size + col * colW, top + size * 2.2 + row * size * 1.35, name, { size, align: "left", fit: colW - size * 0.6 }));
  });
  return { tableArea: { x: right.x, y: right.y, w: right.w, h: right.h - listH } };
}
