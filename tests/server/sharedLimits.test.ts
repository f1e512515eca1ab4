/**
 * The limits behave the same on both stores of counts (this process's memory, the cluster's Redis presence), and on
 * the presence several processes share one budget: a guesser spreading wrong codes over two processes is stopped
 * after `limit` in all, and a host's "let them in" on one process lets the waiting address in on the other.
 * Needs Debian's redis-server for the presence half (CI installs it); without it that half says so and is skipped.
 */
import { RedisPresence } from "@colyseus/redis-presence";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { CodeGate, type Counters, MemoryCounters, PresenceCounters, RateLimiter } from "../../server/rateLimit";
import { missingService, servicesRequired, startRedis } from "../setup/services";

/** A presence that also answers what the test must see in Redis itself: the keys and their expiry. */
class PeekPresence extends RedisPresence {
  keys(pattern: string): Promise<string[]> { return this.pub.keys(pattern); }
  ttl(key: string): Promise<number> { return this.pub.ttl(key); }
}

let redis: Awaited<ReturnType<typeof startRedis>> = null;
const presences: PeekPresence[] = [];
const presence = (): PeekPresence => {
  const p = new PeekPresence(redis!.url);
  presences.push(p);
  return p;
};

beforeAll(async () => {
  redis = await startRedis();
  if (!redis) {
    if (servicesRequired()) throw new Error("CI must have redis-server for the shared limits test");
    missingService("redis-server");
  }
});
afterAll(async () => {
  for (const p of presences) p.shutdown();
  await redis?.stop();
});

// Each test its own addresses: the Redis store lives across tests.
let n = 0;
const fresh = (what: string): string => `${what}-${++n}-${Date.now()}`;
const LIMIT = 3;
const WINDOW = 60_000;
const TTL = 3 * 60 * 60_000;

const backends: { name: string; counters(): Counters }[] = [
  { name: "memory", counters: () => new MemoryCounters() },
  { name: "presence", counters: () => new PresenceCounters(presence()) },
];

function needs(name: string, ctx: TestContext): void {
  if (name === "presence" && !redis) ctx.skip();
}

describe.each(backends)("limits on $name counters", ({ name, counters }) => {
  const gate = () => {
    const limiter = new RateLimiter(LIMIT, counters(), WINDOW);
    return { limiter, codes: new CodeGate(limiter, counters(), TTL) };
  };

  it("a key gets `limit` attempts a window, other keys their own, and a new window starts again", async (ctx) => {
    needs(name, ctx);
    const { limiter } = gate();
    const key = fresh("http");
    const now = Date.now();
    const answers = [];
    for (let i = 0; i < LIMIT + 2; i++) answers.push(await limiter.allowAttempt(key, now));
    expect(answers).toEqual([true, true, true, false, false]);
    expect(await limiter.blocked(key, now)).toBe(true);
    expect(await limiter.allowAttempt(fresh("http"), now)).toBe(true);
    expect(await limiter.blocked(key, now + WINDOW)).toBe(false);
    expect(await limiter.allowAttempt(key, now + WINDOW)).toBe(true);
    // `limit` is read on each attempt (tests raise it on a running server).
    limiter.limit = 100;
    expect(await limiter.allowAttempt(key, now)).toBe(true);
  });

  it("attempts sent at once cannot all slip under the limit", async (ctx) => {
    needs(name, ctx);
    const { codes } = gate();
    const address = fresh("addr");
    const verdicts = await Promise.all(Array.from({ length: 4 * LIMIT }, (_, i) => codes.check("join", address, `WRONG${i}`, false)));
    expect(verdicts.filter((v) => v === "wrong")).toHaveLength(LIMIT);
    expect(verdicts.filter((v) => v === "limited")).toHaveLength(3 * LIMIT);
  });

  it("a guesser is locked, a vouched code keeps working, a right code waits for the host's admit", async (ctx) => {
    needs(name, ctx);
    const { codes } = gate();
    const school = fresh("school");
    expect(await codes.check("join", school, "CLASS1", true)).toBe("ok"); // vouched from here on
    for (let i = 0; i < LIMIT; i++) expect(await codes.check("join", school, `GUESS${i}`, false)).toBe("wrong");
    expect(await codes.check("join", school, "GUESS9", false)).toBe("limited");
    expect(await codes.check("join", school, "CLASS1", true)).toBe("ok");
    // Right but never used here: refused like any other code (a locked address learns nothing), and waiting.
    expect(await codes.check("join", school, "CLASS2", true)).toBe("limited");
    expect(await codes.check("join", school, "CLASS2", true)).toBe("limited");
    expect(await codes.waitingOn("CLASS2")).toBe(1);
    expect(await codes.waitingOn("CLASS1")).toBe(0);
    // Another address and another kind of attempt are counted apart.
    expect(await codes.check("join", fresh("home"), "CLASS2", true)).toBe("ok");
    expect(await codes.check("code", school, "CLASS3", true)).toBe("ok");

    expect(await codes.admit("CLASS2")).toBe(1);
    expect(await codes.waitingOn("CLASS2")).toBe(0);
    expect(await codes.admit("CLASS2")).toBe(0);
    expect(await codes.check("join", school, "CLASS2", true)).toBe("ok");
    expect(await codes.check("join", school, "GUESS10", false)).toBe("limited");
  });

  it("vouched and waiting addresses are forgotten after their time", async (ctx) => {
    needs(name, ctx);
    // Remembered for half a window, from the start of a window: the lock outlasts the vouching.
    const ttl = WINDOW / 2;
    const limiter = new RateLimiter(LIMIT, counters(), WINDOW);
    const codes = new CodeGate(limiter, counters(), ttl);
    const school = fresh("school");
    const now = Math.floor(Date.now() / WINDOW) * WINDOW;
    expect(await codes.check("join", school, "OLD", true, now)).toBe("ok");
    for (let i = 0; i < LIMIT; i++) await codes.check("join", school, `GUESS${i}`, false, now);
    expect(await codes.check("join", school, "NEW", true, now)).toBe("limited");
    expect(await codes.waitingOn("NEW", now + ttl - 1)).toBe(1);
    expect(await codes.waitingOn("NEW", now + ttl)).toBe(0);
    expect(await codes.admit("NEW", now + ttl)).toBe(0);
    expect(await codes.check("join", school, "OLD", true, now + ttl - 1)).toBe("ok");
    expect(await codes.check("join", school, "OLD", true, now + ttl)).toBe("limited");
  });
});

