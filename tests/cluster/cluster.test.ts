/**
 * Three server processes on one Redis (presence and matchmaking driver) and one PostgreSQL store, as a school would
 * run them: a seminar created on one process, students joining through the others, bot-played summits on every
 * table, one process killed with SIGKILL mid-summit and its tables taken over by a survivor (its student rejoins with
 * the seat token, no acknowledged action lost), and every replay readable from every process.
 *
 * Needs Debian's redis-server and postgresql (CI installs them); without them the test says so and is skipped,
 * except in CI, where a missing service fails it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_ALPHABET, type HostDashboard, type SeminarCreated } from "../../shared/protocol";
import { replay, type SessionHeader } from "../../shared/replay";
import { parseScenario } from "../../shared/scenario";
import { missingService, servicesRequired, startPostgres, startRedis } from "../setup/services";
import { Player, post } from "../server/harness";
import { freePort, killAll, type ServerProcess, startServerProcess } from "../server/serverProcess";

const ROOT = resolve(import.meta.dirname, "../..");
const LEASE_MS = 3000;
const TABLES = 3;
/** Wrong codes one address may try per minute, across the whole cluster. */
const WRONG_CODES = 12;

type Service = { url: string; stop(): Promise<void> };
let redis: Service | null = null;
let postgres: Service | null = null;
let dataDir = "";
const procs: { port: number; proc: ServerProcess; owner: string }[] = [];

