/** Where things go around the round table, for any area from a phone (375×360) to a projector. */
import { px } from "./tableStyle";

export interface Rect { x: number; y: number; w: number; h: number }

export interface SeatSpot {
  /** Centre of the nameplate. */
  x: number;
  y: number;
  /** Direction from the table centre, radians (0 = right, y down). */
  angle: number;
  /** Centre of the vote token (or score medallion), on the table just in front of the plate. */
  tx: number;
  ty: number;
  /** Unit vector from the plate towards the table centre. */
  ux: number;
  uy: number;
  /** Where the token's label goes: under or over it facing the centre, or beside it, away from the centre. */
  label: "below" | "above" | "left" | "right";
}

export interface TableGeometry {
  cx: number;
  cy: number;
  /** Radius of the table top. */
  r: number;
  plateW: number;
  plateH: number;
  /** Radius of a vote token. */
  token: number;
  /** The largest card that fits in the middle of the table without touching a token or its label. */
  card: { w: number; h: number };
  seats: SeatSpot[];
  font: { name: number; small: number; token: number; centre: number; centreSmall: number };
}

/** Centre of a token's label and its approximate half-size (that of the longest label, "ABSTAIN"). */
export function tokenLabel(s: SeatSpot, token: number, font: number): { x: number; y: number; hw: number; hh: number; originX: number } {
  const hw = font * 2.4, hh = font * 0.7;
  const gap = token + 3;
  if (s.label === "left" || s.label === "right") {
    const dir = s.label === "right" ? 1 : -1;
    return { x: s.tx + dir * (gap + hw), y: s.ty, hw, hh, originX: dir > 0 ? 0 : 1 };
  }
  return { x: s.tx, y: s.ty + (s.label === "below" ? 1 : -1) * (gap + hh), hw, hh, originX: 0.5 };
}

/** Places a seat's token just in front of its plate, and its label where it will not meet its neighbours'. */
function seatSpot(x: number, y: number, angle: number, cx: number, cy: number, pw: number, ph: number, token: number, narrow: boolean): SeatSpot {
  const len = Math.hypot(cx - x, cy - y) || 1;
  const ux = (cx - x) / len, uy = (cy - y) / len;
  const toSide = Math.abs(ux) > 1e-6 ? pw / 2 / Math.abs(ux) : Infinity;
  const toEnd = Math.abs(uy) > 1e-6 ? ph / 2 / Math.abs(uy) : Infinity;
  const gap = Math.max(4, token * 0.3);
  if ((toEnd < toSide || narrow) && Math.abs(ux) > 0.5) {
    // A side seat in a tall or narrow layout: the token sits under (or over) the inner end of the plate,
    // its label outward, which leaves the middle of the table to the centre card.
    const tx = x + Math.sign(ux) * (pw / 2 - token - 2);
    return { x, y, angle, ux, uy, tx, ty: y + Math.sign(uy) * (ph / 2 + token + gap), label: ux > 0 ? "left" : "right" };
  }
  // Otherwise step out of the plate along the line to the centre; the label faces the centre.
  const d = Math.min(toSide, toEnd) + token + gap;
  return { x, y, angle, ux, uy, tx: x + ux * d, ty: y + uy * d, label: uy < -0.05 ? "above" : "below" };
}

/** Half-size of the biggest centred w:h = `aspect` rectangle that keeps clear of every box. */
function clearCard(boxes: { x1: number; x2: number; y1: number; y2: number }[], aspect: number, limit: number): number {
  let s = limit;
  for (const b of boxes) {
    const dx = b.x1 > 0 ? b.x1 : b.x2 < 0 ? -b.x2 : 0;
    const dy = b.y1 > 0 ? b.y1 : b.y2 < 0 ? -b.y2 : 0;
    // The card (half-extents aspect·s by s) misses the box if it stops short of it on either axis.
    s = Math.min(s, Math.max(dx / aspect, dy));
  }
  return s;
}

/**
 * Lays out `n` seats around a table filling `area`. The first seat sits at `startAngle`
 * (π/2 = bottom, where a player sees their own delegation), the others clockwise.
 */