describe("two processes on one presence", () => {
  it("share one budget, one vouching and one host's admit", async (ctx) => {
    if (!redis) return ctx.skip();
    const proc = () => {
      const limiter = new RateLimiter(LIMIT, new PresenceCounters(presence()), WINDOW);
      return { limiter, codes: new CodeGate(limiter, new PresenceCounters(presence()), TTL) };
    };
    const a = proc();
    const b = proc();
    const school = fresh("school");
    expect(await a.codes.check("join", school, "CLASS1", true)).toBe("ok");
    // Wrong codes spread over both processes: `limit` in all, not `limit` each.
    const verdicts = [];
    for (let i = 0; i < 2 * LIMIT; i++) verdicts.push(await (i % 2 ? b : a).codes.check("join", school, `GUESS${i}`, false));
    expect(verdicts).toEqual([...Array<string>(LIMIT).fill("wrong"), ...Array<string>(LIMIT).fill("limited")]);
    // Vouched on a, so it works on b too; a code never used here waits, whichever process refused it.
    expect(await b.codes.check("join", school, "CLASS1", true)).toBe("ok");
    expect(await a.codes.check("join", school, "CLASS1", true)).toBe("ok");
    expect(await b.codes.check("join", school, "CLASS2", true)).toBe("limited");
    expect(await a.codes.waitingOn("CLASS2")).toBe(1);
    expect(await a.codes.admit("CLASS2")).toBe(1);
    expect(await b.codes.waitingOn("CLASS2")).toBe(0);
    expect(await b.codes.check("join", school, "CLASS2", true)).toBe("ok");
    // The plain limiter too (the HTTP routes' budget).
    const key = fresh("http");
    const allowed = [];
    for (let i = 0; i < 2 * LIMIT; i++) allowed.push(await (i % 2 ? b : a).limiter.allowAttempt(key));
    expect(allowed.filter(Boolean)).toHaveLength(LIMIT);
  });

  it("every key it writes expires", async (ctx) => {
    if (!redis) return ctx.skip();
    const peek = presence();
    const limiter = new RateLimiter(LIMIT, new PresenceCounters(peek), WINDOW);
    const codes = new CodeGate(limiter, new PresenceCounters(peek), TTL);
    const school = fresh("school");
    await codes.check("join", school, "CLASS1", true);
    for (let i = 0; i <= LIMIT; i++) await codes.check("join", school, `GUESS${i}`, false);
    await codes.check("join", school, "CLASS2", true);
    await codes.check("join", school, "CLASS3", true);
    await codes.admit("CLASS3");
    const keys = await peek.keys("csto:rl:*");
    expect(keys.length).toBeGreaterThanOrEqual(4); // the window, two vouched pairs, one waiting set
    expect(keys.some((k) => k.includes(`waiting:CLASS2`))).toBe(true);
    for (const k of keys) {
      const ttl = await peek.ttl(k);
      expect(ttl, k).toBeGreaterThan(0);
      expect(ttl, k).toBeLessThanOrEqual(TTL / 1000);
    }
  });
});
