/** The agenda with each item's status, and the drafts on the table: the side panel of both scenes. */
import Phaser from "phaser";
import type { AgendaRow, BallotInfo, DraftInfo, ItemState } from "./describeTable";
import type { Rect } from "./tableGeometry";
import { INK, PALETTE, addText } from "./tableStyle";
import { t } from "../i18n";

type Container = Phaser.GameObjects.Container;
type G = Phaser.GameObjects.Graphics;

/** Item status told apart by shape: check, cross, return arrow, ballot box, page, empty ring. */
function stateIcon(g: G, x: number, y: number, s: number, st: ItemState): void {
  const r = s / 2, lw = Math.max(1.5, s / 8);
  if (st === "adopted") {
    g.fillStyle(PALETTE.yes, 1).fillCircle(x, y, r);
    g.lineStyle(lw, 0xffffff, 1).beginPath().moveTo(x - r * 0.45, y).lineTo(x - r * 0.1, y + r * 0.38).lineTo(x + r * 0.5, y - r * 0.35).strokePath();
  } else if (st === "rejected") {
    g.fillStyle(PALETTE.no, 1).fillCircle(x, y, r);
    const k = r * 0.38;
    g.lineStyle(lw, 0xffffff, 1).beginPath().moveTo(x - k, y - k).lineTo(x + k, y + k).moveTo(x + k, y - k).lineTo(x - k, y + k).strokePath();
  } else if (st === "postponed") {
    g.lineStyle(lw, PALETTE.away, 1).beginPath().arc(x, y, r * 0.75, -Math.PI * 0.1, Math.PI * 1.3).strokePath();
    g.fillStyle(PALETTE.away, 1).fillTriangle(x + r * 0.75, y - r * 0.55, x + r * 1.05, y + r * 0.05, x + r * 0.35, y + r * 0.05);
  } else if (st === "voting") {
    g.fillStyle(PALETTE.gold, 1).fillRect(x - r * 0.8, y - r * 0.1, r * 1.6, r * 0.95);
    g.fillStyle(PALETTE.paper, 1).fillRect(x - r * 0.35, y - r * 0.85, r * 0.7, r * 0.8);
    g.fillStyle(PALETTE.ink, 1).fillRect(x - r * 0.45, y - r * 0.12, r * 0.9, r * 0.14);
  } else if (st === "drafts") {
    g.fillStyle(PALETTE.paper, 1).fillRect(x - r * 0.6, y - r * 0.85, r * 1.2, r * 1.7);
    g.lineStyle(Math.max(1, s / 12), PALETTE.inkSoft, 1);
    for (const dy of [-0.4, 0, 0.4]) g.beginPath().moveTo(x - r * 0.35, y + dy * r).lineTo(x + r * 0.35, y + dy * r).strokePath();
  } else {
    g.lineStyle(lw, PALETTE.pending, 0.8).strokeCircle(x, y, r * 0.75);
  }
}

function heading(scene: Phaser.Scene, into: Container, x: number, y: number, w: number, text: string, size: number): number {
  into.add(addText(scene, x, y + size * 0.7, text.toUpperCase(), { size, bold: true, color: INK.gold, align: "left", letterSpacing: 1.5 }));
  const g = scene.add.graphics().lineStyle(1, PALETTE.goldSoft, 0.7);
  g.beginPath().moveTo(x, y + size * 1.6).lineTo(x + w, y + size * 1.6).strokePath();
  into.add(g);
  return y + size * 2.2;
}

