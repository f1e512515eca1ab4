/**
 * The replay viewer (/replay/ID#seq=N&as=AM): the summit table scene fed by a ReplayFeed, the transcript and the
 * debrief beside it, the timeline below. A finished session replays in the browser; a running one shows public views.
 */
import Phaser from "phaser";
import { LIVE_FORMAT, type LiveReplay } from "../../../shared/replayProtocol";
import { parsePerspective, perspectiveKey } from "../../../shared/replayView";
import { parseSessionFile } from "../../../shared/sessionFile";
import { toast } from "../dom/announce";
import { fill, h } from "../dom/h";
import { langSwitch } from "../dom/LangSwitch";
import { onLangChange, t } from "../i18n";
import { delegationName } from "../model";
import { api } from "../net/Connection";
import { TableScene } from "../scenes/TableScene";
import { DebriefPanel } from "./DebriefPanel";
import { LiveSource } from "./liveSource";
import { LocalSource } from "./localSource";
import { ReplayFeed, type ReplaySource } from "./ReplayFeed";
import { useReplayStyle } from "./replayStyle";
import { Timeline } from "./Timeline";
import { TranscriptPanel } from "./TranscriptPanel";

/** Reads #seq=N&as=KEY&tab=debrief. */
function linkState(): { seq: number | null; as: string | null; tab: string | null } {
  const p = new URLSearchParams(location.hash.slice(1));
  const seq = p.get("seq");
  return { seq: seq !== null && /^\d+$/.test(seq) ? Number(seq) : null, as: p.get("as"), tab: p.get("tab") };
}

async function loadSource(table: string): Promise<{ source: ReplaySource; seminar: string; title: string } | { error: string }> {
  const data = await api.replay(table);
  if ((data as LiveReplay).format === LIVE_FORMAT) {
    const live = data as LiveReplay;
    return { source: new LiveSource(table, live), seminar: live.listing.seminar, title: t("replay:viewer.liveTitle", { title: live.listing.seminarTitle }) };
  }
  const parsed = parseSessionFile(data);
  if (!parsed.ok) return { error: t("replay:viewer.badFile", { error: parsed.error }) };
  const opened = LocalSource.open(parsed.file);
  if (!opened.ok) return { error: opened.error };
  return { source: opened.source, seminar: parsed.file.header.source?.seminar ?? "", title: parsed.file.header.title || parsed.file.header.scenario.id };
}