export function tableGeometry(outer: Rect, n: number, startAngle: number, minFont = 0): TableGeometry {
  const area = { x: outer.x + 4, y: outer.y + 6, w: outer.w - 8, h: outer.h - 12 };
  const s = Math.min(area.w, area.h * 1.15);
  const plateW = Math.max(112, s * 0.265);
  const plateH = Math.max(56, s * 0.132);
  // Plates overlap the rim: their inner edge reaches `k` of the radius (deeper on narrow screens).
  const k = area.w < 520 ? 0.72 : 0.8;
  // Never below a small positive radius: a canvas squeezed to nothing (a hidden tab, a tiny window) must still draw
  // (the 2D canvas throws on a negative arc radius).
  const r = Math.max(12, Math.min((area.w - 2 * plateW - 6) / (1.732 * k), (area.h - 2 * plateH - 6) / (2 * k), s * 0.42));
  const rx = k * r + 0.577 * plateW;
  // In a tall area the seats draw back from the table a little, which leaves room between the side tokens.
  const ry = Math.min(k * r + plateH / 2 + 0.3 * r, (area.h - plateH - 6) / 2);
  const cx = area.x + area.w / 2;
  const cy = area.y + area.h / 2;
  const token = px(s * 0.03, 11, 36);
  const font = {
    // `minFont`: the projector asks for text readable from the back of the room.
    name: Math.max(px(s * 0.035, 12, 40), Math.round(minFont * 1.2)),
    small: Math.max(px(s * 0.024, 10, 28), minFont),
    token: Math.max(px(s * 0.019, 9, 24), minFont),
    centre: 0,
    centreSmall: 0,
  };
  const seats: SeatSpot[] = [];
  for (let i = 0; i < n; i++) {
    const angle = startAngle + (i * 2 * Math.PI) / n;
    const x = cx + rx * Math.cos(angle), y = cy + ry * Math.sin(angle);
    seats.push(seatSpot(x, y, angle, cx, cy, plateW, plateH, token, area.w < 520));
  }
  const boxes = seats.flatMap((p) => {
    const l = tokenLabel(p, token, font.token);
    return [
      { x1: p.tx - token - cx, x2: p.tx + token - cx, y1: p.ty - token - cy, y2: p.ty + token - cy },
      { x1: l.x - l.hw * 2 * l.originX - cx, x2: l.x + l.hw * 2 * (1 - l.originX) - cx, y1: l.y - l.hh - cy, y2: l.y + l.hh - cy },
    ];
  });
  let card = { w: 0, h: 0 };
  for (const aspect of [0.6, 0.75, 1, 1.3, 1.7]) {
    // Keep the card's corners on the baize (radius 0.84 r) as well as clear of the tokens.
    const half = clearCard(boxes, aspect, (0.84 * r) / Math.hypot(aspect, 1)) - 6;
    if (half * half * aspect > (card.w * card.h) / 4) card = { w: 2 * half * aspect, h: 2 * half };
  }
  // The centre card's type follows the card: larger on a projector, never below 10 px on a phone.
  font.centre = Math.max(px(Math.min(s * 0.036, card.w * 0.09), 12, 46), Math.round(minFont * 1.2));
  // The card's smallest line is 0.9 of centreSmall.
  font.centreSmall = Math.max(px(font.centre * 0.74, 10, 32), Math.round(minFont * 1.12));
  return { cx, cy, r, plateW, plateH, token, card, seats, font };
}

/** Splits a canvas into a header band and the rest. */
export function splitHeader(w: number, h: number, header: number): { header: Rect; body: Rect } {
  return { header: { x: 0, y: 0, w, h: header }, body: { x: 0, y: header, w, h: h - header } };
}

/**
 * Where the table and the side panel go in the body: the panel beside the table when the body is wide,
 * below it when tall, or nowhere when there is no room for it.
 */
export function placePanel(body: Rect, minPanel: number): { table: Rect; panel: Rect | null } {
  const tableSide = Math.min(body.w, body.h * 1.15);
  if (body.w - tableSide >= minPanel) {
    const pw = Math.min(body.w - tableSide, Math.max(minPanel, body.w * 0.3));
    return { table: { ...body, w: body.w - pw }, panel: { x: body.x + body.w - pw, y: body.y, w: pw, h: body.h } };
  }
  const tableH = Math.min(body.h, body.w);
  if (body.h - tableH >= minPanel * 0.7) {
    return { table: { ...body, h: tableH }, panel: { x: body.x, y: body.y + tableH, w: body.w, h: body.h - tableH } };
  }
  return { table: body, panel: null };
}
