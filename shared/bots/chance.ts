/** Seeded chance for bots: every draw takes the bot's PRNG state and returns the next one. */
import { nextFloat } from "../prng";

/** A draw from a bell curve with mean 0 and standard deviation about 1 (sum of three uniforms). */
export function bell(rng: number): [number, number] {
  let s = rng, sum = 0;
  for (let i = 0; i < 3; i++) {
    const [f, n] = nextFloat(s);
    sum += f;
    s = n;
  }
  return [(sum - 1.5) * 2, s];
}

/** One element of a non-empty list, chosen uniformly. */
export function pick<T>(rng: number, items: readonly T[]): [T, number] {
  const [f, n] = nextFloat(rng);
  return [items[Math.floor(f * items.length)] as T, n];
}

/** One key chosen with probability proportional to exp(score). */
export function softmax<T>(rng: number, scored: readonly (readonly [T, number])[]): [T, number] {
  const [f, n] = nextFloat(rng);
  const top = Math.max(...scored.map(([, x]) => x));
  const weights = scored.map(([, x]) => Math.exp(x - top));
  let r = f * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < scored.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return [scored[i]![0], n];
  }
  return [scored[scored.length - 1]![0], n];
}
