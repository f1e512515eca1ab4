/**
 * The replay's timeline and transport: a strip with phase boundaries, ballots, decisions and events marked (each a
 * button that jumps there), a slider over every moment, play/pause, step ±1, speed, jump-to and perspective.
 * On a phone the strip's marks are too close to tap: there the strip is a picture and the jump list does the work.
 */
import { isAdopted } from "../../../shared/outcomes";
import type { Marker } from "../../../shared/replayCursor";
import { type Perspective, perspectiveKey } from "../../../shared/replayView";
import { fill, h } from "../dom/h";
import { onLangChange, t } from "../i18n";
import { mmss, outcomeLabel, PHASE_LABEL } from "../model";
import { type ReplayControls, type ReplayFeed, SPEEDS } from "./ReplayFeed";

/** Below this width the marks sit closer than a finger: the strip is shown but not tapped. */
const NARROW = "(max-width: 700px)";

export class Timeline {
  readonly el: HTMLElement;
  private strip = h("div", { class: "tl-strip", role: "group" });
  private slider = h("input", { type: "range", min: 0, max: 0, step: 1, value: 0, class: "tl-slider" });
  private playBtn = h("button", { type: "button", class: "tl-play" });
  private where = h("span", { class: "tl-where", "aria-live": "off" });
  private speed = h("select", { class: "tl-speed" }, ...SPEEDS.map((s) => h("option", { value: s }, `${s}×`)));
  private jump = h("select", { class: "tl-jump" });
  private persp = h("select", { class: "tl-persp", id: "tl-persp" });
  private perspLabel = h("label", { class: "tl-persp-label", for: "tl-persp" });
  private buttons: { el: HTMLButtonElement; key: string }[] = [];
  private drawnFor = -1;
  private last: ReplayControls | null = null;

  constructor(private feed: ReplayFeed, private nameOf: (d: string) => string) {
    const btn = (key: string, text: string, f: () => void) => {
      const el = h("button", { type: "button", class: "tl-step", onclick: f }, h("span", { "aria-hidden": "true" }, text), h("span", { class: "sr-only" }));
      this.buttons.push({ el, key });
      return el;
    };
    this.el = h("section", { class: "timeline" },
      this.strip,
      this.slider,
      h("div", { class: "tl-controls" },
        btn("first", "|◀", () => void feed.step(-feed.seq)),
        btn("back", "◀ 1", () => void feed.step(-1)),
        this.playBtn,
        btn("forward", "1 ▶", () => void feed.step(1)),
        btn("last", "▶|", () => void feed.step(feed.source.length - feed.seq)),
        this.speed, this.jump, this.where,
        h("span", { class: "tl-persp-wrap" }, this.perspLabel, this.persp)),
    );
    this.playBtn.addEventListener("click", () => feed.toggle());
    this.slider.addEventListener("input", () => { feed.pause(); void feed.seek(Number(this.slider.value)); });
    this.speed.addEventListener("change", () => feed.setSpeed(Number(this.speed.value)));
    this.jump.addEventListener("change", () => {
      if (this.jump.value !== "") void feed.step(Number(this.jump.value) - feed.seq);
      this.jump.value = "";
    });
    this.persp.addEventListener("change", () => void feed.setPerspective(this.perspectives().find((p) => perspectiveKey(p) === this.persp.value) ?? { kind: "public" }));
    const narrow = window.matchMedia(NARROW);
    const fit = () => {
      this.strip.inert = narrow.matches;
      this.strip.setAttribute("aria-hidden", String(narrow.matches));
    };
    narrow.addEventListener("change", fit);
    fit();
    this.labels();
    onLangChange(() => {
      this.labels();
      this.drawnFor = -1;
      if (this.last) this.render(this.last);
    });
    feed.onControls((c) => this.render(c));
  }

  /** The words that do not change with the moment. */
  private labels(): void {
    this.el.setAttribute("aria-label", t("replay:timeline.region"));
    this.strip.setAttribute("aria-label", t("replay:timeline.marks"));
    this.slider.setAttribute("aria-label", t("replay:timeline.slider"));
    this.speed.setAttribute("aria-label", t("replay:timeline.speed"));
    this.jump.setAttribute("aria-label", t("replay:timeline.jump"));
    this.perspLabel.textContent = t("replay:timeline.watchAs");
    for (const b of this.buttons) {
      b.el.title = t(`replay:timeline.${b.key}`);
      b.el.lastElementChild!.textContent = t(`replay:timeline.${b.key}`);
    }
  }

  private perspectives(): Perspective[] { return this.feed.source.perspectives(); }

  private label(p: Perspective): string {
    return p.kind === "delegation" ? this.nameOf(p.delegation) : t(`replay:timeline.persp.${p.kind}`);
  }