/** A process of the cluster: the same data folder (scenarios, signing secret), its own port and public address. */
async function startProcess(port: number): Promise<{ port: number; proc: ServerProcess; owner: string }> {
  const proc = await startServerProcess(port, dataDir, {
    REDIS_URL: redis!.url, DATABASE_URL: postgres!.url, PUBLIC_ADDRESS: `127.0.0.1:${port}`, LEASE_MS: String(LEASE_MS),
    BOT_PACE_MS: "300", GRACE_SECONDS: "3", LOG_LEVEL: "warn", JOIN_ATTEMPTS_PER_MINUTE: String(WRONG_CODES),
  });
  const health = await fetch(`${proc.url}/health`).then((r) => r.json()) as { process: string; store: string };
  expect(health.store).toBe("postgres");
  return { port, proc, owner: health.process };
}

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: postgres!.url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Retries `f` until it resolves (bounded): a takeover needs the lease to lapse first. */
async function eventually<T>(f: () => Promise<T>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (let i = 0; Date.now() < end && i < 10_000; i++) {
    try {
      return await f();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${what}: gave up after ${ms} ms: ${String((last as Error)?.message ?? last)}`);
}

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  if (!redis || !postgres) {
    const missing = [!redis && "redis-server", !postgres && "postgresql"].filter(Boolean).join(" and ");
    if (servicesRequired()) throw new Error(`CI must have ${missing} for the cluster test`);
    missingService(missing);
    return;
  }
  dataDir = mkdtempSync(join(tmpdir(), "csto-cluster-"));
  // The tutorial on a fast clock (10-second phases), so that bot-played summits end within the test.
  const fast = JSON.parse(readFileSync(join(ROOT, "shared/scenarios/tutorial.json"), "utf8")) as Record<string, unknown> & { timings: Record<string, Record<string, number>> };
  fast.id = "fast-clock";
  fast.title = "Tutorial on a fast clock";
  for (const preset of ["45", "90"]) for (const ph of Object.keys(fast.timings[preset]!)) fast.timings[preset]![ph] = 10;
  expect(parseScenario(fast).ok).toBe(true);
  mkdirSync(join(dataDir, "scenarios"));
  writeFileSync(join(dataDir, "scenarios", "fast-clock.json"), JSON.stringify(fast));
  const ports = [await freePort(), await freePort(), await freePort()];
  // One at a time: the first applies the migrations (the others would wait on its lock anyway).
  for (const port of ports) procs.push(await startProcess(port));
}, 180_000);

afterAll(async () => {
  killAll();
  await redis?.stop();
  await postgres?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("three processes on Redis and PostgreSQL", () => {
  it("a seminar spans processes, a killed process's table is taken over with nothing acknowledged lost, and every replay is readable everywhere", async (ctx) => {
    if (!redis || !postgres) return ctx.skip();
    const [a, b, c] = procs as [typeof procs[0], typeof procs[0], typeof procs[0]];
    // Seminars made at once on every process (their new tables are not orphans for the other processes' sweeps).
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => post<SeminarCreated>(`${procs[i % 3]!.proc.url}/api/seminars`, { scenario: "tutorial", timing: "manual", bots: false, tables: 4 })));
    expect(burst.map((r) => r.status)).toEqual(burst.map(() => 201));
    const created = await post<SeminarCreated>(`${a.proc.url}/api/seminars`, { scenario: "fast-clock", timing: "45", bots: true, tables: TABLES, title: "Cluster seminar" });
    expect(created.status).toBe(201);
    const sem = created.body;

    // Where each table runs: the lease names its process.
    const ownerOf = async (table: string): Promise<string | undefined> =>
      (await sql<{ owner: string }>("SELECT owner FROM table_leases WHERE table_id = $1 AND expires_at > $2", [table, Date.now()]))[0]?.owner;
    const owners = await Promise.all(sem.tables.map(ownerOf));
    expect(owners.every((o) => procs.some((p) => p.owner === o)), `owners ${owners.join(", ")}`).toBe(true);
    // The tables are spread: the matchmaker makes each new room on the process with the fewest.
    expect(new Set(owners).size).toBeGreaterThan(1);

    // Students look the code up and join through a process other than their table's.
    const students: Player[] = [];
    for (const [i, table] of sem.tables.entries()) {
      const via = procs.find((p) => p.owner !== owners[i])!;
      const info = await fetch(`${via.proc.url}/api/seminars/${sem.code}`).then((r) => r.json()) as { tables: { table: string }[] };
      expect(info.tables.map((t) => t.table)).toEqual(sem.tables);
      students.push(await new Player(via.proc.url).join(table, { code: sem.code, name: `Student ${i + 1}`, delegation: "BY" }));
      expect(students[i]!.welcome!.you.delegation).toBe("BY");
    }

    // The host starts every table from one process, and reads every table's live detail from another.
    const start = await post<{ results: Record<string, { ok: boolean }> }>(`${b.proc.url}/api/host/${sem.hostKey}/control`, { action: { type: "host.start" } });
    expect(start.status).toBe(200);
    expect(Object.values(start.body.results)).toEqual(sem.tables.map(() => ({ ok: true })));
    const dash = await fetch(`${c.proc.url}/api/host/${sem.hostKey}`).then((r) => r.json()) as HostDashboard;
    expect(dash.tables.map((t) => t.live?.status)).toEqual(sem.tables.map(() => "running"));
    for (const t of dash.tables) expect(t.live!.seats.filter((s) => s.bot).length).toBeGreaterThan(0);
    // The host's key opens every table's console through a process that does not run it.
    for (const [i, t] of sem.tables.entries()) {
      const via = procs.find((p) => p.owner !== owners[i])!;
      const host = await new Player(via.proc.url).join(t, { hostKey: sem.hostKey });
      expect(host.welcome!.you.host).toBe(true);
      expect(host.welcome!.code).toBe(sem.code);
      await host.leave();
    }

    // The victim: a process running a table, killed while its student talks.
    const victimIndex = owners.findIndex((o) => o !== undefined);
    const table = sem.tables[victimIndex]!;
    const victim = procs.find((p) => p.owner === owners[victimIndex])!;
    const student = students[victimIndex]!;
    const acked = new Map<number, string>();
    for (let i = 0; i < 3; i++) {
      const text = `Belarus speaks (${i + 1}) before the crash.`;
      acked.set(await student.must({ type: "say", channel: "public", text }), text);
    }
    const seqBefore = Math.max(student.update!.seq, ...acked.keys());
    const seat = { seat: student.seat, token: student.token };
    for (const s of students) s.room.reconnection.enabled = false;
    const exited = new Promise((r) => victim.proc.child.once("exit", r));
    const killedAt = Date.now();
    process.kill(victim.proc.child.pid!, "SIGKILL");
    await exited;

    // Every acknowledged line is in the shared store, exactly as acknowledged.
    const logged = await sql<{ seq: number; action: string }>("SELECT seq, action FROM actions WHERE table_id = $1 ORDER BY seq", [table]);
    expect(logged.length).toBeGreaterThanOrEqual(seqBefore);
    for (const [seq, text] of acked) expect(JSON.parse(logged[seq - 1]!.action)).toMatchObject({ type: "say", text });

    // A survivor takes the table over on its own once the lease lapses (before anyone asks for the table)...
    const survivors = procs.filter((p) => p !== victim);
    const adopter = await eventually(async () => {
      const o = await ownerOf(table);
      if (!o || o === victim.owner) throw new Error(`lease still ${o ?? "free"}`);
      return o;
    }, 60_000, "takeover");
    expect(survivors.map((p) => p.owner)).toContain(adopter);
    console.log(`cluster: table ${table} taken over ${Date.now() - killedAt} ms after SIGKILL (LEASE_MS ${LEASE_MS})`);
    // ...and the student comes back with the seat token, through whichever process it asks.
    const back = await eventually(() => new Player(survivors[0]!.proc.url).join(table, { token: seat.token }), 60_000, "rejoin after the takeover");
    expect(back.welcome!.you.seat).toBe(seat.seat);
    expect(back.update!.seq).toBeGreaterThanOrEqual(seqBefore);
    for (const text of acked.values()) expect(back.view.messages.some((m) => m.text === text)).toBe(true);
    expect(await ownerOf(table)).toBe(adopter);
    expect(await back.must({ type: "say", channel: "public", text: "Belarus is back, on another process." })).toBeGreaterThan(seqBefore);

    // Every summit plays on to its end (bots, and the clock, which the new owner restored from the log).
    const ended = await eventually(async () => {
      const d = await fetch(`${survivors[1]!.proc.url}/api/host/${sem.hostKey}`).then((r) => r.json()) as HostDashboard;
      if (!d.tables.every((t) => t.status === "ended" && t.hash)) throw new Error(d.tables.map((t) => `${t.status}/${t.phase}`).join(" "));
      return d;
    }, 240_000, "every table ended");

    // The killed process comes back on its port; every process serves every replay, the same file everywhere.
    procs[procs.indexOf(victim)] = await startProcess(victim.port);
    for (const [i, t] of sem.tables.entries()) {
      const texts = await Promise.all(procs.map(async (p) => {
        const r = await fetch(`${p.proc.url}/api/replays/${t}`);
        expect(r.status, `replay ${t} from ${p.proc.url}`).toBe(200);
        return r.text();
      }));
      expect(new Set(texts).size).toBe(1);
      const file = JSON.parse(texts[0]!) as { final: { hash: string; status: string } };
      expect(file.final.status).toBe("ended");
      expect(file.final.hash).toBe(ended.tables[i]!.hash);
      // The shared log, replayed without interruption, lands on the same state.
      const rows = await sql<{ seq: number; action: string }>("SELECT seq, action FROM actions WHERE table_id = $1 ORDER BY seq", [t]);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, k) => k + 1));
      const header = JSON.parse((await sql<{ header: string }>("SELECT header FROM tables WHERE id = $1", [t]))[0]!.header) as SessionHeader;
      const stored = JSON.parse((await sql<{ json: string }>("SELECT s.json FROM table_scenarios ts JOIN scenario_texts s ON s.hash = ts.hash WHERE ts.table_id = $1", [t]))[0]!.json);
      const parsed = parseScenario(stored);
      if (!parsed.ok) throw new Error(parsed.error);
      const r = replay(parsed.scenario, header, rows.map((x) => JSON.parse(x.action)));
      if (!r.ok) throw new Error(r.error);
      expect(r.hash).toBe(ended.tables[i]!.hash);
    }
    for (const s of [back, ...students]) await s.leave().catch(() => undefined);

    // One budget of wrong codes per address for the whole cluster: guesses spread over the three processes are
    // stopped after the limit in all, and the seminar's own code, already used from this address, still works.
    const lookUp = (p: typeof procs[0], code: string) => fetch(`${p.proc.url}/api/seminars/${code}`).then((r) => r.status);
    const answers: number[] = [];
    for (let i = 0; i < WRONG_CODES + 3; i++) answers.push(await lookUp(procs[i % 3]!, `ZZZZ${CODE_ALPHABET[i]}${CODE_ALPHABET[i + 1]}2`));
    expect(answers.slice(0, WRONG_CODES)).toEqual(Array(WRONG_CODES).fill(404));
    expect(answers.slice(WRONG_CODES)).toEqual([429, 429, 429]);
    for (const p of procs) expect(await lookUp(p, sem.code)).toBe(200);
  }, 420_000);
});
