/**
 * Our server as the load bench runs it: one process (the default: its own SQLite file), or several processes of one
 * cluster on a throwaway Redis and PostgreSQL (`--processes`), all pinned to the same CPU, so that one process and
 * several are measured on the same share of the machine. Questions go to every process and the answers are added up.
 */
import { freePort } from "../../tests/server/serverProcess";
import { startPostgres, startRedis } from "../../tests/setup/services";
import { BenchChild } from "./childProcess";
import type { ProcessStats, SectionStats, ServerReady } from "./processStats";

type Service = { url: string; stop(): Promise<void> };

/** Sums what several processes say about themselves (lag: the worst; commit times: the slowest process's). */
function addStats(all: ProcessStats[]): ProcessStats {
  const sections: Record<string, SectionStats> = {};
  for (const s of all) {
    for (const [name, x] of Object.entries(s.sections)) {
      const y = sections[name];
      sections[name] = y
        ? { count: y.count + x.count, totalMs: y.totalMs + x.totalMs, p50Ms: Math.max(y.p50Ms, x.p50Ms), p99Ms: Math.max(y.p99Ms, x.p99Ms), maxMs: Math.max(y.maxMs, x.maxMs) }
        : { ...x };
    }
  }
  const sum = (f: (s: ProcessStats) => number) => all.reduce((n, s) => n + f(s), 0);
  const max = (f: (s: ProcessStats) => number) => Math.max(...all.map(f));
  return {
    wallMs: max((s) => s.wallMs), cpuMs: sum((s) => s.cpuMs), cpuPercent: sum((s) => s.cpuPercent),
    lagP50Ms: max((s) => s.lagP50Ms), lagP99Ms: max((s) => s.lagP99Ms), lagMaxMs: max((s) => s.lagMaxMs),
    rssBytes: sum((s) => s.rssBytes), heapUsedBytes: sum((s) => s.heapUsedBytes), sections,
  };
}

export class ServerGroup {
  private constructor(readonly children: BenchChild[], private readonly services: Service[]) {}

  /** The address clients are given (any process serves any table; the first is as good as another). */
  get url(): string { return `http://127.0.0.1:${(this.children[0]!.first as ServerReady).port}`; }

  static async start(entry: string, cpu: number, env: Record<string, string>, nodeArgs: string[], processes: number): Promise<ServerGroup> {
    if (processes <= 1) return new ServerGroup([await BenchChild.start(entry, { cpu, nodeArgs, env })], []);
    const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    const services = [redis, postgres].filter((s): s is NonNullable<typeof s> => s !== null);
    if (!redis || !postgres) {
      await Promise.all(services.map((s) => s.stop()));
      throw new Error("--processes needs redis-server and PostgreSQL (Debian's redis-server and postgresql packages)");
    }
    const children: BenchChild[] = [];
    try {
      for (let i = 0; i < processes; i++) {
        const port = await freePort();
        children.push(await BenchChild.start(entry, {
          cpu, nodeArgs,
          env: { ...env, PORT: String(port), REDIS_URL: redis.url, DATABASE_URL: postgres.url, PUBLIC_ADDRESS: `127.0.0.1:${port}`, LOG_LEVEL: "warn" },
        }));
      }
    } catch (e) {
      await Promise.all(children.map((c) => c.stop()));
      await Promise.all(services.map((s) => s.stop()));
      throw e;
    }
    return new ServerGroup(children, services);
  }

  /**
   * Asks every process. Stats are added up; room counts come from the first (the matchmaking driver lists the whole
   * cluster's rooms); a table's seq from whichever process runs it; a CPU profile from the first process only.
   */
  async request<T>(msg: Record<string, unknown>, ms?: number): Promise<T> {
    if (this.children.length === 1 || msg.type === "rooms" || msg.type === "profileStart" || msg.type === "profileStop") {
      return this.children[0]!.request<T>(msg, ms);
    }
    const answers = await Promise.all(this.children.map((c) => c.request<unknown>(msg, ms)));
    if (msg.type === "stats") return addStats(answers as ProcessStats[]) as T;
    if (msg.type === "seqs") {
      const out: Record<string, number | null> = {};
      for (const a of answers as Record<string, number | null>[]) for (const [k, v] of Object.entries(a)) out[k] = out[k] ?? v;
      return out as T;
    }
    return answers[0] as T;
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => c.stop()));
    await Promise.all(this.services.map((s) => s.stop()));
  }
}
