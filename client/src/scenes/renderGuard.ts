/**
 * Keeps what the canvas shows and what the model says in step, on any renderer.
 *
 * The page sleeps Phaser's game loop when the table is still (to spare phones). If it slept before the frame for the
 * latest model was rendered, or in the middle of an animation, the canvas kept showing an old state (a seat
 * "WAITING" that had voted, a token half turned, a stamp frozen over a ballot): under software rendering a frame can
 * take long enough for that to happen. Here a scene marks each redraw; the loop may sleep only once that redraw has
 * been rendered and no tween is running. After rendering, the scene's description of what it drew is written to the
 * canvas (`data-drawn`), so tests can compare the canvas with the panels.
 */
import Phaser from "phaser";

interface Guard { pending: unknown; described: string; wantSleep: boolean; busy: Set<Phaser.Scene> }
const guards = new WeakMap<Phaser.Game, Guard>();

function guardOf(game: Phaser.Game): Guard {
  let g = guards.get(game);
  if (g) return g;
  const guard: Guard = { pending: null, described: "", wantSleep: false, busy: new Set() };
  g = guard;
  guards.set(game, guard);
  const loop = game.loop;
  const sleep = loop.sleep.bind(loop);
  const idle = () => guard.pending === null && [...guard.busy].every((s) => !s.sys.isActive() || s.tweens.getTweens().length === 0);
  // The page's own sleep calls go through here: deferred while a redraw waits for its frame or a tween runs.
  loop.sleep = () => {
    if (idle()) sleep();
    else guard.wantSleep = true;
  };
  loop.wake = ((wake) => (seamless?: boolean) => {
    guard.wantSleep = false;
    wake(seamless);
  })(loop.wake.bind(loop));
  game.events.on(Phaser.Core.Events.POST_RENDER, () => {
    if (guard.pending !== null) {
      const text = JSON.stringify(guard.pending);
      guard.pending = null;
      if (text !== guard.described) {
        guard.described = text;
        game.canvas.dataset.drawn = text;
      }
    }
    if (guard.wantSleep && idle()) {
      guard.wantSleep = false;
      sleep();
    }
  });
  return g;
}

/** Call after every redraw with what was drawn: the loop stays awake until it is on screen. */
export function markDrawn(scene: Phaser.Scene, description: unknown): void {
  const g = guardOf(scene.game);
  g.busy.add(scene);
  g.pending = description;
  // A redraw while asleep (the page may have slept already) needs a frame of its own, and then sleep again.
  if (!scene.game.loop.running) {
    scene.game.loop.wake();
    g.wantSleep = true;
  }
}