/** Draws the agenda from `y` down inside `r`; returns the y below the last row drawn. */
export function drawAgenda(scene: Phaser.Scene, into: Container, r: Rect, y: number, rows: AgendaRow[], size: number): number {
  const pad = size;
  const x = r.x + pad, w = r.w - 2 * pad;
  if (y + size * 5 > r.y + r.h) return y;
  y = heading(scene, into, x, y, w, t("scenes:agenda.title"), size * 0.85);
  const g = scene.add.graphics();
  into.add(g);
  for (const row of rows) {
    if (y + size * 2.6 > r.y + r.h) break;
    const icon = size * 1.15;
    const title = addText(scene, x + icon + pad * 0.6, 0, row.title, { size, serif: true, bold: row.state === "voting", align: "left", wrap: w - icon - pad * 0.6, maxLines: 2 });
    title.setOrigin(0, 0).setY(y);
    const detail = addText(scene, x + icon + pad * 0.6, 0, row.detail, {
      size: size * 0.8, italic: true, align: "left", fit: w - icon - pad * 0.6,
      color: row.state === "voting" ? INK.gold : row.state === "adopted" ? INK.yes : row.state === "rejected" ? INK.no : INK.muted,
    });
    detail.setOrigin(0, 0).setY(y + title.height + 2);
    stateIcon(g, x + icon / 2, y + size * 0.65, icon, row.state);
    if (row.state === "voting") {
      g.fillStyle(PALETTE.gold, 0.12).fillRoundedRect(x - pad * 0.4, y - size * 0.3, w + pad * 0.8, title.height + detail.height + size * 0.6, 6);
    }
    into.add([title, detail]);
    y += title.height + detail.height + size * 0.9;
  }
  return y;
}

/** Draws the drafts on the table below the agenda; returns the y below the last one. */
export function drawDrafts(
  scene: Phaser.Scene, into: Container, r: Rect, y: number, drafts: DraftInfo[], size: number, nameOf: (id: string) => string,
): number {
  if (drafts.length === 0 || y + size * 5 > r.y + r.h) return y;
  const pad = size;
  const x = r.x + pad, w = r.w - 2 * pad;
  y = heading(scene, into, x, y + size * 0.6, w, t("scenes:draftsTitle"), size * 0.85);
  for (const d of drafts) {
    if (y + size * 3.4 > r.y + r.h) break;
    const lines = [
      addText(scene, x, 0, `${d.itemTitle}: ${d.optionTitle}`, { size: size * 0.9, serif: true, align: "left", wrap: w, maxLines: 2 }),
      addText(scene, x, 0, [
        d.cosponsors.length ? t("scenes:byWith", { name: nameOf(d.sponsor), names: d.cosponsors.map(nameOf).join(", ") }) : t("scenes:byShort", { name: nameOf(d.sponsor) }),
        d.pendingAmendments ? t("scenes:amendments", { count: d.pendingAmendments }) : "",
      ].filter(Boolean).join(" · "),
      { size: size * 0.78, italic: true, color: INK.muted, align: "left", wrap: w, maxLines: 2 }),
    ];
    for (const t of lines) {
      t.setOrigin(0, 0).setY(y);
      y += t.height + 2;
    }
    into.add(lines);
    y += size * 0.6;
  }
  return y;
}

/** The ballot now open, in full (the centre card may be too small for it on a phone); returns the y below. */
export function drawBallot(scene: Phaser.Scene, into: Container, r: Rect, y: number, b: BallotInfo | null, size: number): number {
  if (!b || y + size * 6 > r.y + r.h) return y;
  const pad = size;
  const x = r.x + pad, w = r.w - 2 * pad;
  y = heading(scene, into, x, y, w, t("scenes:onVote"), size * 0.85);
  const lines = [
    addText(scene, x, 0, `${b.itemTitle}: ${b.optionTitle}`, { size, serif: true, bold: true, align: "left", wrap: w, maxLines: 3 }),
    addText(scene, x, 0, t("scenes:castLong", { cast: b.cast, voters: b.voters, rule: b.rule }), { size: size * 0.8, italic: true, color: INK.gold, align: "left", wrap: w, maxLines: 2 }),
  ];
  for (const t of lines) {
    t.setOrigin(0, 0).setY(y);
    y += t.height + 3;
  }
  into.add(lines);
  return y + size * 0.9;
}
