/**
 * The summit for a classroom wall. In the lobby: how to join (code, link, QR code) and the names as students arrive.
 * Then: a big clock, the agenda down the left, the same table as the players see (drawTable), the speaking order,
 * public statements and the feed down the right, a news ticker, and a banner while the chair has paused. It follows
 * the live table by itself and shows public information only (the server sends it a spectator's view).
 *
 * Data: `this.registry.get("feed")` (a TableFeed). Sizes: at 1920×1080 no text is under 24 px.
 */
import Phaser from "phaser";
import type { GameEvent } from "../../../shared/state";
import { type TableModel, delegationName } from "../model";
import { describeTable } from "./describeTable";
import { describeFeed } from "./describeFeed";
import { drawRoom, drawTable } from "./drawTable";
import { type Header, drawHeader, updateClock } from "./drawHeader";
import { drawAgenda, drawDrafts } from "./drawAgenda";
import { type Ticker, drawTicker, stepTicker } from "./drawTicker";
import { type Rect, tableGeometry } from "./tableGeometry";
import { followFeed } from "./followFeed";
import { loadFlags } from "./flags";
import { clearFx, playTableEvents } from "./playTableEvents";
import { PALETTE, px } from "./tableStyle";
import { describeWall, drawWall } from "./drawWall";
import { drawProjectorSide } from "./drawProjectorSide";
import { drawPauseBanner } from "./drawOverlays";
import { markDrawn } from "./renderGuard";
import { onLangChange } from "../i18n";

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
    const offLang = onLangChange(() => this.relayout());
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, this.relayout, this);
      offLang();
    });
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
    const lobby = info.status === "lobby";
    // Text sizes follow the height: 31 px at 1080 lines, so that secondary lines (0.8 of it) stay at 24 px or more.
    const size = px(h * 0.029, 14, 40);
    const sideW = !lobby && w >= 900 ? px(w * 0.24, 280, 560) : 0;
    const rightW = !lobby && w >= 1200 ? px(w * 0.26, 300, 620) : 0;
    const body: Rect = { x: sideW, y: headerH, w: w - sideW - rightW, h: h - headerH - (lobby ? 0 : tickerH) };
    // Keep the ticker running smoothly across redraws while its text is unchanged.
    const tickerX = this.ticker && this.ticker.text.active ? this.ticker.text.x : null;
    const oldText = this.ticker?.text.active ? this.ticker.text.text : null;
    this.layer.removeAll(true);
    this.ticker = null;
    const wall = lobby ? describeWall(m) : null;
    drawRoom(this, this.layer, w, h, null);
    let tableArea = body;
    if (wall) tableArea = drawWall(this, this.layer, { x: 0, y: headerH, w, h: h - headerH }, wall).tableArea;
    const geo = tableGeometry({ x: tableArea.x + 10, y: tableArea.y + 10, w: tableArea.w - 20, h: tableArea.h - 20 }, scenario.delegations.length, -Math.PI / 2, Math.round(24 * h / 1080));
    const nameOf = (id: string) => delegationName(m, id);
    const colorsOf = (id: string) => scenario.delegations.find((d) => d.id === id)?.colors ?? ["#888888"];
    const drawn = drawTable(this, this.layer, info, geo, colorsOf, nameOf);
    if (sideW) {
      const g = this.add.graphics();
      g.fillStyle(PALETTE.panel, 0.9).fillRect(0, headerH, sideW, body.h);
      g.lineStyle(1, PALETTE.panelEdge, 1).beginPath().moveTo(sideW, headerH).lineTo(sideW, headerH + body.h).strokePath();
      this.layer.add(g);
      const panel = { x: 0, y: headerH, w: sideW, h: body.h };
      const y = drawAgenda(this, this.layer, panel, headerH + size * 0.6, info.agenda, size);
      drawDrafts(this, this.layer, panel, y, info.drafts, size, nameOf);
    }
    const feed = describeFeed(m);
    if (rightW) drawProjectorSide(this, this.layer, { x: w - rightW, y: headerH, w: rightW, h: body.h }, m, feed, size);
    this.header = drawHeader(this, this.layer, { x: 0, y: 0, w, h: headerH }, info, m, true);
    if (!lobby) {
      this.ticker = drawTicker(this, this.layer, { x: 0, y: h - tickerH, w, h: tickerH }, m.update.view.notices, null);
      if (tickerX !== null && oldText === this.ticker.text.text) this.ticker.text.setX(tickerX);
    }
    if (info.paused) drawPauseBanner(this, this.layer, { x: 0, y: headerH, w, h: h - headerH - tickerH }, px(h * 0.09, 36, 110));
    if (events.length) {
      const noticeArea = { x: body.x, y: body.y, w: body.w, h: body.h / 3 };
      playTableEvents(this, m, { fx: this.fx, drawn, geo, noticeArea }, events);
    }
    markDrawn(this, {
      seq: m.update.seq, status: info.status, paused: info.paused, wall,
      seats: Object.fromEntries(drawn.seats.map((s) => [s.id, s.tokenKind])),
      feed: feed.map((e) => e.key),
    });
  }
}
