/** The middle of the table: the draft on the vote, the latest draft tabled, or the summit's emblem. */
import Phaser from "phaser";
import type { TableInfo } from "./describeTable";
import type { TableGeometry } from "./tableGeometry";
import { INK, PALETTE, addText } from "./tableStyle";
import { lang, t } from "../i18n";

type Container = Phaser.GameObjects.Container;

interface Line { text: string; size: number; bold?: boolean; italic?: boolean; serif?: boolean; color?: string; caps?: boolean }

/** Stacks lines of text, wrapped to `w`, centred vertically on 0; shrinks, then drops last lines, to fit `maxH`. */
function stack(scene: Phaser.Scene, lines: Line[], w: number, maxH: number): Container {
  const c = scene.add.container(0, 0);
  const gap = (i: number, k: number) => (i === 0 ? 0 : lines[i]!.size * k * 0.35);
  const make = (k: number) => lines.map((l) => addText(scene, 0, 0, l.caps ? l.text.toUpperCase() : l.text, {
    size: Math.max(9, l.size * k), bold: l.bold, italic: l.italic, serif: l.serif, color: l.color ?? INK.dark, wrap: w, maxLines: 4,
    letterSpacing: l.caps ? 1 : 0,
  }));
  const height = (ts: Phaser.GameObjects.Text[], k: number) => ts.reduce((h, t, i) => h + t.height + gap(i, k), 0);
  let k = 1;
  let texts = make(k);
  while (height(texts, k) > maxH && k > 0.75) {
    texts.forEach((t) => t.destroy());
    k -= 0.08;
    texts = make(k);
  }
  while (height(texts, k) > maxH && texts.length > 1) texts.pop()!.destroy();
  let y = -height(texts, k) / 2;
  texts.forEach((t, i) => {
    y += gap(i, k);
    t.setY(y + t.height / 2);
    y += t.height;
  });
  c.add(texts);
  return c;
}

/** A paper card with a soft shadow, w×h, centred on 0. */
function card(scene: Phaser.Scene, w: number, h: number): Phaser.GameObjects.Graphics {
  const g = scene.add.graphics();
  g.fillStyle(0x000000, 0.35).fillRoundedRect(-w / 2 + 3, -h / 2 + 5, w, h, 6);
  g.fillStyle(PALETTE.paper, 1).fillRoundedRect(-w / 2, -h / 2, w, h, 6);
  g.lineStyle(1, PALETTE.goldSoft, 1).strokeRoundedRect(-w / 2 + 4, -h / 2 + 4, w - 8, h - 8, 4);
  return g;
}

/** What to write on the centre card, or null for the emblem. */
function cardLines(info: TableInfo, geo: TableGeometry, nameOf: (id: string) => string): Line[] | null {
  const compact = geo.card.w < 130;
  const small = geo.font.centreSmall, big = compact ? small * 1.1 : geo.font.centre;
  if (info.ballot) {
    const b = info.ballot;
    return [
      { text: t("scenes:onVote"), size: small, caps: true, color: INK.darkSoft, bold: true },
      { text: b.itemTitle, size: big, serif: true, bold: true },
      { text: b.optionTitle, size: small * 1.05, italic: true, serif: true },
      { text: compact ? t("scenes:castShort", { cast: b.cast, voters: b.voters }) : t("scenes:castLong", { cast: b.cast, voters: b.voters, rule: b.rule }), size: small * 0.9, color: INK.darkSoft },
    ];
  }
  const d = info.drafts[0];
  if (d && info.status !== "ended") {
    const co = d.cosponsors.length;
    const more = info.drafts.length - 1;
    return [
      { text: t("scenes:draftOnTable"), size: small, caps: true, color: INK.darkSoft, bold: true },
      { text: d.itemTitle, size: big, serif: true, bold: true },
      { text: d.optionTitle, size: small * 1.05, italic: true, serif: true },
      { text: compact ? t("scenes:byShort", { name: nameOf(d.sponsor) }) : [t("scenes:tabledBy", { name: nameOf(d.sponsor) }), co ? t("scenes:cosponsors", { count: co }) : "", more ? t("scenes:more", { count: more }) : ""].filter(Boolean).join(" · "), size: small * 0.9, color: INK.darkSoft },
    ];
  }
  return null;
}

/** Draws the centre of the table; returns the container so that animations can fade it in. */
export function drawCentre(scene: Phaser.Scene, info: TableInfo, geo: TableGeometry, nameOf: (id: string) => string): Container {
  const c = scene.add.container(geo.cx, geo.cy);
  const { w, h } = geo.card;
  const lines = cardLines(info, geo, nameOf);
  if (lines) {
    c.add(card(scene, w, h));
    c.add(stack(scene, lines, w - 14, h - 14));
    return c;
  }
  // The emblem: a gold ring and star, with the place and date, or the closing line.
  const g = scene.add.graphics();
  const r = Math.min(w, h) / 2;
  g.lineStyle(Math.max(1.5, r / 40), PALETTE.gold, 0.55).strokeCircle(0, 0, r).strokeCircle(0, 0, r * 0.93);
  c.add(g);
  const ended = info.status === "ended";
  const emblem: Line[] = ended
    ? [
      { text: t("scenes:closed"), size: geo.font.centre, serif: true, bold: true, color: INK.gold },
      { text: winners(info, nameOf), size: geo.font.centreSmall, serif: true, italic: true, color: INK.gold },
      { text: info.cohesion === null ? "" : t("scenes:cohesion", { pct: Math.round(info.cohesion * 100) }), size: geo.font.centreSmall, color: INK.light },
    ]
    : [
      { text: "CSTO", size: geo.font.centre * 1.2, serif: true, bold: true, color: INK.gold, caps: true },
      { text: `${info.place} · ${formatDate(info.date)}`, size: geo.font.centreSmall, serif: true, italic: true, color: INK.light },
      { text: info.status === "lobby" ? t("scenes:notOpened") : info.round, size: geo.font.centreSmall * 0.9, color: INK.muted },
    ];
  c.add(stack(scene, emblem.filter((l) => l.text), r * 1.7, r * 1.8));
  return c;
}

/** "Won by Kazakhstan" (or several, joined). */
function winners(info: TableInfo, nameOf: (id: string) => string): string {
  const w = info.seats.filter((s) => s.winner).map((s) => nameOf(s.id));
  if (w.length === 0) return info.failed ? t("scenes:nobodyWins") : "";
  return t("scenes:wonBy", { names: w.length > 1 ? `${w.slice(0, -1).join(", ")} ${t("scenes:and")} ${w.at(-1)}` : w[0] });
}

/** "14 October 2016" from "2016-10-14". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return y && m && d ? new Intl.DateTimeFormat(lang(), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d)) : iso;
}
