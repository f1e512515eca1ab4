/**
 * An import thread: session files, one at a time, parsed, checked, replayed and stored with its own database
 * connection, so that the event loop keeps answering meanwhile. Kept warm by server/importRunner.ts (loading the engine
 * takes seconds), which stops it when an import overruns its time budget or has been idle for a while.
 */
import { parentPort, workerData } from "node:worker_threads";
import { parseScenario, type Scenario } from "../shared/scenario";
import { getScenario } from "../shared/scenarios";
import { importSessionBytes, type ImportOutcome } from "./importSession";
import { openStorage, type StoreAddress } from "./storage";

export interface ImportJob { id: number; bytes: Uint8Array }
export type ImportReply = { ready: true } | { id: number; outcome: ImportOutcome };

/** `scenarios`: those installed on the server when the thread started (its scenario folder is read at start). */
const { store: at, secret, scenarios } = workerData as { store: StoreAddress; secret: Uint8Array | null; scenarios: unknown[] };
const key = secret ? Buffer.from(secret) : null;
const store = await openStorage(at, { commitThread: false });
const installed = new Map<string, Scenario>();
for (const s of scenarios) {
  const r = parseScenario(s);
  if (r.ok) installed.set(r.scenario.id, r.scenario);
}

parentPort!.on("message", async (job: ImportJob) => {
  let outcome: ImportOutcome;
  try {
    outcome = await importSessionBytes(store, job.bytes, key, (id) => installed.get(id) ?? getScenario(id));
  } catch (e) {
    outcome = { ok: false, status: 500, code: "INTERNAL", detail: (e as Error).message };
  }
  parentPort!.postMessage({ id: job.id, outcome } satisfies ImportReply);
});
parentPort!.postMessage({ ready: true } satisfies ImportReply);
