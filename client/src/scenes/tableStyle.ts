/** The summit's look: palette, type faces and a text helper shared by the table and projector scenes. */
import Phaser from "phaser";

/** A calm room: dark navy walls, a walnut table with a green baize top, ivory nameplates, a little gold. */
export const PALETTE = {
  room: 0x0d1726,
  roomGlow: 0x1a2b45,
  carpet: 0x3a1c24,
  carpetEdge: 0x7a5a32,
  woodDark: 0x4a2a17,
  wood: 0x6e4226,
  woodLight: 0x8f5c34,
  baize: 0x1c4a38,
  baizeLight: 0x24604a,
  gold: 0xd4af62,
  goldSoft: 0x9c8150,
  plate: 0xf3ead6,
  plateOwn: 0xfff5d8,
  plateEdge: 0xb59a6a,
  plateShadow: 0x060b12,
  ink: 0x1d2430,
  inkSoft: 0x5a6272,
  chair: 0x2a1b1b,
  floorGlow: 0xffd27a,
  yes: 0x2f8f5b,
  no: 0xb23a2e,
  abstain: 0x6f7a8c,
  pending: 0xc8d0dc,
  here: 0x2f8f5b,
  away: 0xc08a2a,
  bot: 0x5a7fb0,
  paper: 0xf6efdf,
  panel: 0x14233a,
  panelEdge: 0x2c4363,
} as const;

/** CSS colour strings for text. */
export const INK = {
  light: "#efe6d0",
  muted: "#a9b7cc",
  gold: "#e2c27a",
  dark: "#1d2430",
  darkSoft: "#555d6c",
  yes: "#7fd3a2",
  no: "#f19a8c",
} as const;

export const SERIF = "Georgia, 'Liberation Serif', 'DejaVu Serif', 'Times New Roman', serif";
export const SANS = "'Segoe UI', 'Helvetica Neue', 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";

export interface TextOpts {
  size: number;
  color?: string;
  serif?: boolean;
  bold?: boolean;
  italic?: boolean;
  align?: "left" | "center" | "right";
  /** Wrap at this width (px). */
  wrap?: number;
  /** Shrink (down to `minSize`) and then cut with an ellipsis so that one line fits this width. */
  fit?: number;
  minSize?: number;
  maxLines?: number;
  stroke?: string;
  strokeThickness?: number;
  letterSpacing?: number;
}

/** Adds a text object in the house style, origin at its centre unless told otherwise. */
export function addText(scene: Phaser.Scene, x: number, y: number, text: string, o: TextOpts): Phaser.GameObjects.Text {
  const t = scene.add.text(x, y, text, {
    fontFamily: o.serif ? SERIF : SANS,
    fontSize: `${Math.round(o.size)}px`,
    fontStyle: [o.italic ? "italic" : "", o.bold ? "bold" : ""].join(" ").trim() || "normal",
    color: o.color ?? INK.light,
    align: o.align ?? "center",
    stroke: o.stroke,
    strokeThickness: o.strokeThickness ?? 0,
    maxLines: o.maxLines,
    letterSpacing: o.letterSpacing,
    // Italic glyphs lean past the measured width; leave them room so the last letter is not clipped.
    padding: o.italic ? { right: Math.ceil(o.size * 0.2) } : undefined,
  });
  t.setOrigin(o.align === "left" ? 0 : o.align === "right" ? 1 : 0.5, 0.5);
  if (o.wrap) t.setWordWrapWidth(Math.max(o.wrap, o.size * 3), true);
  if (o.fit) fitWidth(t, o.fit, o.minSize ?? Math.max(8, o.size * 0.7));
  return t;
}

/** Shrinks a one-line text until it fits `width`, then cuts it with an ellipsis. */
export function fitWidth(t: Phaser.GameObjects.Text, width: number, minSize: number): void {
  let size = parseFloat(String(t.style.fontSize));
  while (t.width > width && size > minSize) {
    size = Math.max(minSize, size - 1);
    t.setFontSize(size);
  }
  if (t.width <= width) return;
  const full = t.text;
  let lo = 0, hi = full.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    t.setText(`${full.slice(0, mid).trimEnd()}…`);
    if (t.width <= width) lo = mid; else hi = mid - 1;
  }
  t.setText(lo === 0 ? "…" : `${full.slice(0, lo).trimEnd()}…`);
}

/** Clamps a size computed from the layout to a readable range. */
export const px = (v: number, lo: number, hi: number): number => Math.round(Math.min(hi, Math.max(lo, v)));
