/**
 * A small in-memory limiter, a fixed window per key; each server owns its own. Joins and code look-ups count only
 * failures (a wrong code or host key): a class behind one school address must all get in, a guesser must not.
 */
export class RateLimiter {
  private hits = new Map<string, { start: number; n: number }>();

  /** `limit`: attempts per key per window (tests change it on a running server). */
  constructor(public limit: number, private windowMs = 60_000) {}

  private windowOf(key: string, now: number): { start: number; n: number } {
    const h = this.hits.get(key);
    if (h && now - h.start < this.windowMs) return h;
    if (this.hits.size > 10_000) this.hits.clear(); // bound memory under a flood of distinct keys
    const fresh = { start: now, n: 0 };
    this.hits.set(key, fresh);
    return fresh;
  }

  /** Counts an attempt for `key`; false once the key has used up its window. */
  allowAttempt(key: string, now = Date.now()): boolean {
    return ++this.windowOf(key, now).n <= this.limit;
  }

  /** Whether `key` has used up its failures for this window (checked before anything is tried). */
  blocked(key: string, now = Date.now()): boolean {
    return this.windowOf(key, now).n >= this.limit;
  }

  /** Counts one failed attempt (a wrong code or key) against `key`. */
  noteFailure(key: string, now = Date.now()): void {
    this.windowOf(key, now).n++;
  }
}
