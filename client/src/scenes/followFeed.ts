/** Connects a scene to the table feed kept in the game registry, for as long as the scene runs. */
import Phaser from "phaser";
import type { GameEvent } from "../../../shared/state";
import type { TableFeed, TableModel } from "../model";

/** The registry key under which the page puts its TableFeed before (or after) the scene starts. */
export const FEED_KEY = "feed";

/**
 * Calls `onChange` with the current model at once (when there is one) and then with every update and its
 * events. Waits for the feed if the page has not put it in the registry yet. Unsubscribes on shutdown.
 */
export function followFeed(scene: Phaser.Scene, onChange: (m: TableModel, events: GameEvent[]) => void): void {
  let off: (() => void) | null = null;
  const attach = (feed: TableFeed): void => {
    off?.();
    off = feed.subscribe(onChange);
    const m = feed.current();
    if (m) onChange(m, []);
  };
  const onData = (_parent: unknown, key: string, value: unknown): void => {
    if (key === FEED_KEY && value) attach(value as TableFeed);
  };
  const feed = scene.registry.get(FEED_KEY) as TableFeed | undefined;
  if (feed) attach(feed);
  scene.registry.events.on("setdata", onData);
  scene.registry.events.on("changedata", onData);
  const stop = (): void => {
    off?.();
    off = null;
    scene.registry.events.off("setdata", onData);
    scene.registry.events.off("changedata", onData);
  };
  scene.events.once(Phaser.Scenes.Events.SHUTDOWN, stop);
  scene.events.once(Phaser.Scenes.Events.DESTROY, stop);
}
