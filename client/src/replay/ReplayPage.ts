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
    return { source: new LiveSource(table, live), seminar: live.listing.seminar, title: `${live.listing.seminarTitle} — live` };
  }
  const parsed = parseSessionFile(data);
  if (!parsed.ok) return { error: `The server sent a session file this page cannot read: ${parsed.error}` };
  const opened = LocalSource.open(parsed.file);
  if (!opened.ok) return { error: opened.error };
  return { source: opened.source, seminar: parsed.file.header.source?.seminar ?? "", title: parsed.file.header.title || parsed.file.header.scenario.id };
}

export async function renderReplayPage(root: HTMLElement, table: string): Promise<() => void> {
  useReplayStyle();
  fill(root, h("main", { class: "home" }, h("p", {}, "Opening the replay…")));
  const t0 = performance.now();
  const loaded = await loadSource(table);
  if ("error" in loaded) {
    fill(root, h("main", { class: "home" }, h("h1", {}, "This replay cannot be shown"), h("p", { role: "alert" }, loaded.error), h("a", { href: "/replay" }, "Back to the replay library")));
    return () => undefined;
  }
  const { source } = loaded;
  const feed = new ReplayFeed(table, loaded.seminar, source);
  const canvasBox = h("div", { class: "canvas-box", role: "img", "aria-label": "The summit table at this moment" });
  const transcript = new TranscriptPanel();
  const debrief = source instanceof LocalSource ? new DebriefPanel(source, table, loaded.seminar) : null;
  const tabs = h("div", { class: "tabs", role: "tablist" });
  const body = h("div", { class: "replay-side-body" });
  const side = h("aside", { class: "side" }, tabs, body);
  const showTab = (name: "transcript" | "debrief") => {
    fill(body, name === "debrief" && debrief ? debrief.el : transcript.el);
    // The debrief's tables and charts want room; the table scene resizes with the space left.
    side.classList.toggle("wide", name === "debrief");
    for (const b of tabs.querySelectorAll("button")) b.classList.toggle("active", b.dataset.tab === name);
    for (const b of tabs.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
    if (name === "debrief") debrief?.show();
    else transcript.scrollToNow();
    // The stage changed width: let the table scene fit the space it has now.
    if (game) requestAnimationFrame(() => window.dispatchEvent(new Event("resize")));
  };
  let game: Phaser.Game | null = null;
  tabs.append(
    h("button", { type: "button", class: "tab", role: "tab", "data-tab": "transcript", onclick: () => showTab("transcript") }, "Transcript"),
    h("button", { type: "button", class: "tab", role: "tab", "data-tab": "debrief", disabled: !debrief, title: debrief ? "Scores, outcomes, cohesion, votes, commitments, network" : "The debrief opens once the summit has ended", onclick: () => showTab("debrief") }, "Debrief"),
  );
  const nameOf = (d: string) => { const m = feed.current(); return m ? delegationName(m, d) : d; };
  const timeline = new Timeline(feed, nameOf);
  const fork = h("button", { type: "button", disabled: !(source instanceof LocalSource), title: "Start a new live summit from this moment (a new seminar with its own code)", onclick: () => void forkHere() }, "Fork from here");
  const copy = h("button", { type: "button", onclick: () => void navigator.clipboard?.writeText(location.href).then(() => toast("Link to this moment copied.", "info"), () => toast(location.href, "info")) }, "Copy link");
  const exportLink = source instanceof LocalSource ? h("a", { href: `/api/replays/${encodeURIComponent(table)}/export`, download: "", class: "button-link" }, "Download session file") : h("span", { class: "help" }, "Live: public views only until the summit ends");
  const bar = h("header", { class: "topbar" }, h("a", { href: "/replay", class: "brand" }, "CSTO Summit · Replays"), h("span", { class: "phase replay-title" }, loaded.title), h("span", { class: "replay-actions" }, copy, exportLink, fork));
  fill(root, h("div", { class: "table-page replay-page" }, bar,
    h("div", { class: "stage" }, canvasBox, side),
    timeline.el));

  async function forkHere(): Promise<void> {
    if (!confirm(`Start a new summit from moment ${feed.seq}? It opens paused, with bots in every seat until people take them.`)) return;
    try {
      const f = await api.fork(table, feed.seq);
      location.href = `/host/${encodeURIComponent(f.hostKey)}`;
    } catch (e) {
      toast(`Could not fork: ${(e as { detail?: string }).detail ?? (e as Error).message}`);
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
  document.title = `Replay · ${loaded.title} · CSTO Summit`;
  // For tests and the curious: the feed, and how long opening took (fetch, replay with checkpoints, first moment).
  (window as unknown as { cstoReplay: unknown }).cstoReplay = { feed, openMs: performance.now() - t0 };
  return () => { feed.dispose(); unsub(); clearInterval(poll); document.removeEventListener("keydown", onKey); window.removeEventListener("hashchange", onHash); game?.destroy(true); };
}
