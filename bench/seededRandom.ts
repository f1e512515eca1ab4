/** A seeded random source over shared/prng.ts for benchmark drivers: the same seed always plays the same summit. */
import { nextFloat, seedState } from "../shared/prng";

const WORDS = (
  "alliance summit treaty border security Karabakh Baku Moscow Minsk Astana Bishkek Dushanbe Yerevan strategy " +
  "secretary general statement candidate postpone consensus objection abstain draft amendment text partners " +
  "missile defence Europe radicalism Afghan frontier exercise forces command budget December compromise we you " +
  "cannot accept support propose the a our your their this that will would should must and but if only also now"
).split(" ");

export class SeededRandom {
  private s: number;

  constructor(seed: number) {
    this.s = seedState(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    const [f, next] = nextFloat(this.s);
    this.s = next;
    return f;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Chat-like text of about `min`–`max` characters. */
  text(min = 20, max = 200): string {
    const target = this.between(min, max);
    let out = this.pick(WORDS);
    while (out.length < target) out += " " + this.pick(WORDS);
    return out.slice(0, max) + ".";
  }
}
