/** Simulator throughput: whole bot-only summits of Yerevan 2016 played engine-only, per bot strength. */
import { playGame, type StrengthMix } from "../shared/playGame";
import { scenarios } from "../shared/scenarios";
import { gameSeed } from "../shared/simulate";
import { median, round, timeRuns } from "./measure";

export interface SimulateBenchRow { strength: StrengthMix; gamesPerSecondWall: number; gamesPerSecondCpu: number; msPerGame: number; actionsPerGame: number; botActionsPerSecond: number }

const GAMES = 24;
const RUNS = 7;

/** Times RUNS batches of GAMES seeded summits (one thread) for each strength. */
export function simulateBench(): { rows: SimulateBenchRow[]; markdown: string } {
  const scenario = scenarios["yerevan-2016"]!;
  const rows: SimulateBenchRow[] = [];
  for (const strength of ["mixed", "plain", "strong"] as const) {
    let actions = 0;
    const batch = () => {
      actions = 0;
      for (let i = 0; i < GAMES; i++) actions += playGame(scenario, { seed: gameSeed(7, i), strength, hostEvents: 0.25 }).record.actions;
    };
    const t = timeRuns(RUNS, batch, 1);
    const wall = median(t.wall), cpu = median(t.cpu);
    rows.push({
      strength,
      gamesPerSecondWall: round((GAMES * 1000) / wall, 1),
      gamesPerSecondCpu: round((GAMES * 1000) / cpu, 1),
      msPerGame: round(wall / GAMES, 1),
      actionsPerGame: round(actions / GAMES, 1),
      botActionsPerSecond: Math.round((actions * 1000) / wall),
    });
  }
  const lines = [
    "| bots | games/s (wall) | games/s (CPU) | ms per game | bot actions per game | bot actions/s |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.strength} | ${r.gamesPerSecondWall} | ${r.gamesPerSecondCpu} | ${r.msPerGame} | ${r.actionsPerGame} | ${r.botActionsPerSecond.toLocaleString("en")} |`),
    "",
    `One thread; median of ${RUNS} timed batches of ${GAMES} seeded summits (seed 7, host events 0.25) after one untimed batch.`,
  ];
  return { rows, markdown: lines.join("\n") };
}
