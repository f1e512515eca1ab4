/** Worker thread for the simulator CLI: plays its share of games for each task and posts their records back. */
import { parentPort, workerData } from "node:worker_threads";
import { type GameRecord, playGame, type StrengthMix } from "../shared/playGame";
import type { Policy } from "../shared/bots/policies";
import { getScenario } from "../shared/scenarios";
import { gameSeed } from "../shared/simulate";

/** One run of games: the same seeds, with some seats played by a given policy. */
export interface SimTask { key: string; policies: Record<string, Policy>; from: number; to: number }
export interface SimJob { scenario: string; seed: number; strength: StrengthMix; hostEvents: number; tasks: SimTask[] }

const job = workerData as SimJob;
const scenario = getScenario(job.scenario);
if (!scenario) throw new Error(`no scenario ${job.scenario}`);
const out: { key: string; records: GameRecord[] }[] = [];
for (const t of job.tasks) {
  const records: GameRecord[] = [];
  for (let i = t.from; i < t.to; i++) {
    records.push(playGame(scenario, { seed: gameSeed(job.seed, i), strength: job.strength, hostEvents: job.hostEvents, policies: t.policies }).record);
  }
  out.push({ key: t.key, records });
}
parentPort?.postMessage(out);
