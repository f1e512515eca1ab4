/** A small in-memory limiter for join attempts: a fixed window per key. */
const WINDOW_MS = 60_000;
const hits = new Map<string, { start: number; n: number }>();
let limit = Number(process.env.JOIN_ATTEMPTS_PER_MINUTE ?? 30);

/** Sets the allowed attempts per minute (tests lower it). */
export function setJoinLimit(n: number): void { limit = n; }

/** Counts an attempt for `key`; false once the key has used up its window. */
export function allowAttempt(key: string, now = Date.now()): boolean {
  const h = hits.get(key);
  if (!h || now - h.start >= WINDOW_MS) {
    if (hits.size > 10_000) hits.clear(); // bound memory under a flood of distinct keys
    hits.set(key, { start: now, n: 1 });
    return true;
  }
  h.n++;
  return h.n <= limit;
}
