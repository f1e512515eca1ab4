/**
 * The replay's timeline and transport: a strip with phase boundaries, ballots, decisions and events marked (each a
 * button that jumps there), a slider over every moment, play/pause, step ±1, speed, jump-to and perspective.
 */
import { isAdopted } from "../../../shared/outcomes";
import type { Marker } from "../../../shared/replayCursor";
import { type Perspective, perspectiveKey } from "../../../shared/replayView";
import { fill, h } from "../dom/h";
import { mmss, PHASE_LABEL } from "../model";
import { type ReplayControls, type ReplayFeed, SPEEDS } from "./ReplayFeed";

const KIND_LABEL: Record<Marker["kind"], string> = {
  start: "Start", phase: "Phase", ballot: "Ballot", decision: "Decision", event: "Event", notice: "Notice", pause: "Pause", end: "End",
};

export class Timeline {
  readonly el: HTMLElement;
  private strip = h("div", { class: "tl-strip", role: "group", "aria-label": "Marked moments" });
  private slider = h("input", { type: "range", min: 0, max: 0, step: 1, value: 0, class: "tl-slider", "aria-label": "Moment in the session" });
  private playBtn = h("button", { type: "button", class: "tl-play", "aria-label": "Play" }, "▶ Play");
  private where = h("span", { class: "tl-where", "aria-live": "off" });
  private speed = h("select", { "aria-label": "Speed", class: "tl-speed" }, ...SPEEDS.map((s) => h("option", { value: s }, `${s}×`)));
  private jump = h("select", { "aria-label": "Jump to a ballot or event", class: "tl-jump" });
  private persp = h("select", { class: "tl-persp" });
  private drawnFor = -1;

  constructor(private feed: ReplayFeed, private nameOf: (d: string) => string) {
    const btn = (label: string, text: string, f: () => void) => h("button", { type: "button", "aria-label": label, title: label, onclick: f }, text);
    this.el = h("section", { class: "timeline", "aria-label": "Timeline" },
      this.strip,
      this.slider,
      h("div", { class: "tl-controls" },
        btn("First moment", "|◀", () => void feed.step(-feed.seq)),
        btn("Step back one action", "◀ 1", () => void feed.step(-1)),
        this.playBtn,
        btn("Step forward one action", "1 ▶", () => void feed.step(1)),
        btn("Last moment", "▶|", () => void feed.step(feed.source.length - feed.seq)),
        this.speed, this.jump, this.where,
        h("label", { class: "tl-persp-label" }, "Watch as ", this.persp)),
    );
    this.playBtn.addEventListener("click", () => feed.toggle());
    this.slider.addEventListener("input", () => { feed.pause(); void feed.seek(Number(this.slider.value)); });
    this.speed.addEventListener("change", () => feed.setSpeed(Number(this.speed.value)));
    this.jump.addEventListener("change", () => {
      if (this.jump.value !== "") void feed.step(Number(this.jump.value) - feed.seq);
      this.jump.value = "";
    });
    this.persp.addEventListener("change", () => void feed.setPerspective(this.perspectives().find((p) => perspectiveKey(p) === this.persp.value) ?? { kind: "public" }));
    feed.onControls((c) => this.render(c));
  }

  private perspectives(): Perspective[] { return this.feed.source.perspectives(); }

  private label(p: Perspective): string {
    switch (p.kind) {
      case "public": return "the public (projector)";
      case "host": return "the host";
      case "revealed": return "everything revealed";
      case "delegation": return this.nameOf(p.delegation);
    }
  }

  /** Redraws the strip and the jump list when the session grew (a live one), then the moment. */
  render(c: ReplayControls): void {
    if (this.drawnFor !== c.length) this.drawMarkers(c.length);
    this.slider.max = String(c.length);
    this.slider.value = String(c.seq);
    this.slider.setAttribute("aria-valuetext", `Moment ${c.seq} of ${c.length}`);
    this.playBtn.textContent = c.playing ? "❚❚ Pause" : "▶ Play";
    this.playBtn.setAttribute("aria-label", c.playing ? "Pause" : "Play");
    this.speed.value = String(c.speed);
    this.persp.value = perspectiveKey(c.perspective);
    const v = c.moment?.view;
    const start = this.feed.source.markers.find((m) => m.kind === "start")?.at;
    const into = start !== undefined && c.moment && c.moment.at >= start ? ` · ${mmss(Math.round((c.moment.at - start) / 1000))} in` : "";
    const phase = !v ? "" : v.status === "lobby" ? " · lobby" : v.status === "ended" ? " · ended" : ` · round ${v.round}, ${PHASE_LABEL[v.phase ?? ""] ?? ""}${v.status === "paused" ? " (paused)" : ""}`;
    this.where.textContent = `Moment ${c.seq} of ${c.length}${into}${phase}`;
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
      const label = `${KIND_LABEL[m.kind]}: ${m.label} (moment ${m.seq})`;
      const at = length === 0 ? 0 : m.seq / length;
      const text = m.kind === "phase" && at - lastLabelled >= 0.03 ? shortPhase(m.label) : "";
      if (text) lastLabelled = at;
      return h("button", { type: "button", class: cls, style: `left: ${pos(m.seq)}`, title: label, "aria-label": label, "data-seq": m.seq,
        onclick: () => void this.feed.step(m.seq - this.feed.seq) }, text);
    }));
    const group = (title: string, kinds: Marker["kind"][]) => {
      const list = markers.filter((m) => kinds.includes(m.kind));
      return list.length ? h("optgroup", { label: title }, ...list.map((m) => h("option", { value: m.seq }, `${m.label} (${m.seq})`))) : null;
    };
    fill(this.jump, h("option", { value: "" }, "Jump to…"),
      group("Ballots", ["ballot"]), group("Decisions", ["decision"]), group("Events and notices", ["event", "notice"]), group("Phases", ["phase", "end"]));
    this.persp.replaceChildren(...this.perspectives().map((p) => h("option", { value: perspectiveKey(p) }, this.label(p))));
  }
}

/** "Round 2: consultations" → "2C": the phase ticks' labels. */
function shortPhase(label: string): string {
  const m = /Round (\d+): (\w)/.exec(label);
  return m ? `${m[1]}${m[2]!.toUpperCase()}` : "";
}
