/**
 * The summit table as a player (or the host) sees it: header with phase and clock, the round table with the
 * delegations, and beside or below it the agenda and the drafts when there is room.
 *
 * Data: `this.registry.get("feed")` (a TableFeed). Emits `game.events` "seat-selected" (delegation id) when a
 * seat is clicked or chosen with the keyboard (arrows move, Enter or Space selects, while the canvas has focus).
 */
import Phaser from "phaser";
import type { GameEvent } from "../../../shared/state";
import { type TableModel, delegationName } from "../model";
import { describeTable } from "./describeTable";
import { type DrawnTable, drawFocus, drawRoom, drawTable } from "./drawTable";
import { type Header, drawHeader, updateClock } from "./drawHeader";
import { drawAgenda, drawBallot, drawDrafts } from "./drawAgenda";
import { type TableGeometry, placePanel, splitHeader, tableGeometry } from "./tableGeometry";
import { followFeed } from "./followFeed";
import { loadFlags } from "./flags";
import { clearFx, playTableEvents } from "./playTableEvents";
import { PALETTE, addText, px } from "./tableStyle";
import { drawPauseBanner, drawVotePrompt } from "./drawOverlays";
import { markDrawn } from "./renderGuard";
import { onLangChange, t } from "../i18n";

export const SEAT_SELECTED = "seat-selected";

/** Where the first seat sits so that the viewer's own delegation is at the bottom, nearest them. */
export function startAngle(ids: string[], own: string | null): number {
  const k = own ? ids.indexOf(own) : -1;
  return k < 0 ? -Math.PI / 2 : Math.PI / 2 - (k * 2 * Math.PI) / ids.length;
}

export class TableScene extends Phaser.Scene {
  private model: TableModel | null = null;
  private layer!: Phaser.GameObjects.Container;
  private fx!: Phaser.GameObjects.Container;
  private focusRing!: Phaser.GameObjects.Graphics;
  private header: Header | null = null;
  private drawn: DrawnTable | null = null;
  private geo: TableGeometry | null = null;
  private focus = -1;
  private headerBottom = 0;

  constructor() {
    super("table");
  }

  preload(): void {
    loadFlags(this);
  }

