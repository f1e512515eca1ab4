/** Which Phaser renderer the table page uses: chosen by measurement (docs/BENCHMARKS.md, "Renderer"). */
import Phaser from "phaser";

/**
 * The 2D canvas unless asked otherwise: under software rendering (classroom laptops without a GPU driver, headless
 * browsers) it drew the first table sooner and its frames cost less than WebGL's. `?renderer=webgl` (or
 * localStorage csto.renderer=webgl) asks for WebGL where it runs; `canvas` forces the 2D canvas.
 */
export function tableRenderer(search = globalThis.location?.search ?? ""): number {
  let asked: string | null = new URLSearchParams(search).get("renderer");
  try { asked ??= globalThis.localStorage?.getItem("csto.renderer") ?? null; } catch { /* storage may be blocked */ }
  if (asked === "webgl" || asked === "auto") return Phaser.AUTO;
  if (asked === "canvas") return Phaser.CANVAS;
  return DEFAULT_RENDERER;
}

/** The default, set from the measurement. */
export const DEFAULT_RENDERER: number = Phaser.CANVAS;
