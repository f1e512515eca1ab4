/**
 * Bench processes: a Node child running a TypeScript entry (through tsx) with an IPC channel, pinned to one CPU
 * with `taskset` when it exists, asked questions by id and answered in kind.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
let taskset: boolean | null = null;
/** Whether `taskset` works here (asked once). */
export function hasTaskset(): boolean {
  taskset ??= spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  return taskset;
}

export interface ChildOptions {
  /** The CPU to pin the child to (ignored without taskset). */
  cpu?: number;
  env?: Record<string, string>;
  /** Extra node flags, such as --cpu-prof. */
  nodeArgs?: string[];
  /** Milliseconds to wait for the child's first message. */
  readyMs?: number;
}

export class BenchChild {
  private nextId = 1;
  private waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  private exited: string | null = null;
  readonly output: string[] = [];

  private constructor(readonly child: ChildProcess, readonly first: unknown) {
    child.on("message", (m) => {
      const msg = m as { id?: number; result?: unknown; error?: string };
      const w = msg.id === undefined ? undefined : this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id!);
      if (msg.error) w.fail(new Error(msg.error)); else w.ok(msg.result);
    });
    child.on("exit", (code, signal) => {
      this.exited = `exited with ${code ?? signal}`;
      for (const w of this.waiting.values()) w.fail(new Error(`${this.exited}\n${this.output.join("").slice(-2000)}`));
      this.waiting.clear();
    });
  }

  /** Starts `entry` (a path from the repository root) and waits for its first IPC message. */
  static async start(entry: string, o: ChildOptions = {}): Promise<BenchChild> {
    const node = [...(o.nodeArgs ?? []), "--import", "tsx", entry];
    const [cmd, args] = hasTaskset() && o.cpu !== undefined ? ["taskset", ["-c", String(o.cpu), process.execPath, ...node]] : [process.execPath, node];
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...o.env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    const output: string[] = [];
    const keep = (d: Buffer) => { output.push(d.toString()); if (output.length > 200) output.shift(); };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    const first = await new Promise<unknown>((ok, fail) => {
      const timer = setTimeout(() => { child.kill("SIGKILL"); fail(new Error(`${entry} did not start:\n${output.join("")}`)); }, o.readyMs ?? 60_000);
      child.once("message", (m) => { clearTimeout(timer); ok(m); });
      child.once("exit", (code) => { clearTimeout(timer); fail(new Error(`${entry} exited with ${code}:\n${output.join("")}`)); });
    });
    const c = new BenchChild(child, first);
    c.output.push(...output);
    child.stdout!.off("data", keep);
    child.stderr!.off("data", keep);
    const keepOwn = (d: Buffer) => { c.output.push(d.toString()); if (c.output.length > 200) c.output.shift(); };
    child.stdout!.on("data", keepOwn);
    child.stderr!.on("data", keepOwn);
    return c;
  }

  /** Sends a request and resolves with its answer; rejects after `ms` or if the child dies. */
  request<T>(msg: Record<string, unknown>, ms = 600_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`child ${this.exited}`));
    const id = this.nextId++;
    return new Promise<T>((ok, fail) => {
      const timer = setTimeout(() => { this.waiting.delete(id); fail(new Error(`no answer to ${String(msg.type)} in ${ms} ms`)); }, ms);
      this.waiting.set(id, { ok: (v) => { clearTimeout(timer); ok(v as T); }, fail: (e) => { clearTimeout(timer); fail(e); } });
      this.child.send({ ...msg, id });
    });
  }

  /** Asks the child to exit cleanly (so a CPU profile gets written); kills it if it does not within `ms`. */
  async stop(ms = 20_000): Promise<void> {
    if (this.exited || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((r) => this.child.once("exit", () => r()));
    this.request({ type: "exit" }, ms).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), ms);
    await gone;
    clearTimeout(timer);
  }
}
