/** Seeded PRNG (mulberry32). Its whole state is one uint32 kept in the game state. */

/** Turns any integer seed into a valid PRNG state. */
export function seedState(seed: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0) || 1;
}

/** Draws a float in [0, 1) and returns it with the next PRNG state. */
export function nextFloat(s: number): [number, number] {
  const next = (s + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** Draws an integer in [0, n) and returns it with the next PRNG state. */
export function nextInt(s: number, n: number): [number, number] {
  const [f, next] = nextFloat(s);
  return [Math.floor(f * n), next];
}

/** Returns a seeded Fisher–Yates shuffle of a copy of `items` and the next PRNG state. */
export function shuffle<T>(s: number, items: readonly T[]): [T[], number] {
  const out = items.slice();
  let st = s;
  for (let i = out.length - 1; i > 0; i--) {
    const [j, n] = nextInt(st, i + 1);
    st = n;
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return [out, st];
}
