/**
 * The dev page (client/dist/dev.html): one scene with the fixture, no server.
 *   ?scene=table|projector  &stage=lobby|opening|consultations|drafting|voting|ended
 *   &mode=player|host|projector  &width=375 &height=740 (px of the canvas; default the window)
 *   &play=2500 (play the rest of the script, one step every 2.5 s, to watch the animations)
 *   &renderer=canvas (the 2D canvas renderer instead of WebGL)
 */
import Phaser from "phaser";
import { TableScene } from "../scenes/TableScene";
import { ProjectorScene } from "../scenes/ProjectorScene";
import type { Mode } from "../model";
import { DevFeed } from "./devFeed";
import { STAGES, type Stage, stageEnd, stateAt } from "./fixture";

const q = new URLSearchParams(location.search);
const sceneName = q.get("scene") === "projector" ? "projector" : "table";
const stage = (STAGES as string[]).includes(q.get("stage") ?? "") ? (q.get("stage") as Stage) : "voting";
const mode: Mode = (q.get("mode") as Mode | null) ?? (sceneName === "projector" ? "projector" : "player");
const stageEl = document.getElementById("stage")!;
if (q.get("width")) stageEl.style.width = `${Number(q.get("width"))}px`;
if (q.get("height")) stageEl.style.height = `${Number(q.get("height"))}px`;

const feed = new DevFeed(stateAt(stage), mode, stageEnd(stage));
const game = new Phaser.Game({
  type: q.get("renderer") === "canvas" ? Phaser.CANVAS : Phaser.AUTO,
  parent: stageEl,
  backgroundColor: "#0d1726",
  scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
  scene: sceneName === "projector" ? [ProjectorScene] : [TableScene],
  callbacks: { preBoot: (g) => g.registry.set("feed", feed) },
});
game.events.on("seat-selected", (id: string) => {
  document.getElementById("log")!.textContent = `seat-selected: ${id}`;
});
const every = Number(q.get("play") ?? 0);
if (every > 0) {
  const timer = setInterval(() => feed.step() || clearInterval(timer), every);
}
(window as unknown as { devFeed: DevFeed }).devFeed = feed;
