/** The projector's right-hand column while the summit runs: the speaking order, public statements, and the feed. */
import Phaser from "phaser";
import { PUBLIC } from "../../../shared/rules/channels";
import { type TableModel, delegationName } from "../model";
import type { Rect } from "./tableGeometry";
import type { FeedEntry } from "./describeFeed";
import { INK, PALETTE, addText } from "./tableStyle";
import { t } from "../i18n";

type Container = Phaser.GameObjects.Container;

function heading(scene: Phaser.Scene, into: Container, x: number, y: number, w: number, text: string, size: number): number {
  into.add(addText(scene, x, y + size * 0.7, text.toUpperCase(), { size, bold: true, color: INK.gold, align: "left", letterSpacing: 1.5, fit: w }));
  const g = scene.add.graphics().lineStyle(1, PALETTE.goldSoft, 0.7);
  g.beginPath().moveTo(x, y + size * 1.6).lineTo(x + w, y + size * 1.6).strokePath();
  into.add(g);
  return y + size * 2.1;
}

/** One feed entry as a line or two of text for the wall. */
export function feedLine(e: FeedEntry): { head: string; body: string; color: string } {
  switch (e.kind) {
    case "news": return { head: `${t("feed:news")}: ${e.title}`, body: e.text, color: INK.gold };
    case "notice": return { head: t("feed:chair"), body: e.text, color: INK.gold };
    case "ballot": {
      const who = (["yes", "no", "abstain", "absent"] as const).filter((c) => e.votes[c].length)
        .map((c) => `${t(`feed:vote.${c}`)}: ${e.votes[c].map((d) => d.name).join(", ")}`).join(" · ");
      return { head: `${e.passed ? t("feed:passed") : t("feed:failed")}: ${e.itemTitle}: ${e.optionTitle}`, body: who, color: e.passed ? INK.yes : INK.no };
    }
    case "recap": return {
      head: e.final ? t("feed:recapFinal") : t("feed:recap", { round: e.round }),
      body: [...e.ballots.map((b) => `${b.passed ? t("feed:passed") : t("feed:failed")}: ${b.itemTitle} (${b.tally})`), ...e.decided.map((d) => `${d.title}: ${d.outcome}`)].join(" · ") || t("feed:noBallots"),
      color: INK.light,
    };
  }
}

/** Draws texts from the top of a box down, newest first, as many as fit (a cut-off one is left out). */
function stackDown(scene: Phaser.Scene, into: Container, x: number, top: number, bottom: number, w: number, items: { head: string; body: string; color: string }[], size: number): void {
  let y = top;
  for (const it of [...items].reverse()) {
    const head = addText(scene, x, 0, it.head, { size: size * 0.9, bold: true, color: it.color, align: "left", wrap: w, maxLines: 2 });
    const body = it.body ? addText(scene, x, 0, it.body, { size: size * 0.86, color: INK.light, align: "left", wrap: w, maxLines: 3 }) : null;
    const hgt = head.height + (body ? body.height + 2 : 0);
    if (y + hgt > bottom) { head.destroy(); body?.destroy(); break; }
    head.setOrigin(0, 0).setY(y);
    body?.setOrigin(0, 0).setY(y + head.height + 2);
    into.add(body ? [head, body] : [head]);
    y += hgt + size * 0.5;
  }
}

/** The column: speaking order on top, then the latest public statements, then the latest feed entries. */
export function drawProjectorSide(scene: Phaser.Scene, into: Container, r: Rect, m: TableModel, feed: FeedEntry[], size: number): void {
  const v = m.update.view;
  const g = scene.add.graphics();
  g.fillStyle(PALETTE.panel, 0.9).fillRect(r.x, r.y, r.w, r.h);
  g.lineStyle(1, PALETTE.panelEdge, 1).beginPath().moveTo(r.x, r.y).lineTo(r.x, r.y + r.h).strokePath();
  into.add(g);
  const pad = size * 0.8, x = r.x + pad, w = r.w - 2 * pad;
  let y = heading(scene, into, x, r.y + pad * 0.5, w, t("scenes:speakingOrder"), size * 0.85);
  const order = v.speakingOrder.length ? v.speakingOrder : m.welcome.scenario.delegations.map((d) => d.id);
  // Two columns of names keep the order short enough to leave room for what was said.
  const colW = w / 2, rowH = size * 1.25;
  order.forEach((id, i) => {
    const col = i < Math.ceil(order.length / 2) ? 0 : 1, row = col ? i - Math.ceil(order.length / 2) : i;
    const speaking = v.floor === id;
    // The speaker is marked by a pointer and weight as well as colour.
    const text = `${speaking ? "▸ " : ""}${i + 1}. ${delegationName(m, id)}`;
    into.add(addText(scene, x + col * colW, y + row * rowH + rowH / 2, text, {
      size: size * 0.86, bold: speaking, color: speaking ? "#ffd27a" : INK.light, align: "left", fit: colW - size * 0.4,
    }));
  });
  y += Math.ceil(order.length / 2) * rowH + size * 0.6;
  const split = y + (r.y + r.h - y) * 0.45;
  y = heading(scene, into, x, y, w, t("scenes:statements"), size * 0.85);
  const said = v.messages.filter((msg) => msg.channel === PUBLIC).slice(-8)
    .map((msg) => ({ head: delegationName(m, msg.from), body: msg.text, color: INK.gold }));
  if (said.length) stackDown(scene, into, x, y, split - size * 0.4, w, said, size);
  else into.add(addText(scene, x, y + size * 0.6, t("scenes:noStatements"), { size: size * 0.86, italic: true, color: INK.muted, align: "left", fit: w }));
  y = heading(scene, into, x, split, w, t("feed:title"), size * 0.85);
  if (feed.length) stackDown(scene, into, x, y, r.y + r.h - pad * 0.5, w, feed.map(feedLine), size);
  else into.add(addText(scene, x, y + size * 0.6, t("feed:empty"), { size: size * 0.86, italic: true, color: INK.muted, align: "left", wrap: w, maxLines: 3 }).setOrigin(0, 0));
}