  create(): void {
    this.layer = this.add.container(0, 0);
    this.fx = this.add.container(0, 0).setDepth(10);
    this.focusRing = this.add.graphics().setDepth(20);
    this.scale.on(Phaser.Scale.Events.RESIZE, this.relayout, this);
    const offLang = onLangChange(() => this.relayout());
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, this.relayout, this);
      offLang();
    });
    this.time.addEvent({ delay: 250, loop: true, callback: () => this.header && this.model && updateClock(this.header, this.model) });
    this.listenForKeys();
    followFeed(this, (m, events) => this.show(m, events));
    if (!this.model) this.drawWaiting();
  }

  private show(m: TableModel, events: GameEvent[]): void {
    this.model = m;
    this.redraw();
    if (this.drawn && this.geo && events.length) {
      playTableEvents(this, m, { fx: this.fx, drawn: this.drawn, geo: this.geo, noticeArea: this.noticeArea() }, events);
    }
  }

  private relayout(): void {
    clearFx(this, this.fx);
    if (this.model) this.redraw(); else this.drawWaiting();
  }

  /** Notices flash across the top of the table area, just under the header. */
  private noticeArea() {
    const g = this.geo!;
    return { x: g.cx - g.r * 1.6, y: this.headerBottom, w: g.r * 3.2, h: g.r };
  }

  private drawWaiting(): void {
    this.layer.removeAll(true);
    markDrawn(this, { seq: null });
    const { width: w, height: h } = this.scale;
    drawRoom(this, this.layer, w, h, null);
    this.layer.add(addText(this, w / 2, h / 2, t("scenes:waiting"), { size: 18, serif: true, italic: true }));
  }

  private redraw(): void {
    const m = this.model!;
    // A canvas squeezed to nothing (behind another tab on a phone) is laid out as a small one: the 2D canvas throws
    // on the negative radii a zero-sized layout would give, and the drawing is right once the canvas is shown.
    const w = Math.max(this.scale.width, 320), h = Math.max(this.scale.height, 320);
    this.layer.removeAll(true);
    const info = describeTable(m);
    const scenario = m.welcome.scenario;
    const ids = scenario.delegations.map((d) => d.id);
    const { header, body } = splitHeader(w, h, px(Math.min(w, h) * 0.085, 44, 72));
    this.headerBottom = header.h;
    const { table, panel } = placePanel(body, 250);
    const geo = tableGeometry(table, ids.length, startAngle(ids, m.update.you.delegation));
    this.geo = geo;
    drawRoom(this, this.layer, w, h, geo);
    const colorsOf = (id: string) => scenario.delegations.find((d) => d.id === id)?.colors ?? ["#888888"];
    const nameOf = (id: string) => delegationName(m, id);
    this.drawn = drawTable(this, this.layer, info, geo, colorsOf, nameOf);
    if (panel) {
      const g = this.add.graphics();
      const inset = { x: panel.x + 8, y: panel.y + 10, w: panel.w - 16, h: panel.h - 18 };
      g.fillStyle(PALETTE.panel, 0.85).fillRoundedRect(inset.x, inset.y, inset.w, inset.h, 10);
      g.lineStyle(1, PALETTE.panelEdge, 1).strokeRoundedRect(inset.x, inset.y, inset.w, inset.h, 10);
      this.layer.add(g);
      const size = px(Math.min(inset.w * 0.05, geo.font.name), 12, 22);
      let y = drawBallot(this, this.layer, inset, inset.y + size * 0.8, info.ballot, size);
      y = drawAgenda(this, this.layer, inset, y, info.agenda, size);
      drawDrafts(this, this.layer, inset, y, info.drafts, size, nameOf);
    }
    this.header = drawHeader(this, this.layer, header, info, m, false);
    // The prompt and the tokens come from the same model in the same redraw: they cannot disagree with the panels.
    const ownIndex = this.drawn.seats.findIndex((s) => s.id === m.update.you.delegation);
    const own = this.drawn.seats[ownIndex];
    const prompt = !!own && own.tokenKind === "pending" && m.update.legal.some((a) => a.type === "vote");
    if (prompt) {
      const spot = geo.seats[ownIndex]!;
      drawVotePrompt(this, this.layer, own.plate, spot.ux, spot.uy, geo);
    }
    if (info.paused) drawPauseBanner(this, this.layer, { x: 0, y: header.h, w, h: h - header.h }, px(Math.min(w, h) * 0.09, 28, 72));
    for (const [i, s] of this.drawn.seats.entries()) {
      const zone = this.add.zone(s.plate.x, s.plate.y, geo.plateW, geo.plateH).setInteractive({ useHandCursor: true });
      zone.on("pointerup", () => this.select(i));
      this.layer.add(zone);
    }
    this.drawFocusRing();
    markDrawn(this, {
      seq: m.update.seq, ballot: info.ballot?.id ?? null, paused: info.paused, prompt,
      seats: Object.fromEntries(this.drawn.seats.map((s) => [s.id, s.tokenKind])),
      presence: Object.fromEntries(info.seats.map((s) => [s.id, s.presence])),
    });
  }

  private select(i: number): void {
    const seat = this.drawn?.seats[i];
    if (!seat) return;
    this.focus = i;
    this.drawFocusRing();
    this.game.events.emit(SEAT_SELECTED, seat.id);
  }

  private drawFocusRing(): void {
    const showing = this.focus >= 0 && document.activeElement === this.game.canvas;
    drawFocus(this.focusRing, showing ? this.drawn?.seats[this.focus]?.plate ?? null : null, this.geo!);
  }

  /** Keyboard use of the canvas: it takes focus with Tab; arrows walk round the table. */
  private listenForKeys(): void {
    const canvas = this.game.canvas;
    if (!canvas.hasAttribute("tabindex")) canvas.tabIndex = 0;
    if (!canvas.hasAttribute("aria-label")) {
      canvas.setAttribute("aria-label", t("scenes:canvasLabel"));
    }
    const n = () => this.drawn?.seats.length ?? 0;
    const onKey = (e: KeyboardEvent): void => {
      if (!n()) return;
      const own = Math.max(0, this.drawn!.seats.findIndex((s) => s.id === this.model?.update.you.delegation));
      const at = this.focus < 0 ? own : this.focus;
      if (e.key === "ArrowRight" || e.key === "ArrowDown") this.focus = (at + 1) % n();
      else if (e.key === "ArrowLeft" || e.key === "ArrowUp") this.focus = (at - 1 + n()) % n();
      else if (e.key === "Enter" || e.key === " ") return e.preventDefault(), this.select(at);
      else return;
      e.preventDefault();
      this.drawFocusRing();
    };
    const onFocus = (): void => {
      const own = this.model?.update.you.delegation;
      if (this.focus < 0) this.focus = Math.max(0, this.drawn?.seats.findIndex((s) => s.id === own) ?? 0);
      this.drawFocusRing();
    };
    const onBlur = (): void => this.drawFocusRing();
    canvas.addEventListener("keydown", onKey);
    canvas.addEventListener("focus", onFocus);
    canvas.addEventListener("blur", onBlur);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      canvas.removeEventListener("keydown", onKey);
      canvas.removeEventListener("focus", onFocus);
      canvas.removeEventListener("blur", onBlur);
    });
  }
}
