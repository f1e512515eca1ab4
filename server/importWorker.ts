/**
 * The import thread: one session file, parsed, checked, replayed and stored with its own database connection, so
 * that the event loop keeps answering meanwhile. Started per import by server/importRunner.ts, which stops it when it
 * overruns its time budget; it answers once and exits.
 */
import { parentPort, workerData } from "node:worker_threads";
import { parseScenario, type Scenario } from "../shared/scenario";
import { getScenario } from "../shared/scenarios";
import { importSessionBytes, type ImportOutcome } from "./importSession";
import { Store } from "./store";

export interface ImportJob {
  dbFile: string;
  bytes: Uint8Array;
  secret: Uint8Array | null;
  /** Scenarios installed on the server beyond the built-in ones (from its scenario folder). */
  scenarios: unknown[];
}

const job = workerData as ImportJob;
const installed = new Map<string, Scenario>();
for (const s of job.scenarios) {
  const r = parseScenario(s);
  if (r.ok) installed.set(r.scenario.id, r.scenario);
}
const store = new Store(job.dbFile, { commitThread: false });
let outcome: ImportOutcome;
try {
  outcome = importSessionBytes(store, job.bytes, job.secret ? Buffer.from(job.secret) : null, (id) => getScenario(id) ?? installed.get(id));
} catch (e) {
  outcome = { ok: false, status: 500, code: "INTERNAL", detail: (e as Error).message };
}
store.db.close();
parentPort!.postMessage(outcome);
