/**
 * Throwaway services for tests: a PostgreSQL cluster or a Redis server of their own, in a fresh temp directory, on a
 * free port of 127.0.0.1, stopped (and the directory removed) by `stop()` — or, if a test file dies first, when its
 * process exits. Each start returns null, never throws, when the service is not installed here.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { freePort } from "../server/serverProcess";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import pg from "pg";

/** In CI a missing service is a failure; elsewhere its tests are skipped, loudly. */
export function servicesRequired(): boolean {
  return process.env.CI === "true";
}

/** The message for tests skipped because `name` is not installed (also printed as a warning). */
export function missingService(name: string): string {
  const message = `${name} is not installed on this machine: its tests are SKIPPED (in CI, with CI=true, they fail instead)`;
  console.warn(`\n*** ${message} ***\n`);
  return message;
}

const STARTUP_MS = 30_000;
const POLL_MS = 100;
const STOP_MS = 10_000;

interface Running { child: ChildProcess; dir: string }
const running = new Set<Running>();
// A test file that fails before its afterAll still leaves no server behind.
process.once("exit", () => {
  for (const r of running) {
    r.child.kill("SIGKILL");
    rmSync(r.dir, { recursive: true, force: true });
  }
});

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The directory holding all of `names`: the highest installed PostgreSQL version first, then PATH. */
function findBinaries(names: string[]): string | null {
  const root = "/usr/lib/postgresql";
  let versions: string[] = [];
  try {
    versions = readdirSync(root).sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  } catch {
    // none installed there
  }
  const dirs = [...versions.map((v) => join(root, v, "bin")), ...(process.env.PATH ?? "").split(delimiter).filter(Boolean)];
  return dirs.find((d) => names.every((n) => executable(join(d, n)))) ?? null;
}

/** Whether PostgreSQL's server binaries are installed (startPostgres returns null when not). */
export function postgresInstalled(): boolean {
  return findBinaries(["initdb", "postgres"]) !== null;
}

/** Whether redis-server is installed (startRedis returns null when not). */
export function redisInstalled(): boolean {
  return redisBinary() !== null;
}

const redisBinary = (): string | null => (findOnPath("redis-server") ? "redis-server" : executable("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null);

/** Runs a command to its end (killed after `ms`): its exit code and output. */
function run(command: string[], ms: number): Promise<{ code: number | null; output: string }> {
  return new Promise((ok) => {
    // cwd: a directory the postgres user can enter (it may not enter the repository's).
    const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "pipe", "pipe"], cwd: tmpdir() });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("error", (e) => output += String(e));
    child.on("close", (code) => {
      clearTimeout(timer);
      ok({ code, output });
    });
  });
}

/** PostgreSQL refuses to run as root: as root, commands run as the `postgres` system user (created if missing). */
function postgresUser(): { uid: number; gid: number; prefix: string[] } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    const made = spawnSync("useradd", ["--system", "--no-create-home", "postgres"], { encoding: "utf8" });
    if (made.status !== 0) throw new Error(`useradd postgres failed: ${made.stderr}`);
  }
  const uid = Number(id("-u").stdout.trim());
  const gid = Number(id("-g").stdout.trim());
  // setpriv replaces itself with the command, so the pid we hold (and signal) is postgres's own.
  const setpriv = executable("/usr/bin/setpriv") ? "/usr/bin/setpriv" : findOnPath("setpriv") ? "setpriv" : null;
  const prefix = setpriv ? [setpriv, `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--"] : ["runuser", "-u", "postgres", "--"];
  return { uid, gid, prefix };
}

function findOnPath(name: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((d) => d && executable(join(d, name)));
}

/** Polls `ready` every 100 ms until it says yes, the child exits, or `ms` pass. */
async function waitFor(ready: () => Promise<boolean>, child: ChildProcess, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (await ready()) return true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return false;
}

/** Stops a server: `signal`, then SIGKILL if it has not exited after 10 s; then removes its directory (unless kept for a retry). */
async function stopServer(r: Running, signal: NodeJS.Signals, keepDir = false): Promise<void> {
  const { child } = r;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_MS);
    await exited;
    clearTimeout(timer);
  }
  running.delete(r);
  if (!keepDir) rmSync(r.dir, { recursive: true, force: true });
}

/** Starts a server in `dir` and keeps the tail of what it prints (for the error when it never answers). */
function startServer(command: string[], dir: string): { r: Running; output: () => string } {
  const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "pipe", "pipe"], cwd: tmpdir(), env: { ...process.env, LC_ALL: "C" } });
  let tail = "";
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("error", (e) => keep(Buffer.from(String(e))));
  const r = { child, dir };
  running.add(r);
  return { r, output: () => tail };
}

/**
 * A PostgreSQL cluster of its own (user `csto`, trust authentication, fsync on) with an empty database; null when
 * PostgreSQL is not installed. Fast shutdown on stop (SIGINT: open sessions are ended, not waited for).
 */
export async function startPostgres(): Promise<{ url: string; stop(): Promise<void> } | null> {
  const bin = findBinaries(["initdb", "postgres"]);
  if (!bin) return null;
  const user = postgresUser();
  const prefix = user?.prefix ?? [];
  const dir = mkdtempSync(join(tmpdir(), "csto-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const init = await run([...prefix, join(bin, "initdb"), "-D", dir, "-A", "trust", "-U", "csto", "--no-sync", "-E", "UTF8", "--locale=C"], 120_000);
  if (init.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.code}): ${init.output}`);
  }
  // A port found free may be taken before postgres binds it: a few tries.
  let failure = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const { r, output } = startServer([
      ...prefix, join(bin, "postgres"), "-D", dir, "-k", dir, "-h", "127.0.0.1", "-p", String(port), "-c", "fsync=on", "-c", "listen_addresses=127.0.0.1",
    ], dir);
    const base = `postgres://csto@127.0.0.1:${port}`;
    const ready = await waitFor(async () => {
      const c = new pg.Client({ connectionString: `${base}/postgres`, connectionTimeoutMillis: 2000 });
      try {
        await c.connect();
        await c.query("CREATE DATABASE csto_test");
        return true;
      } catch (e) {
        // Created by a try whose answer was lost: it is there.
        return (e as { code?: string }).code === "42P04";
      } finally {
        await c.end().catch(() => undefined);
      }
    }, r.child, STARTUP_MS);
    if (ready) return { url: `${base}/csto_test`, stop: () => stopServer(r, "SIGINT") };
    failure = output();
    await stopServer(r, "SIGINT", true);
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`postgres did not start: ${failure}`);
}

/** Answers whether a Redis server replies +PONG on `port`. */
function ping(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = createConnection({ host: "127.0.0.1", port });
    let got = "";
    const done = (v: boolean) => {
      s.destroy();
      ok(v);
    };
    s.setTimeout(2000, () => done(false));
    s.once("error", () => done(false));
    s.once("connect", () => s.write("PING\r\n"));
    s.on("data", (d: Buffer) => {
      got += d.toString();
      if (got.includes("\r\n")) done(got.startsWith("+PONG"));
    });
  });
}

/** A Redis server of its own (no persistence); null when redis-server is not installed. */
export async function startRedis(): Promise<{ url: string; port: number; stop(): Promise<void> } | null> {
  const bin = redisBinary();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), "csto-redis-"));
  let failure = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const { r, output } = startServer([bin, "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], dir);
    if (await waitFor(() => ping(port), r.child, STARTUP_MS)) {
      return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopServer(r, "SIGTERM") };
    }
    failure = output();
    await stopServer(r, "SIGTERM", true);
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`redis-server did not start: ${failure}`);
}