export async function renderReplayPage(root: HTMLElement, table: string): Promise<() => void> {
  useReplayStyle();
  fill(root, h("main", { class: "home" }, h("p", {}, t("replay:viewer.opening"))));
  const t0 = performance.now();
  const loaded = await loadSource(table);
  if ("error" in loaded) {
    fill(root, h("main", { class: "home" }, h("h1", {}, t("replay:viewer.cannotShow")), h("p", { role: "alert" }, loaded.error), h("a", { href: "/replay" }, t("replay:viewer.backToLibrary"))));
    return () => undefined;
  }
  const { source } = loaded;
  const feed = new ReplayFeed(table, loaded.seminar, source);
  const canvasBox = h("div", { class: "canvas-box", role: "img", "aria-label": t("replay:viewer.tableImage") });
  const transcript = new TranscriptPanel();
  const debrief = source instanceof LocalSource ? new DebriefPanel(source, table, loaded.seminar, (seq) => {
    // A key moment: the viewer goes there, and on a phone the table scrolls into view.
    void feed.step(seq - feed.seq);
    canvasBox.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }) : null;
  const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": t("replay:viewer.tabs") });
  const body = h("div", { class: "replay-side-body", role: "tabpanel", id: "replay-panel" });
  const side = h("aside", { class: "side" }, tabs, body);
  const showTab = (name: "transcript" | "debrief") => {
    fill(body, name === "debrief" && debrief ? debrief.el : transcript.el);
    // The debrief's tables and charts want room; the table scene resizes with the space left.
    side.classList.toggle("wide", name === "debrief");
    for (const b of tabs.querySelectorAll("button")) b.classList.toggle("active", b.dataset.tab === name);
    for (const b of tabs.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
    body.setAttribute("aria-labelledby", `tab-${name}`);
    if (name === "debrief") debrief?.show();
    else transcript.scrollToNow();
    // The stage changed width: let the table scene fit the space it has now.
    if (game) requestAnimationFrame(() => window.dispatchEvent(new Event("resize")));
  };
  let game: Phaser.Game | null = null;
  const transcriptTab = h("button", { type: "button", class: "tab", role: "tab", id: "tab-transcript", "aria-controls": "replay-panel", "data-tab": "transcript", onclick: () => showTab("transcript") });
  const debriefTab = h("button", { type: "button", class: "tab", role: "tab", id: "tab-debrief", "aria-controls": "replay-panel", "data-tab": "debrief", disabled: !debrief, onclick: () => showTab("debrief") });
  tabs.append(transcriptTab, debriefTab);
  const nameOf = (d: string) => { const m = feed.current(); return m ? delegationName(m, d) : d; };
  const timeline = new Timeline(feed, nameOf);
  const fork = h("button", { type: "button", disabled: !(source instanceof LocalSource), onclick: () => void forkHere() });
  const copy = h("button", { type: "button", onclick: () => void navigator.clipboard?.writeText(location.href).then(() => toast(t("replay:viewer.copied"), "info"), () => toast(location.href, "info")) });
  const exportLink = source instanceof LocalSource ? h("a", { href: `/api/replays/${encodeURIComponent(table)}/export`, download: "", class: "button-link" }) : h("span", { class: "help" });
  const brand = h("a", { href: "/replay", class: "brand" });
  const actions = h("span", { class: "replay-actions", role: "group" }, copy, exportLink, fork);
  const words = () => {
    brand.textContent = t("replay:viewer.brand");
    canvasBox.setAttribute("aria-label", t("replay:viewer.tableImage"));
    tabs.setAttribute("aria-label", t("replay:viewer.tabs"));
    transcriptTab.textContent = t("replay:viewer.transcript");
    debriefTab.textContent = t("replay:viewer.debrief");
    debriefTab.title = t(debrief ? "replay:viewer.debriefTitle" : "replay:viewer.debriefLater");
    fork.textContent = t("replay:viewer.fork");
    fork.title = t("replay:viewer.forkTitle");
    copy.textContent = t("replay:viewer.copyLink");
    exportLink.textContent = t(source instanceof LocalSource ? "replay:viewer.download" : "replay:viewer.liveOnly");
    actions.setAttribute("aria-label", t("replay:viewer.actions"));
    document.title = t("replay:viewer.docTitle", { title: loaded.title });
  };
  words();
  const offLang = onLangChange(words);
  const bar = h("header", { class: "topbar" }, brand, h("h1", { class: "phase replay-title" }, loaded.title), actions, langSwitch());
  fill(root, h("div", { class: "table-page replay-page" }, bar,
    h("main", { class: "stage" }, canvasBox, side),
    timeline.el));

  async function forkHere(): Promise<void> {
    if (!confirm(t("replay:viewer.forkConfirm", { seq: feed.seq }))) return;
    try {
      const f = await api.fork(table, feed.seq);
      location.href = `/host/${encodeURIComponent(f.hostKey)}`;
    } catch (e) {
      toast(t("replay:viewer.forkFailed", { detail: (e as { detail?: string }).detail ?? (e as Error).message }));
    }
  }

  game = new Phaser.Game({
    type: (new URLSearchParams(location.search).get("renderer") ?? localStorage.getItem("csto.renderer")) === "canvas" ? Phaser.CANVAS : Phaser.AUTO,
    parent: canvasBox,
    backgroundColor: "#0f1a2b",
    scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
    scene: [TableScene],
    callbacks: { preBoot: (g) => g.registry.set("feed", feed) },
    banner: false,
    fps: { limit: 30 },
  });
  // Draw on demand: the table is still between moments.
  let idle: ReturnType<typeof setTimeout> | undefined;
  function wake(ms = 1500): void {
    game?.loop.wake();
    clearTimeout(idle);
    idle = setTimeout(() => { if (!feed.playing) game?.loop.sleep(); }, ms);
  }
  for (const type of ["pointerdown", "pointermove", "keydown", "wheel"]) canvasBox.addEventListener(type, () => wake(), { passive: true });
  window.addEventListener("resize", () => wake());
  game.events.on("seat-selected", (d: string) => void feed.setPerspective({ kind: "delegation", delegation: d }));

  let hashTimer: ReturnType<typeof setTimeout> | undefined;
  const unsub = feed.subscribe((m, events) => {
    wake(events.length ? 2500 : 1200);
    transcript.render(m);
    clearTimeout(hashTimer);
    hashTimer = setTimeout(() => {
      const p = new URLSearchParams(location.hash.slice(1));
      p.set("seq", String(feed.seq));
      p.set("as", perspectiveKey(feed.perspective));
      history.replaceState(null, "", `#${p}`);
    }, feed.playing ? 500 : 0);
  });
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.tagName === "BUTTON") && e.key !== "Escape") return;
    if (e.key === " ") { e.preventDefault(); feed.toggle(); }
    else if (e.key === "ArrowRight" || e.key === ".") void feed.step(1);
    else if (e.key === "ArrowLeft" || e.key === ",") void feed.step(-1);
    else if (e.key === "Home") void feed.step(-feed.seq);
    else if (e.key === "End") void feed.step(source.length - feed.seq);
  };
  document.addEventListener("keydown", onKey);
  const onHash = () => {
    const l = linkState();
    if (l.seq !== null && l.seq !== feed.seq) void feed.step(l.seq - feed.seq);
  };
  window.addEventListener("hashchange", onHash);
  const poll = source instanceof LiveSource ? setInterval(() => void source.refresh().then((grew) => grew && timeline.render({ ...feedState() })), 15_000) : undefined;
  const feedState = () => ({ seq: feed.seq, length: source.length, playing: feed.playing, speed: feed.speed, perspective: feed.perspective, moment: feed.moment });

  const link = linkState();
  feed.perspective = parsePerspective(link.as, source.delegations);
  if (!source.perspectives().some((p) => perspectiveKey(p) === perspectiveKey(feed.perspective))) feed.perspective = { kind: "public" };
  await feed.seek(link.seq ?? source.length);
  showTab(link.tab === "debrief" && debrief ? "debrief" : "transcript");
  // For tests and the curious: the feed, and how long opening took (fetch, replay with checkpoints, first moment).
  (window as unknown as { cstoReplay: unknown }).cstoReplay = { feed, openMs: performance.now() - t0 };
  return () => { offLang(); feed.dispose(); unsub(); clearInterval(poll); document.removeEventListener("keydown", onKey); window.removeEventListener("hashchange", onHash); game?.destroy(true); };
}
