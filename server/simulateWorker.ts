/** Worker thread for the simulator CLI: plays a range of games and posts their records back. */
import { parentPort, workerData } from "node:worker_threads";
import { playGame, type StrengthMix } from "../shared/playGame";
import { getScenario } from "../shared/scenarios";
import { gameSeed } from "../shared/simulate";

interface Job { scenario: string; seed: number; from: number; to: number; strength: StrengthMix; hostEvents: number }

const job = workerData as Job;
const scenario = getScenario(job.scenario);
if (!scenario) throw new Error(`no scenario ${job.scenario}`);
const records = [];
for (let i = job.from; i < job.to; i++) {
  records.push(playGame(scenario, { seed: gameSeed(job.seed, i), strength: job.strength, hostEvents: job.hostEvents }).record);
}
parentPort?.postMessage(records);
