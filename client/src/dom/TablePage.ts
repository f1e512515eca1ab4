/**
 * A table page: the Phaser canvas and the DOM panels, for a player, the host or the projector.
 * Phones first: a status bar that never scrolls away, tabs (Table · Agenda · Talk · Briefing · Rules) instead of one long
 * page, and the vote prompt pinned in view. On wide screens the canvas stays on the left and the tabs hold the side column.
 * Everything is drawn with lit-html, so updates patch the DOM in place and keep the reader's place.
 */
import Phaser from "phaser";
import { html, nothing, render } from "lit-html";
import type { Connection } from "../net/Connection";
import { delegationName, mmss, outcomeLabel, secondsLeft, type TableModel } from "../model";
import type { GameEvent } from "../../../shared/state";
import type { LegalAction } from "../../../shared/legalActions";
import { TableScene } from "../scenes/TableScene";
import { animationMs } from "../scenes/playTableEvents";
import { ProjectorScene } from "../scenes/ProjectorScene";
import { AgendaPanel } from "./AgendaPanel";
import { NegotiationPanel } from "./NegotiationPanel";
import { TeamPanel } from "./TeamPanel";
import { BriefingPanel } from "./BriefingPanel";
import { RulesPanel } from "./RulesPanel";
import { HostConsole } from "./HostConsole";
import { FeedPanel } from "./FeedPanel";
import { tableRenderer } from "../scenes/renderer";
import { langSwitch } from "./LangSwitch";
import type { SeminarInfo } from "../../../shared/protocol";
import { onLangChange, t } from "../i18n";
import { announce, toast } from "./announce";

type Tab = "table" | "agenda" | "talk" | "briefing" | "rules";
const WIDE = "(min-width: 901px)";

/** What to say aloud for the events that matter to someone who cannot see the table. */
function spoken(m: TableModel, e: GameEvent): string | null {
  switch (e.type) {
    case "phase.changed": return t("table:say.phase", { round: e.round, phase: t(`phase.${e.phase}`) });
    case "ballot.opened": {
      const item = m.welcome.scenario.items.find((i) => i.id === e.item);
      const what = e.option === "postpone" ? t("table:agenda.postponeMotion") : item?.options.find((o) => o.id === e.option)?.title ?? e.option;
      return t("table:say.ballotOpened", { item: item?.title ?? e.item, option: what });
    }
    case "ballot.closed": return e.result === "passed" ? t("table:say.passed") : t("table:say.failed");
    case "item.decided": return `${m.welcome.scenario.items.find((i) => i.id === e.item)?.title ?? e.item}: ${outcomeLabel(m, e.item, e.outcome)}.`;
    case "summit.ended": return t("table:say.ended");
    case "notice": return t("table:say.notice", { title: e.notice.title });
    default: return null;
  }
}

