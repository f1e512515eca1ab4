/**
 * Runs imports off the event loop: each in its own worker thread (server/importWorker.ts), at most `concurrent` at a
 * time, each stopped when it overruns its time budget or its memory. The answer is the worker's, or a refusal.
 */
import { Worker } from "node:worker_threads";
import { scenarios } from "../shared/scenarios";
import type { ImportOutcome } from "./importSession";
import type { ImportJob } from "./importWorker";

export interface ImportRunnerOptions {
  /** Imports running at once; more are refused with 503 IMPORT_BUSY. */
  concurrent: number;
  /** Milliseconds an import may take, thread start included; then it is stopped (503 IMPORT_TIMEOUT). */
  timeBudgetMs: number;
  /** Heap of an import thread (MB); past it the thread dies (413 IMPORT_TOO_COSTLY). */
  heapMb: number;
}

/** A maximal legitimate file (tests/server/imports.test.ts) imports in 1–3 s on a busy two-core machine. */
export const IMPORT_RUNNER_DEFAULTS: ImportRunnerOptions = { concurrent: 2, timeBudgetMs: 20_000, heapMb: 512 };

const WORKER = new URL("./importWorker.ts", import.meta.url).href;
const TSX = import.meta.resolve("tsx/esm/api");

export class ImportRunner {
  private running = 0;
  readonly options: ImportRunnerOptions;

  constructor(private readonly dbFile: string, private readonly secret: Buffer | null, options: Partial<ImportRunnerOptions> = {}) {
    this.options = { ...IMPORT_RUNNER_DEFAULTS, ...options };
  }

  /** Whether another import may start now. */
  get busy(): boolean { return this.running >= this.options.concurrent; }

  /** Imports a file's bytes; refused at once (IMPORT_BUSY) when enough imports are running already. */
  async run(bytes: Uint8Array): Promise<ImportOutcome> {
    if (this.busy) return { ok: false, status: 503, code: "IMPORT_BUSY", detail: `${this.options.concurrent} imports are running; try again in a few seconds` };
    this.running++;
    try {
      return await this.inWorker(bytes);
    } finally {
      this.running--;
    }
  }

  private inWorker(bytes: Uint8Array): Promise<ImportOutcome> {
    const job: ImportJob = { dbFile: this.dbFile, bytes, secret: this.secret, scenarios: Object.values(scenarios) };
    // Worker threads do not inherit the tsx loader: register it first, then load the TypeScript worker.
    const code = `import(${JSON.stringify(TSX)}).then((t) => { t.register(); return import(${JSON.stringify(WORKER)}); });`;
    return new Promise((resolve) => {
      let answered = false;
      const answer = (o: ImportOutcome): void => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        resolve(o);
      };
      const w = new Worker(code, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
      const timer = setTimeout(() => {
        answer({ ok: false, status: 503, code: "IMPORT_TIMEOUT", detail: `the import took longer than ${this.options.timeBudgetMs} ms and was stopped; nothing was stored` });
        void w.terminate();
      }, this.options.timeBudgetMs);
      w.on("message", (o: ImportOutcome) => answer(o));
      w.on("error", (e) => {
        const oom = (e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
        answer(oom
          ? { ok: false, status: 413, code: "IMPORT_TOO_COSTLY", detail: "replaying this file needs more memory than an import may use" }
          : { ok: false, status: 500, code: "INTERNAL", detail: e.message });
      });
      w.on("exit", () => answer({ ok: false, status: 500, code: "INTERNAL", detail: "the import thread stopped without an answer" }));
    });
  }
}
