/**
 * The summit table for a classroom wall: a big clock, the agenda down the left, the same table as the players
 * see (drawn by drawTable), and a news ticker of the notices. It follows the live table by itself and shows
 * public information only (the server sends it a spectator's view).
 *
 * Data: `this.registry.get("feed")` (a TableFeed).
 */
import Phaser from "phaser";
import type { GameEvent } from "../../../shared/state";
import { type TableModel, delegationName } from "../model";
import { describeTable } from "./describeTable";
import { drawRoom, drawTable } from "./drawTable";
import { type Header, drawHeader, updateClock } from "./drawHeader";
import { drawAgenda, drawDrafts } from "./drawAgenda";
import { type Ticker, drawTicker, stepTicker } from "./drawTicker";
import { type Rect, tableGeometry } from "./tableGeometry";
import { followFeed } from "./followFeed";
import { loadFlags } from "./flags";
import { clearFx, playTableEvents } from "./playTableEvents";
import { PALETTE, px } from "./tableStyle";

export class ProjectorScene extends Phaser.Scene {
  private model: TableModel | null = null;
  private layer!: Phaser.GameObjects.Container;
  private fx!: Phaser.GameObjects.Container;
  private header: Header | null = null;
  private ticker: Ticker | null = null;

  constructor() {
    super("projector");
  }

  preload(): void {
    loadFlags(this);
  }

  create(): void {
    this.layer = this.add.container(0, 0);
    this.fx = this.add.container(0, 0).setDepth(10);
    this.scale.on(Phaser.Scale.Events.RESIZE, this.relayout, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.scale.off(Phaser.Scale.Events.RESIZE, this.relayout, this));
    this.time.addEvent({ delay: 250, loop: true, callback: () => this.header && this.model && updateClock(this.header, this.model) });
    followFeed(this, (m, events) => this.show(m, events));
  }

  override update(_time: number, delta: number): void {
    if (this.ticker) stepTicker(this.ticker, delta, px(this.scale.width * 0.06, 50, 140));
  }

  private relayout(): void {
    clearFx(this, this.fx);
    this.ticker = null;
    if (this.model) this.show(this.model, []);
  }

  private show(m: TableModel, events: GameEvent[]): void {
    this.model = m;
    const { width: w, height: h } = this.scale;
    const info = describeTable(m);
    const scenario = m.welcome.scenario;
    const headerH = px(h * 0.1, 56, 120);
    const tickerH = px(h * 0.06, 34, 72);
    const panelW = w >= 900 ? px(w * 0.24, 280, 520) : 0;
    const body: Rect = { x: panelW, y: headerH, w: w - panelW, h: h - headerH - tickerH };
    const geo = tableGeometry({ x: body.x + 10, y: body.y + 10, w: body.w - 20, h: body.h - 20 }, scenario.delegations.length, -Math.PI / 2);
    // Keep the ticker running smoothly across redraws while its text is unchanged.
    const tickerX = this.ticker && this.ticker.text.active ? this.ticker.text.x : null;
    const oldText = this.ticker?.text.active ? this.ticker.text.text : null;
    this.layer.removeAll(true);
    drawRoom(this, this.layer, w, h, geo);
    const nameOf = (id: string) => delegationName(m, id);
    const colorsOf = (id: string) => scenario.delegations.find((d) => d.id === id)?.colors ?? ["#888888"];
    const drawn = drawTable(this, this.layer, info, geo, colorsOf, nameOf);
    if (panelW) {
      const g = this.add.graphics();
      g.fillStyle(PALETTE.panel, 0.9).fillRect(0, headerH, panelW, body.h);
      g.lineStyle(1, PALETTE.panelEdge, 1).beginPath().moveTo(panelW, headerH).lineTo(panelW, headerH + body.h).strokePath();
      this.layer.add(g);
      const size = px(panelW * 0.05, 14, 26);
      const panel = { x: 0, y: headerH, w: panelW, h: body.h };
      const y = drawAgenda(this, this.layer, panel, headerH + size, info.agenda, size);
      drawDrafts(this, this.layer, panel, y, info.drafts, size, nameOf);
    }
    this.header = drawHeader(this, this.layer, { x: 0, y: 0, w, h: headerH }, info, m, true);
    this.ticker = drawTicker(this, this.layer, { x: 0, y: h - tickerH, w, h: tickerH }, m.update.view.notices, null);
    if (tickerX !== null && oldText === this.ticker.text.text) this.ticker.text.setX(tickerX);
    if (events.length) {
      const noticeArea = { x: body.x, y: body.y, w: body.w, h: body.h / 3 };
      playTableEvents(this, m, { fx: this.fx, drawn, geo, noticeArea }, events);
    }
  }
}