export function renderTablePage(root: HTMLElement, conn: Connection, host?: { key: string; info: SeminarInfo; pick: (t: string) => void }): () => void {
  const projector = conn.mode === "projector";
  const player = conn.mode === "player";
  const canvasBox = document.createElement("div");
  canvasBox.className = "canvas-box";
  // The FeedPanel (news, the chair's notices, ballot results) mounts here, under the canvas in the Table tab.
  const feedSlot = document.createElement("div");
  feedSlot.className = "feed-slot";
  feedSlot.id = "feed-slot";
  const feed = projector ? null : FeedPanel.follow(conn);
  if (feed) feedSlot.append(feed.el);
  const agenda = projector ? null : new AgendaPanel(conn);
  const talk = player ? new NegotiationPanel(conn) : null;
  const team = player ? new TeamPanel(conn) : null;
  const briefing = player ? new BriefingPanel() : null;
  const rules = projector ? null : new RulesPanel();
  const hostConsole = host ? new HostConsole(conn, host.key, host.info, host.pick) : null;
  const lang = langSwitch();
  const wideQuery = matchMedia(WIDE);
  let tab: Tab = wideQuery.matches ? "agenda" : "table";
  let net = "";
  let netState = "connected";
  /** The newest message seen while the Talk tab was open: later ones from others make its badge. */
  let seenSeq = -1;
  /** The legal moves of the last running moment: while paused the forms stay (disabled in effect), so nothing typed is lost. */
  let liveLegal: LegalAction[] = [];
  let shown: TableModel | null = null;

  const tabs = (): Tab[] => (projector ? [] : player ? ["table", "agenda", "talk", "briefing", "rules"] : ["table", "agenda", "rules"]);
  /** On wide screens the canvas is always there, so "table" shows the agenda beside it. */
  const sideTab = (): Tab => (tab === "table" && wideQuery.matches ? "agenda" : tab);

  const select = (next: Tab, focusPane = false) => {
    tab = next;
    if (next === "talk" && shown) seenSeq = Math.max(seenSeq, ...shown.update.view.messages.map((x) => x.seq));
    frame();
    wake();
    if (next === "talk") talk?.showLatest();
    if (next === "table") game.scale.refresh();
    if (focusPane) root.querySelector<HTMLElement>(`#pane-${sideTab()}`)?.focus();
  };
  const tabKey = (e: KeyboardEvent) => {
    const list = tabs().filter((x) => !(x === "table" && wideQuery.matches));
    const i = list.indexOf(sideTab());
    const to = e.key === "ArrowRight" ? list[(i + 1) % list.length] : e.key === "ArrowLeft" ? list[(i - 1 + list.length) % list.length] : null;
    if (!to) return;
    e.preventDefault();
    select(to);
    root.querySelector<HTMLElement>(`#tab-${to}`)?.focus();
  };

  const unread = (m: TableModel | null) => {
    if (!m || sideTab() === "talk") return 0;
    return m.update.view.messages.filter((x) => x.seq > seenSeq && x.from !== m.update.you.delegation).length;
  };

  const statusBar = (m: TableModel | null) => {
    const v = m?.update.view;
    const phase = !m || !v ? "" : v.status === "lobby" ? t("status.lobby") : v.status === "ended" ? t("status.ended") :
      `${t("round", { round: v.round })} · ${t(`phase.${v.phase ?? "opening"}`)}`;
    const secs = m ? secondsLeft(m) : null;
    const paused = v?.status === "paused";
    const myTurn = !!m && m.update.legal.some((a) => a.type === "vote");
    const you = m?.update.you.delegation;
    return html`<header class=${`topbar${paused ? " is-paused" : ""}`}>
      <a href="/" class="brand">${t("brand")}</a>
      <h1 class="sr-only">${m ? m.welcome.scenario.title : t("brand")}</h1>
      ${you && m ? html`<span class="you">${delegationName(m, you)}</span>` : nothing}
      <span class="phase">${phase}</span>
      <span class="clock" role="timer" aria-live="off" aria-label=${t("table:status.clock")}>${secs === null ? "" : mmss(secs)}</span>
      ${paused ? html`<span class="pause-badge" role="status"><span aria-hidden="true">⏸ </span>${t("table:status.pausedLong")}</span>` : nothing}
      ${myTurn ? html`<button type="button" class="your-turn" @click=${() => root.querySelector<HTMLElement>(".vote-prompt .vote")?.focus()}>${t("table:status.yourTurn")}</button>` : nothing}
      <span class=${`net ${netState}`} role="status">${net}</span>
      ${lang}
    </header>`;
  };

  const tabBar = (m: TableModel | null) => {
    const list = tabs();
    if (!list.length) return nothing;
    const n = unread(m);
    return html`<nav class="tabbar" aria-label=${t("table:tabs.label")}><div role="tablist" @keydown=${tabKey}>
      ${list.map((x) => html`<button type="button" role="tab" id=${`tab-${x}`} class=${`page-tab tab-${x}`} aria-controls=${`pane-${x}`}
        aria-selected=${String(sideTab() === x)} @click=${() => select(x)}>${t(`table:tabs.${x}`)}${x === "talk" && n > 0 ? html`<span class="badge" aria-label=${t("table:talk.unread", { count: n })}>${n}</span>` : nothing}</button>`)}
    </div></nav>`;
  };

  const frame = () => {
    const m = shown;
    render(html`<div class=${`table-page ${conn.mode}`} data-tab=${sideTab()} data-seq=${m?.update.seq ?? -1}>
      ${statusBar(m)}
      ${tabBar(m)}
      ${agenda?.prompt ?? nothing}
      <main class="stage">
        <section class="pane pane-table" id="pane-table" role=${projector ? nothing : "tabpanel"} aria-label=${t("table:tabs.table")} tabindex="-1">${canvasBox}${projector ? nothing : feedSlot}</section>
        ${projector ? nothing : html`<div class="side">
          <section class="pane pane-agenda" id="pane-agenda" role="tabpanel" aria-labelledby="tab-agenda" tabindex="-1">${hostConsole?.el ?? nothing}${agenda?.el ?? nothing}${team?.el ?? nothing}</section>
          ${talk ? html`<section class="pane pane-talk" id="pane-talk" role="tabpanel" aria-labelledby="tab-talk" tabindex="-1">${talk.el}</section>` : nothing}
          ${briefing ? html`<section class="pane pane-briefing" id="pane-briefing" role="tabpanel" aria-labelledby="tab-briefing" tabindex="-1">${briefing.el}</section>` : nothing}
          ${rules ? html`<section class="pane pane-rules" id="pane-rules" role="tabpanel" aria-labelledby="tab-rules" tabindex="-1">${rules.el}</section>` : nothing}
        </div>`}
      </main>
    </div>`, mount);
  };
  // lit-html keeps its place in the container it renders into: a fresh one per page (the host reopens pages in one root).
  const mount = document.createElement("div");
  mount.className = "page-mount";
  root.replaceChildren(mount);
  frame();

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
  game.events.on("seat-selected", (d: string) => { if (talk) { select("talk"); talk.openWith(d); } });
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
  const onResize = () => { frame(); wake(); };
  window.addEventListener("resize", onResize);
  wideQuery.addEventListener("change", onResize);

  const panels = (m: TableModel) => {
    const v = m.update.view;
    if (v.status !== "paused") liveLegal = m.update.legal;
    shown = v.status === "paused" ? { ...m, update: { ...m.update, legal: liveLegal } } : m;
    if (sideTab() === "talk") seenSeq = Math.max(seenSeq, ...v.messages.map((x) => x.seq));
    const you = m.update.you;
    document.title = `${you.delegation ? delegationName(m, you.delegation) + " · " : ""}${t("brand")}`;
    agenda?.render(shown);
    talk?.render(shown);
    team?.render(shown);
    briefing?.render(shown);
    rules?.render(m.welcome.scenario.objections);
    hostConsole?.render(m);
    frame();
  };
  const unsub = conn.subscribe((m, events) => {
    wake(events.length ? Math.max(3000, animationMs(events)) : 1000);
    panels(m);
    for (const e of events) { const s = spoken(m, e); if (s) announce(s); }
  });
  const m0 = conn.current();
  if (m0) panels(m0);
  const offLang = onLangChange(() => { const m = conn.current(); if (m) panels(m); else frame(); });
  const tick = setInterval(() => {
    const m = conn.current();
    if (!m) return;
    frame();
    const secs = secondsLeft(m);
    if (secs !== null && m.update.view.status === "running") wake(1100);
  }, 1000);
  const unStatus = conn.onStatus((s) => {
    net = s === "connected" ? "" : s === "reconnecting" ? t("net.reconnecting") : t("net.lost");
    netState = s;
    frame();
    if (s === "connected") announce(t("net.restored"));
  });
  conn.onError = (_code, text) => toast(text);
  return () => {
    clearTimeout(idle); unsub(); unStatus(); offLang(); clearInterval(tick); hostConsole?.dispose(); game.destroy(true);
    window.removeEventListener("resize", onResize); wideQuery.removeEventListener("change", onResize);
  };
}
