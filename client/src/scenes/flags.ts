/** The project's flag drawings (assets/flags/*.svg): loading them, and drawing one on a nameplate. */
import Phaser from "phaser";

/** Delegations that have a drawn flag; any other falls back to stripes of its scenario colours. */
export const FLAG_IDS = ["RU", "AM", "BY", "KZ", "KG", "TJ"] as const;
/**
 * Where the built client serves assets from (client/build.ts copies assets/ to dist/assets, served at the
 * site root). A page served elsewhere sets the registry key "assetBase".
 */
export const ASSET_BASE = "/assets/";
/** Flags are rasterised once at this height, then scaled down: crisp up to projector size. */
const RASTER_HEIGHT = 160;

export const flagKey = (id: string): string => `flag-${id}`;

/** Queues the flag SVGs in a scene's loader (skips those another scene already loaded). */
export function loadFlags(scene: Phaser.Scene): void {
  const base = (scene.registry.get("assetBase") as string | undefined) ?? ASSET_BASE;
  for (const id of FLAG_IDS) {
    if (scene.textures.exists(flagKey(id))) continue;
    scene.load.svg(flagKey(id), `${base}flags/${id}.svg`, { height: RASTER_HEIGHT });
  }
}

/**
 * Adds a flag `h` pixels tall with its left edge at `x` and centred on `y`, framed by a hairline;
 * returns its width. Without a loaded drawing it shows horizontal stripes of `colors`.
 */
export function addFlag(
  scene: Phaser.Scene, into: Phaser.GameObjects.Container, id: string, colors: string[], x: number, y: number, h: number,
): number {
  const key = flagKey(id);
  let w: number;
  if (scene.textures.exists(key)) {
    const img = scene.add.image(x, y, key).setOrigin(0, 0.5);
    img.setScale(h / img.height);
    w = img.displayWidth;
    into.add(img);
  } else {
    w = h * 1.5;
    const g = scene.add.graphics();
    const band = h / Math.max(1, colors.length);
    colors.forEach((c, i) => g.fillStyle(parseInt(c.slice(1), 16), 1).fillRect(x, y - h / 2 + i * band, w, band));
    into.add(g);
  }
  const frame = scene.add.graphics().lineStyle(1, 0x000000, 0.35).strokeRect(x, y - h / 2, w, h);
  into.add(frame);
  return w;
}
