import type { Presence } from "@colyseus/core";

/**
 * Where the limits keep their counts: this process's memory, or the cluster's presence (Redis) so that every process
 * shares one budget — an attacker spreading requests over N processes must not get N times the limit, and a host's
 * "let them in" must reach the process a student's next request lands on.
 */
export interface Counters {
  /** Counts one more under `key` in the current window of `windowMs`; the count after it. */
  hit(key: string, windowMs: number, now: number): Promise<number>;
  /** The count under `key` in the current window. */
  count(key: string, windowMs: number, now: number): Promise<number>;
  /** Remembers `key` for `ttlMs`. */
  mark(key: string, ttlMs: number, now: number): Promise<void>;
  marked(key: string, now: number): Promise<boolean>;
  /** Adds `member` to the set `set`, remembered for `ttlMs`. */
  addTo(set: string, member: string, ttlMs: number, now: number): Promise<void>;
  /** Members of `set` still remembered. */
  sizeOf(set: string, now: number): Promise<number>;
  /** Removes and returns the members of `set` still remembered. */
  takeAll(set: string, now: number): Promise<string[]>;
}

/** One process's counters, in maps cleared under a flood of distinct keys so that memory stays bounded. */
export class MemoryCounters implements Counters {
  // A window starts at its key's first hit (not on a clock boundary): one process, one clock.
  private hits = new Map<string, { start: number; n: number }>();
  private marks = new Map<string, number>();
  private sets = new Map<string, Map<string, number>>();

  private windowOf(key: string, windowMs: number, now: number): { start: number; n: number } {
    const h = this.hits.get(key);
    if (h && now - h.start < windowMs) return h;
    if (this.hits.size > 10_000) this.hits.clear();
    const fresh = { start: now, n: 0 };
    this.hits.set(key, fresh);
    return fresh;
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    return ++this.windowOf(key, windowMs, now).n;
  }

  async count(key: string, windowMs: number, now: number): Promise<number> {
    return this.windowOf(key, windowMs, now).n;
  }

  async mark(key: string, ttlMs: number, now: number): Promise<void> {
    remember(this.marks, key, now + ttlMs);
  }

  async marked(key: string, now: number): Promise<boolean> {
    return (this.marks.get(key) ?? 0) > now;
  }

  async addTo(set: string, member: string, ttlMs: number, now: number): Promise<void> {
    let s = this.sets.get(set);
    if (!s) {
      if (this.sets.size > 10_000) this.sets.clear();
      s = new Map();
      this.sets.set(set, s);
    }
    remember(s, member, now + ttlMs);
  }

  async sizeOf(set: string, now: number): Promise<number> {
    const s = this.sets.get(set);
    if (!s) return 0;
    for (const [m, until] of s) if (until <= now) s.delete(m);
    return s.size;
  }

  async takeAll(set: string, now: number): Promise<string[]> {
    const s = this.sets.get(set);
    this.sets.delete(set);
    return s ? [...s].filter(([, until]) => until > now).map(([m]) => m) : [];
  }
}

function remember(map: Map<string, number>, key: string, until: number): void {
  if (map.size > 50_000) map.clear(); // bound memory under a flood of distinct addresses
  map.set(key, until);
}

const PREFIX = "csto:rl:";
const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * The cluster's counters, in the presence every process shares: fixed windows aligned on the clock (each process's
 * clock; a skew of a second moves a boundary, not the budget), and every key expires, so nothing grows unbounded.
 */
export class PresenceCounters implements Counters {
  constructor(private presence: Presence) {}

  private windowKey(key: string, windowMs: number, now: number): { k: string; left: number } {
    const slot = Math.floor(now / windowMs);
    return { k: `${PREFIX}hit:${windowMs}:${slot}:${key}`, left: (slot + 1) * windowMs - now };
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    const { k, left } = this.windowKey(key, windowMs, now);
    // Sent together: the expiry follows the increment on the same connection, without a round trip between them.
    const [n] = await Promise.all([this.presence.incr(k), this.presence.expire(k, seconds(left) + 1)]);
    return n;
  }

  async count(key: string, windowMs: number, now: number): Promise<number> {
    return Number((await this.presence.get(this.windowKey(key, windowMs, now).k)) ?? 0) || 0;
  }

