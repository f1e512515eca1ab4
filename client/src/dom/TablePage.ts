/** A table page: the Phaser canvas beside the DOM panels, for a player, the host or the projector. */
import Phaser from "phaser";
import type { Connection } from "../net/Connection";
import { delegationName, mmss, outcomeLabel, PHASE_LABEL, secondsLeft, type TableModel } from "../model";
import type { GameEvent } from "../../../shared/state";
import { TableScene } from "../scenes/TableScene";
import { animationMs } from "../scenes/playTableEvents";
import { ProjectorScene } from "../scenes/ProjectorScene";
import { AgendaPanel } from "./AgendaPanel";
import { NegotiationPanel } from "./NegotiationPanel";
import { TeamPanel } from "./TeamPanel";
import { HostConsole } from "./HostConsole";
import { FeedPanel } from "./FeedPanel";
import { tableRenderer } from "../scenes/renderer";
import type { SeminarInfo } from "../../../shared/protocol";
import { h, fill } from "./h";
import { announce, toast } from "./announce";

/** What to say aloud for the events that matter to someone who cannot see the table. */
function spoken(m: TableModel, e: GameEvent): string | null {
  switch (e.type) {
    case "phase.changed": return `Round ${e.round}: ${PHASE_LABEL[e.phase] ?? e.phase} begins.`;
    case "ballot.opened": {
      const item = m.welcome.scenario.items.find((i) => i.id === e.item);
      const what = e.option === "postpone" ? "a motion to postpone" : item?.options.find((o) => o.id === e.option)?.title ?? e.option;
      return `Ballot open on ${item?.title ?? e.item}: ${what}.`;
    }
    case "ballot.closed": return `Ballot ${e.result === "passed" ? "passed" : "failed"}.`;
    case "item.decided": return `${m.welcome.scenario.items.find((i) => i.id === e.item)?.title ?? e.item}: ${outcomeLabel(m, e.item, e.outcome)}.`;
    case "summit.ended": return "The summit has ended. Scores and secret priorities are revealed.";
    case "notice": return `News: ${e.notice.title}.`;
    default: return null;
  }
}

export function renderTablePage(root: HTMLElement, conn: Connection, host?: { key: string; info: SeminarInfo; pick: (t: string) => void }): () => void {
  const projector = conn.mode === "projector";
  const canvasBox = h("div", { class: "canvas-box" });
  const clock = h("span", { class: "clock", "aria-live": "off" });
  const phase = h("span", { class: "phase" });
  const status = h("span", { class: "net", role: "status" });
  const bar = h("header", { class: "topbar" }, h("a", { href: "/", class: "brand" }, "CSTO Summit"), phase, clock, status);
  const agenda = projector ? null : new AgendaPanel(conn);
  const talk = conn.mode === "player" ? new NegotiationPanel(conn) : null;
  const team = conn.mode === "player" ? new TeamPanel(conn) : null;
  const hostConsole = host ? new HostConsole(conn, host.key, host.info, host.pick) : null;
  const feed = projector ? null : FeedPanel.follow(conn);
  const side = h("aside", { class: "side" }, hostConsole?.el, agenda?.el, feed?.el, team?.el, talk?.el);
  fill(root, h("div", { class: projector ? "table-page projector" : "table-page" }, bar, h("div", { class: "stage" }, canvasBox, projector ? null : side)));

  const game = new Phaser.Game({
    // The 2D canvas by default (measured: docs/BENCHMARKS.md "Renderer"); `?renderer=webgl` asks for WebGL.
    type: tableRenderer(),
    parent: canvasBox,
    backgroundColor: "#0f1a2b",
    scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
    scene: projector ? [ProjectorScene] : [TableScene],
    callbacks: { preBoot: (g) => g.registry.set("feed", conn) },
    banner: false,
    fps: { limit: 30 },
  });
  game.events.on("seat-selected", (d: string) => talk?.openWith(d));
  // The first frame drawn with a model in hand is the "time to first table" the benchmark reads.
  const markDrawn = () => {
    if (!conn.current()) return;
    performance.mark("table-drawn");
    game.events.off("postrender", markDrawn);
  };
  game.events.on("postrender", markDrawn);
  // The table is still most of the time: render on demand, so phones and classrooms full of laptops stay cool.
  let idle: ReturnType<typeof setTimeout> | undefined;
  const wake = (ms = 2000) => {
    game.loop.wake();
    clearTimeout(idle);
    if (!projector) idle = setTimeout(() => game.loop.sleep(), ms);
  };
  // The projector's ticker scrolls all the time: the wall display never sleeps.
  if (projector) game.loop.wake(); else wake(4000);
  for (const type of ["pointerdown", "pointermove", "keydown", "wheel"]) canvasBox.addEventListener(type, () => wake(), { passive: true });
  window.addEventListener("resize", () => wake());

  const draw = (m: TableModel) => {
    const v = m.update.view;
    phase.textContent = v.status === "lobby" ? "Lobby" : v.status === "ended" ? "Ended" : `Round ${v.round} · ${PHASE_LABEL[v.phase ?? ""] ?? ""}${v.status === "paused" ? " · paused" : ""}`;
    const secs = secondsLeft(m);
    clock.textContent = secs === null ? "" : mmss(secs);
    const you = m.update.you;
    document.title = `${you.delegation ? delegationName(m, you.delegation) + " · " : ""}CSTO Summit`;
  };
  const unsub = conn.subscribe((m, events) => {
    wake(events.length ? Math.max(3000, animationMs(events)) : 1000);
    draw(m);
    agenda?.render(m);
    talk?.render(m);
    team?.render(m);
    hostConsole?.render(m);
    for (const e of events) { const s = spoken(m, e); if (s) announce(s); }
  });
  const m0 = conn.current();
  if (m0) { draw(m0); agenda?.render(m0); talk?.render(m0); team?.render(m0); hostConsole?.render(m0); }
  const tick = setInterval(() => {
    const m = conn.current();
    if (!m) return;
    const secs = secondsLeft(m);
    clock.textContent = secs === null ? "" : mmss(secs);
    if (secs !== null && m.update.view.status === "running") wake(1100);
  }, 1000);
  const unStatus = conn.onStatus((s) => {
    status.textContent = s === "connected" ? "" : s === "reconnecting" ? "Reconnecting…" : "Connection lost — reload the page";
    status.className = `net ${s}`;
    if (s === "connected") announce("Connected. Your seat is restored.");
  });
  conn.onError = (_code, text) => toast(text);
  return () => { clearTimeout(idle); unsub(); unStatus(); clearInterval(tick); hostConsole?.dispose(); game.destroy(true); };
}
