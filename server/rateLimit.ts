/**
 * A small in-memory limiter, a fixed window per key. Joins and code look-ups count only failures
 * (a wrong code or host key): a class behind one school address must all get in, a guesser must not.
 */
const WINDOW_MS = 60_000;
const hits = new Map<string, { start: number; n: number }>();
let limit = Number(process.env.JOIN_ATTEMPTS_PER_MINUTE ?? 30);

/** Sets the allowed attempts per minute (tests lower it). */
export function setJoinLimit(n: number): void { limit = n; }

function windowOf(key: string, now: number): { start: number; n: number } {
  const h = hits.get(key);
  if (h && now - h.start < WINDOW_MS) return h;
  if (hits.size > 10_000) hits.clear(); // bound memory under a flood of distinct keys
  const fresh = { start: now, n: 0 };
  hits.set(key, fresh);
  return fresh;
}

/** Counts an attempt for `key`; false once the key has used up its window. */
export function allowAttempt(key: string, now = Date.now()): boolean {
  return ++windowOf(key, now).n <= limit;
}

/** Whether `key` has used up its failures for this window (checked before anything is tried). */
export function blocked(key: string, now = Date.now()): boolean {
  return windowOf(key, now).n >= limit;
}

/** Counts one failed attempt (a wrong code or key) against `key`. */
export function noteFailure(key: string, now = Date.now()): void {
  windowOf(key, now).n++;
}