  /** Redraws the strip and the jump list when the session grew (a live one), then the moment. */
  render(c: ReplayControls): void {
    this.last = c;
    if (this.drawnFor !== c.length) this.drawMarkers(c.length);
    this.slider.max = String(c.length);
    this.slider.value = String(c.seq);
    const momentOf = t("replay:timeline.momentOf", { seq: c.seq, length: c.length });
    this.slider.setAttribute("aria-valuetext", momentOf);
    // The visible word is the button's whole name (no aria-label to disagree with it).
    this.playBtn.replaceChildren(h("span", { "aria-hidden": "true" }, c.playing ? "❚❚ " : "▶ "), t(c.playing ? "replay:timeline.pause" : "replay:timeline.play"));
    this.speed.value = String(c.speed);
    this.persp.value = perspectiveKey(c.perspective);
    const v = c.moment?.view;
    const start = this.feed.source.markers.find((m) => m.kind === "start")?.at;
    const into = start !== undefined && c.moment && c.moment.at >= start ? t("replay:timeline.into", { time: mmss(Math.round((c.moment.at - start) / 1000)) }) : "";
    const phase = !v ? "" : v.status === "lobby" ? t("replay:timeline.lobby") : v.status === "ended" ? t("replay:timeline.ended")
      : t("replay:timeline.roundPhase", { round: v.round, phase: PHASE_LABEL[v.phase ?? ""] ?? "" }) + (v.status === "paused" ? t("replay:timeline.paused") : "");
    this.where.textContent = `${momentOf}${into}${phase}`;
    for (const b of this.strip.querySelectorAll<HTMLElement>(".tl-mark")) b.classList.toggle("past", Number(b.dataset.seq) <= c.seq);
  }

  private drawMarkers(length: number): void {
    this.drawnFor = length;
    const markers = this.feed.source.markers;
    const pos = (seq: number) => `${length === 0 ? 0 : (seq / length) * 100}%`;
    // Phase ticks closer than 3% of the strip keep their line but drop their label, so labels never overlap.
    let lastLabelled = -Infinity;
    this.strip.replaceChildren(...markers.filter((m) => m.kind !== "start" && m.kind !== "pause").map((m) => {
      const cls = `tl-mark ${m.kind}${m.result ? ` ${isAdopted(m.result) ? "passed" : m.result}` : ""}`;
      const label = t("replay:timeline.markLabel", { kind: t(`replay:timeline.kind.${m.kind}`), label: this.markText(m), seq: m.seq });
      const at = length === 0 ? 0 : m.seq / length;
      const text = m.kind === "phase" && at - lastLabelled >= 0.03 ? shortPhase(m) : "";
      if (text) lastLabelled = at;
      // The name comes from the content: the short tick label is decoration, the full label is read out.
      return h("button", { type: "button", class: cls, style: `left: ${pos(m.seq)}`, title: label, "data-seq": m.seq,
        onclick: () => void this.feed.step(m.seq - this.feed.seq) }, text ? h("span", { "aria-hidden": "true" }, text) : null, h("span", { class: "sr-only" }, label));
    }));
    const group = (key: string, kinds: Marker["kind"][]) => {
      const list = markers.filter((m) => kinds.includes(m.kind));
      return list.length ? h("optgroup", { label: t(`replay:timeline.group.${key}`), "data-group": key }, ...list.map((m) => h("option", { value: m.seq }, `${this.markText(m)} (${m.seq})`))) : null;
    };
    fill(this.jump, h("option", { value: "" }, t("replay:timeline.jumpTo")),
      group("ballots", ["ballot"]), group("decisions", ["decision"]), group("events", ["event", "notice"]), group("phases", ["phase", "end"]));
    this.persp.replaceChildren(...this.perspectives().map((p) => h("option", { value: perspectiveKey(p) }, this.label(p))));
  }

  /** A marker in the reader's language, from its event and the scenario as the feed delivers it (localised). */
  private markText(m: Marker): string {
    const e = m.event, model = this.feed.current();
    if (!e || !model) return m.label;
    const sc = model.welcome.scenario;
    const item = (id: string) => sc.items.find((i) => i.id === id)?.title ?? id;
    switch (e.type) {
      case "summit.started": return t("replay:mark.start");
      case "phase.changed": return t("replay:mark.phase", { round: e.round, phase: PHASE_LABEL[e.phase] ?? e.phase });
      case "ballot.opened": return t("replay:mark.ballotOpened", { item: item(e.item),
        option: e.option === "postpone" ? t("replay:mark.postpone") : sc.items.find((i) => i.id === e.item)?.options.find((o) => o.id === e.option)?.title ?? e.option });
      case "ballot.closed": return t("replay:mark.ballotClosed", { item: item(e.item), result: t(e.result === "passed" ? "replay:mark.passed" : "replay:mark.failed") });
      case "item.decided": return `${item(e.item)}: ${outcomeLabel(model, e.item, e.outcome)}`;
      case "summit.paused": return t("replay:mark.paused");
      case "summit.ended": return t("replay:mark.end");
      default: return m.label;
    }
  }
}

/** Round 2, consultations → "2C" (in Russian "2К"): the phase ticks' labels. */
function shortPhase(m: Marker): string {
  if (m.event?.type !== "phase.changed") return "";
  return `${m.event.round}${(PHASE_LABEL[m.event.phase] ?? m.event.phase).charAt(0).toUpperCase()}`;
}
