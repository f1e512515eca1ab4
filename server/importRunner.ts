/**
 * Runs imports off the event loop, in import threads (server/importWorker.ts): at most `concurrent` at a time, each
 * stopped when it overruns its time budget or its memory. The answer is the thread's, or a refusal. Threads start on
 * the first import and stay warm while imports keep coming.
 */
import { Worker } from "node:worker_threads";
import { scenarios } from "../shared/scenarios";
import type { ImportOutcome } from "./importSession";
import type { ImportJob, ImportReply } from "./importWorker";
import type { StoreAddress } from "./storage";

export interface ImportRunnerOptions {
  /** Imports running at once (one thread each); more are refused with 503 IMPORT_BUSY. */
  concurrent: number;
  /** Milliseconds an import may take once its thread has it; then the thread is stopped (503 IMPORT_TIMEOUT). */
  timeBudgetMs: number;
  /** Milliseconds a thread may take to start (loading the engine); then 503 IMPORT_UNAVAILABLE. */
  startMs: number;
  /** Heap of an import thread (MB); past it the thread dies (413 IMPORT_TOO_COSTLY). */
  heapMb: number;
  /** An idle thread is stopped after this long: a teacher importing several files finds it warm, and it ends after. */
  idleMs: number;
}

/**
 * A maximal legitimate file (tests/server/imports.test.ts: 10,000 lines, 3.96 MB) takes seconds in a warm thread, ten
 * or more on a two-core machine shared with many other processes: the caps bound the work, and the budget is a
 * backstop with room for such a machine.
 */
export const IMPORT_RUNNER_DEFAULTS: ImportRunnerOptions = { concurrent: 2, timeBudgetMs: 60_000, startMs: 60_000, heapMb: 512, idleMs: 600_000 };

const WORKER = new URL("./importWorker.ts", import.meta.url).href;
const TSX = import.meta.resolve("tsx/esm/api");

interface Thread { worker: Worker; ready: Promise<boolean>; busy: boolean; idle?: NodeJS.Timeout }

export class ImportRunner {
  private running = 0;
  private threads: Thread[] = [];
  private nextId = 0;
  readonly options: ImportRunnerOptions;

  private readonly store: StoreAddress;

  constructor(store: StoreAddress, private readonly secret: Buffer | null, options: Partial<ImportRunnerOptions> = {}) {
    // Only where the store is: that is all a thread needs to open its own connection.
    this.store = { kind: store.kind, location: store.location };
    this.options = { ...IMPORT_RUNNER_DEFAULTS, ...options };
  }

  /** Whether another import may start now. */
  get busy(): boolean { return this.running >= this.options.concurrent; }

  /**
   * Imports a file's bytes; refused at once (IMPORT_BUSY) when enough imports are running already. The bytes are
   * handed to the thread: a buffer that owns its memory (a request body does) is moved, not copied — copying megabytes
   * on the event loop is what this avoids — and is empty afterwards.
   */
  async run(bytes: Uint8Array): Promise<ImportOutcome> {
    if (this.busy) return { ok: false, status: 503, code: "IMPORT_BUSY", detail: `${this.options.concurrent} imports are running; try again in a few seconds` };
    this.running++;
    const thread = this.threads.find((t) => !t.busy) ?? this.start();
    thread.busy = true;
    clearTimeout(thread.idle);
    try {
      return await this.inThread(thread, bytes);
    } finally {
      thread.busy = false;
      this.running--;
      thread.idle = setTimeout(() => { if (!thread.busy) void thread.worker.terminate(); }, this.options.idleMs);
      thread.idle.unref();
    }
  }

  /** Stops every import thread (the server is closing). */
  async close(): Promise<void> {
    for (const t of this.threads) clearTimeout(t.idle);
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.threads = [];
  }

  private start(): Thread {
    // Worker threads do not inherit the tsx loader: register it first, then load the TypeScript worker.
    const code = `import(${JSON.stringify(TSX)}).then((t) => { t.register(); return import(${JSON.stringify(WORKER)}); });`;
    const worker = new Worker(code, {
      eval: true, workerData: { store: this.store, secret: this.secret, scenarios: Object.values(scenarios) },
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    worker.unref();
    const ready = new Promise<boolean>((resolve) => {
      const onReady = (m: ImportReply): void => { if ("ready" in m) { worker.off("message", onReady); resolve(true); } };
      worker.on("message", onReady);
      worker.once("exit", () => resolve(false));
      setTimeout(() => resolve(false), this.options.startMs).unref();
    });
    const thread: Thread = { worker, ready, busy: false };
    worker.once("exit", () => { this.threads = this.threads.filter((t) => t !== thread); });
    worker.on("error", () => undefined); // reported to the import waiting on it, through "exit"
    this.threads.push(thread);
    return thread;
  }

  private async inThread(thread: Thread, bytes: Uint8Array): Promise<ImportOutcome> {
    const { worker } = thread;
    if (!(await thread.ready)) {
      void worker.terminate();
      return { ok: false, status: 503, code: "IMPORT_UNAVAILABLE", detail: "the import thread did not start; try again later" };
    }
    const id = ++this.nextId;
    return new Promise((resolve) => {
      let answered = false;
      let oom = false;
      const answer = (o: ImportOutcome): void => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve(o);
      };
      const onMessage = (m: ImportReply): void => { if ("id" in m && m.id === id) answer(m.outcome); };
      const onError = (e: Error): void => { oom ||= (e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY"; };
      const onExit = (): void => answer(oom
        ? { ok: false, status: 413, code: "IMPORT_TOO_COSTLY", detail: "replaying this file needs more memory than an import may use; nothing was stored" }
        : { ok: false, status: 500, code: "INTERNAL", detail: "the import thread stopped without an answer; nothing was stored" });
      const timer = setTimeout(() => {
        answer({ ok: false, status: 503, code: "IMPORT_TIMEOUT", detail: `the import took longer than ${this.options.timeBudgetMs} ms and was stopped; nothing was stored` });
        // A transaction it had open is rolled back when its connection closes with the thread.
        void worker.terminate();
      }, this.options.timeBudgetMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      const job: ImportJob = { id, bytes };
      const owns = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      worker.postMessage(job, owns ? [bytes.buffer as ArrayBuffer] : []);
    });
  }
}
