/** Small vector icons drawn with Graphics: presence, team, vote tokens, crown, microphone. */
import Phaser from "phaser";
import type { SeatPresence, Token } from "./describeTable";
import { PALETTE } from "./tableStyle";
import { t } from "../i18n";

type G = Phaser.GameObjects.Graphics;

function polygon(g: G, pts: [number, number][]): void {
  g.beginPath();
  pts.forEach(([x, y], i) => (i === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
  g.closePath();
}

/** Presence told apart by shape: a filled dot (here), a clock (away), a robot head (bot), a dashed ring (empty). */
export function presenceIcon(g: G, x: number, y: number, s: number, p: SeatPresence): void {
  const r = s / 2;
  if (p === "here") {
    g.fillStyle(PALETTE.here, 1).fillCircle(x, y, r);
    g.lineStyle(Math.max(1.5, s / 7), 0xffffff, 1);
    g.beginPath().moveTo(x - r * 0.45, y).lineTo(x - r * 0.1, y + r * 0.38).lineTo(x + r * 0.5, y - r * 0.35).strokePath();
  } else if (p === "away") {
    g.lineStyle(Math.max(1.5, s / 8), PALETTE.away, 1).strokeCircle(x, y, r * 0.9);
    g.beginPath().moveTo(x, y - r * 0.55).lineTo(x, y).lineTo(x + r * 0.45, y + r * 0.2).strokePath();
  } else if (p === "bot") {
    g.fillStyle(PALETTE.bot, 1).fillRoundedRect(x - r, y - r * 0.6, 2 * r, r * 1.5, r * 0.3);
    g.fillRect(x - r * 0.08, y - r * 1.05, r * 0.16, r * 0.45).fillCircle(x, y - r * 1.05, r * 0.16);
    g.fillStyle(0xffffff, 1).fillCircle(x - r * 0.4, y + r * 0.1, r * 0.2).fillCircle(x + r * 0.4, y + r * 0.1, r * 0.2);
  } else {
    g.lineStyle(Math.max(1, s / 9), PALETTE.inkSoft, 1);
    for (let i = 0; i < 8; i++) {
      const a = (i * Math.PI) / 4;
      g.beginPath().arc(x, y, r * 0.85, a, a + Math.PI / 8).strokePath();
    }
  }
}

/** A person: head and shoulders. */
export function personIcon(g: G, x: number, y: number, s: number, color: number): void {
  g.fillStyle(color, 1).fillCircle(x, y - s * 0.22, s * 0.22);
  g.beginPath().arc(x, y + s * 0.5, s * 0.42, Math.PI, 0).closePath().fillPath();
}

/** A desk microphone, for whoever holds the floor. */
export function micIcon(g: G, x: number, y: number, s: number, color: number): void {
  g.fillStyle(color, 1).fillRoundedRect(x - s * 0.18, y - s * 0.5, s * 0.36, s * 0.55, s * 0.18);
  g.lineStyle(Math.max(1, s / 9), color, 1);
  g.beginPath().arc(x, y - s * 0.1, s * 0.3, 0, Math.PI).strokePath();
  g.beginPath().moveTo(x, y + s * 0.2).lineTo(x, y + s * 0.45).strokePath();
}

/** A crown for the winners. */
export function crownIcon(g: G, x: number, y: number, s: number): void {
  const w = s, h = s * 0.7;
  g.fillStyle(PALETTE.gold, 1);
  polygon(g, [
    [x - w / 2, y + h / 2], [x - w / 2, y - h / 2], [x - w / 4, y], [x, y - h / 2 - h * 0.1],
    [x + w / 4, y], [x + w / 2, y - h / 2], [x + w / 2, y + h / 2],
  ]);
  g.fillPath();
  g.lineStyle(Math.max(1, s / 14), 0x5a4420, 1).strokePath();
  g.fillStyle(0x7a1f2b, 1).fillCircle(x, y + h * 0.18, s * 0.08);
}

/**
 * A vote token: pending is a hollow circle with three dots, yes a disc with a check, no an octagon with a
 * cross, abstain a rounded square with a dash, absent a dashed square. Shape and label both carry the vote.
 */
export function tokenShape(g: G, r: number, t: Token): void {
  const lw = Math.max(2, r / 5);
  if (t === "pending") {
    g.fillStyle(PALETTE.baize, 0.6).fillCircle(0, 0, r);
    g.lineStyle(Math.max(1.5, r / 8), PALETTE.pending, 0.9).strokeCircle(0, 0, r);
    g.fillStyle(PALETTE.pending, 1);
    for (const dx of [-0.42, 0, 0.42]) g.fillCircle(dx * r, 0, r * 0.11);
  } else if (t === "yes") {
    g.fillStyle(PALETTE.yes, 1).fillCircle(0, 0, r);
    g.lineStyle(lw, 0xffffff, 1).beginPath().moveTo(-r * 0.45, 0).lineTo(-r * 0.1, r * 0.38).lineTo(r * 0.5, -r * 0.38).strokePath();
  } else if (t === "no") {
    const pts: [number, number][] = [];
    for (let i = 0; i < 8; i++) {
      const a = Math.PI / 8 + (i * Math.PI) / 4;
      pts.push([Math.cos(a) * r * 1.05, Math.sin(a) * r * 1.05]);
    }
    g.fillStyle(PALETTE.no, 1);
    polygon(g, pts);
    g.fillPath();
    const k = r * 0.4;
    g.lineStyle(lw, 0xffffff, 1).beginPath().moveTo(-k, -k).lineTo(k, k).moveTo(k, -k).lineTo(-k, k).strokePath();
  } else if (t === "abstain") {
    g.fillStyle(PALETTE.abstain, 1).fillRoundedRect(-r * 0.9, -r * 0.9, r * 1.8, r * 1.8, r * 0.35);
    g.lineStyle(lw, 0xffffff, 1).beginPath().moveTo(-r * 0.45, 0).lineTo(r * 0.45, 0).strokePath();
  } else {
    g.lineStyle(Math.max(1.5, r / 8), PALETTE.pending, 0.8);
    for (let i = 0; i < 4; i++) {
      const a = -r * 0.85 + (i * r * 1.7) / 4 + r * 0.1;
      g.beginPath().moveTo(a, -r * 0.85).lineTo(a + r * 0.25, -r * 0.85).strokePath();
      g.beginPath().moveTo(a, r * 0.85).lineTo(a + r * 0.25, r * 0.85).strokePath();
      g.beginPath().moveTo(-r * 0.85, a).lineTo(-r * 0.85, a + r * 0.25).strokePath();
      g.beginPath().moveTo(r * 0.85, a).lineTo(r * 0.85, a + r * 0.25).strokePath();
    }
  }
}

/** A token's word in the current language. */
export const tokenLabel = (token: Token): string => t(`scenes:token.${token}`);
/** A seat's presence in words, in the current language. */
export const presenceLabel = (p: SeatPresence): string => t(`scenes:presence.${p}`);
