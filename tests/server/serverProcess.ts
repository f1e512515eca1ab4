/** The real server as a child process (`node --import tsx server/main.ts`), for restart and reconnection tests. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const children = new Set<ChildProcess>();

/** Kills every server process this test file started (call from afterAll). */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? ok(a.port) : fail(new Error("no port"))));
    });
  });
}

/**
 * Spawns `server/main.ts` as `npm start` runs it (a direct child of node, so its pid is the server's) on 127.0.0.1,
 * keeping its stdout line by line and its stderr as lines marked "stderr: ". `env` overrides the environment.
 */
export function spawnServer(port: number, dataDir: string, env: Record<string, string> = {}): { child: ChildProcess; lines: string[] } {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const lines: string[] = [];
  let rest = "";
  child.stdout!.on("data", (d: Buffer) => {
    const parts = (rest + d.toString()).split("\n");
    rest = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on("data", (d: Buffer) => lines.push(`stderr: ${d.toString()}`));
  return { child, lines };
}

export interface ServerProcess { child: ChildProcess; url: string; output: string[] }

/** Starts `server/main.ts` as a direct child of node (so its pid is the server's) and waits for /health. `env` overrides the defaults. */
export async function startServerProcess(port: number, dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, GRACE_SECONDS: "5", JOIN_ATTEMPTS_PER_MINUTE: "1000", SCENARIO_DIR: join(dataDir, "scenarios"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const output: string[] = [];
  child.stdout!.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 45_000; // generous: the first start may build the client bundle
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output.join("")}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return { child, url, output };
    if (Date.now() > end) throw new Error(`server did not come up:\n${output.join("")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