  async mark(key: string, ttlMs: number, now: number): Promise<void> {
    await this.presence.setex(`${PREFIX}mark:${key}`, String(now + ttlMs), seconds(ttlMs));
  }

  async marked(key: string, now: number): Promise<boolean> {
    return Number((await this.presence.get(`${PREFIX}mark:${key}`)) ?? 0) > now;
  }

  async addTo(set: string, member: string, ttlMs: number, now: number): Promise<void> {
    const k = `${PREFIX}set:${set}`;
    if ((await this.presence.hlen(k)) > 50_000) await this.presence.del(k); // as in memory: a flood clears the set
    await Promise.all([this.presence.hset(k, member, String(now + ttlMs)), this.presence.expire(k, seconds(ttlMs))]);
  }

  async sizeOf(set: string, now: number): Promise<number> {
    return Object.values(await this.presence.hgetall(`${PREFIX}set:${set}`)).filter((until) => Number(until) > now).length;
  }

  async takeAll(set: string, now: number): Promise<string[]> {
    const k = `${PREFIX}set:${set}`;
    const all = Object.entries(await this.presence.hgetall(k));
    // Only the members read are removed: one added meanwhile (by another process) stays for the next take.
    await Promise.all(all.map(([m]) => this.presence.hdel(k, m)));
    return all.filter(([, until]) => Number(until) > now).map(([m]) => m);
  }
}

/**
 * A fixed window per key, counted in `Counters` (this process's, or the cluster's). Joins and code look-ups count only
 * failures (a wrong code or host key): a class behind one school address must all get in, a guesser must not.
 */
export class RateLimiter {
  /** `limit`: attempts per key per window (tests change it on a running server). */
  constructor(public limit: number, private counters: Counters, private windowMs = 60_000) {}

  /** Counts an attempt (or a failure) for `key`; false once the key has used up its window. */
  async allowAttempt(key: string, now = Date.now()): Promise<boolean> {
    return (await this.counters.hit(key, this.windowMs, now)) <= this.limit;
  }

  /** Whether `key` has used up its failures for this window (checked before anything is tried). */
  async blocked(key: string, now = Date.now()): Promise<boolean> {
    return (await this.counters.count(key, this.windowMs, now)) >= this.limit;
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
  /** `ttlMs`: how long a vouched or waiting (address, code) pair is remembered. */
  constructor(private limiter: RateLimiter, private counters: Counters, private ttlMs = 3 * 60 * 60_000) {}

  /**
   * One attempt with `code` from `address`; `right` says whether the code is the one the caller expects (a table's
   * seminar's code, or any seminar's code for a look-up). "ok": go on; "wrong": refuse as a bad code (counted);
   * "limited": refuse as RATE_LIMITED.
   */
  async check(kind: string, address: string, code: string, right: boolean, now = Date.now()): Promise<"ok" | "wrong" | "limited"> {
    const key = `${kind}:${address}`;
    // A wrong code counts before it is judged (one atomic step): guesses sent at once cannot all slip under the limit.
    if (!right) return (await this.limiter.allowAttempt(key, now)) ? "wrong" : "limited";
    const vouched = `vouched:${address}|${code}`;
    if (await this.counters.marked(vouched, now)) return "ok";
    if (await this.limiter.blocked(key, now)) {
      await this.counters.addTo(`waiting:${code}`, address, this.ttlMs, now);
      return "limited";
    }
    await this.counters.mark(vouched, this.ttlMs, now);
    return "ok";
  }

  /** Addresses refused with `code` only because they were locked, still waiting. */
  async waitingOn(code: string, now = Date.now()): Promise<number> {
    return this.counters.sizeOf(`waiting:${code}`, now);
  }

  /** The host's "let them in": every address waiting on `code` may use it from now on. Returns how many. */
  async admit(code: string, now = Date.now()): Promise<number> {
    const addresses = await this.counters.takeAll(`waiting:${code}`, now);
    await Promise.all(addresses.map((a) => this.counters.mark(`vouched:${a}|${code}`, this.ttlMs, now)));
    return addresses.length;
  }
}
