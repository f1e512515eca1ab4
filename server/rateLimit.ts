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

/**
 * Join codes, held to the limiter per (address, code). A school's students share one address: one of them guessing
 * must not lock the others out of their own code. So failures are counted per address (a guesser is stopped after
 * `limit` wrong codes, whatever it tries next), but a right code that has already let someone in from that address
 * keeps working there ("vouched"), and a right code refused only because the address is locked is remembered as
 * waiting, for the host's "let them in" (`admit`). A locked address learns nothing: every code it tries, right or
 * wrong, answers RATE_LIMITED unless the code was vouched for at that address before.
 */
export class CodeGate {
  private vouched = new Map<string, number>();
  private waiting = new Map<string, Map<string, number>>();

  /** `ttlMs`: how long a vouched or waiting (address, code) pair is remembered. */
  constructor(private limiter: RateLimiter, private ttlMs = 3 * 60 * 60_000) {}

  /**
   * One attempt with `code` from `address`; `right` says whether the code is the one the caller expects (a table's
   * seminar's code, or any seminar's code for a look-up). "ok": go on; "wrong": refuse as a bad code (counted);
   * "limited": refuse as RATE_LIMITED.
   */
  check(kind: string, address: string, code: string, right: boolean, now = Date.now()): "ok" | "wrong" | "limited" {
    const pair = `${address}|${code}`;
    if (right && (this.vouched.get(pair) ?? 0) > now) return "ok";
    const key = `${kind}:${address}`;
    if (this.limiter.blocked(key, now)) {
      if (right) this.remember(this.waitingFor(code), address, now);
      return "limited";
    }
    if (!right) {
      this.limiter.noteFailure(key, now);
      return "wrong";
    }
    this.remember(this.vouched, pair, now);
    return "ok";
  }

  /** Addresses refused with `code` only because they were locked, still waiting. */
  waitingOn(code: string, now = Date.now()): number {
    const w = this.waiting.get(code);
    if (!w) return 0;
    for (const [a, until] of w) if (until <= now) w.delete(a);
    return w.size;
  }

  /** The host's "let them in": every address waiting on `code` may use it from now on. Returns how many. */
  admit(code: string, now = Date.now()): number {
    const w = this.waiting.get(code);
    if (!w) return 0;
    let n = 0;
    for (const [address, until] of w) {
      if (until <= now) continue;
      this.remember(this.vouched, `${address}|${code}`, now);
      n++;
    }
    this.waiting.delete(code);
    return n;
  }

  private waitingFor(code: string): Map<string, number> {
    let w = this.waiting.get(code);
    if (!w) {
      if (this.waiting.size > 10_000) this.waiting.clear();
      w = new Map();
      this.waiting.set(code, w);
    }
    return w;
  }

  private remember(map: Map<string, number>, key: string, now: number): void {
    if (map.size > 50_000) map.clear(); // bound memory under a flood of distinct addresses
    map.set(key, now + this.ttlMs);
  }
}
