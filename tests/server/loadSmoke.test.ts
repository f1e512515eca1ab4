/**
 * The live load bench, small: two summits for a few seconds against our server and against the bare relay, each
 * in its own server and generator processes as `npm run bench -- load` runs them. Every action is measured to
 * completion at every client that can see it, and every client ends holding a checkpoint its host posted last.
 */
import { describe, expect, it } from "vitest";
import { type LevelOptions, type LevelRow, runLevel } from "../../bench/load/loadLevel";

const SMALL: LevelOptions = { seconds: 4, warmup: 2, fillMessages: 0, advanceSeconds: 0.5, seed: 7 };

function checkRow(r: LevelRow): void {
  expect(r.clients).toBe(16);
  const w = r.window;
  // Six players (or senders) per table at one action every 2.5–7.5 s: a few actions in 4 s, always some.
  expect(w.sent).toBeGreaterThan(0);
  const refused = Object.values(w.refusals).reduce((a, b) => a + b, 0);
  expect(w.completed + w.unfinished + refused).toBe(w.sent);
  expect(w.unfinished).toBe(0);
  expect(w.latency.n).toBe(w.completed);
  expect(w.latency.p50).toBeGreaterThan(0);
  expect(w.latency.p99).toBeGreaterThanOrEqual(w.latency.p50);
  expect(w.disconnects).toBe(0);
  // A race between a player's move and a phase change may be refused now and then; more would be a bug.
  expect(refused).toBeLessThanOrEqual(2);
  expect(w.bytesDownPerClient).toBeGreaterThan(0);
  expect(r.server.cpuMs).toBeGreaterThan(0);
  expect(r.rssLoadedBytes).toBeGreaterThan(0);
  expect(r.settle.behind).toBe(0);
}

describe("live load bench", () => {
  it("measures two summits on our server and two rooms on the relay, every client ending with everything it may see", async () => {
    const [ours, relay] = await Promise.all([runLevel("ours", 2, SMALL), runLevel("relay", 2, SMALL)]);
    checkRow(ours);
    checkRow(relay);
    expect(ours.window.mix.say).toBeGreaterThan(0);
    expect(ours.settle.clients).toBe(16);
  }, 90_000);
});
