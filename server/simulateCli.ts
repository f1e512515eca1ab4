/**
 * npm run simulate -- --scenario yerevan-2016 --games 2000 --seed 7
 *   [--strength plain|strong|mixed] [--host-events 0.25] [--workers N] [--json]
 *   [--policy SEAT=POLICY ...]         play one or more seats by a fixed policy (yes, no, abstain, never-vote,
 *                                      random, mute, breaker) or bot strength, the others by --strength
 *   [--policy-table [--seats RU,AM]]   for every seat, every policy against the same seeds: win rates side by side
 * Plays bot-only summits engine-only and prints outcome frequencies, win rates, cohesion and commitments kept.
 * Games are split over worker threads; each game's seed depends only on --seed and its index, so the figures
 * are the same whatever the number of workers.
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { GameRecord } from "../shared/playGame";
import { getScenario } from "../shared/scenarios";
import { summarise, type SimulationReport, type StrengthMix } from "../shared/simulate";
import { type Policy, POLICIES, POLICY_TEXT } from "../shared/bots/policies";
import { policyTable, type PolicyTable } from "../shared/policyTable";
import type { SimJob, SimTask } from "./simulateWorker";

interface Args {
  scenario: string; games: number; seed: number; strength: StrengthMix; hostEvents: number; workers: number; json: boolean;
  policies: Record<string, Policy>; table: boolean; seats: string[] | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    scenario: "yerevan-2016", games: 1000, seed: 1, strength: "mixed", hostEvents: 0.25,
    workers: Math.max(1, Math.min(4, availableParallelism())), json: false, policies: {}, table: false, seats: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const num = (): number => {
      const x = Number(value);
      if (value === undefined || !Number.isFinite(x)) fail(`${flag} needs a number`);
      i++;
      return x;
    };
    if (flag === "--json") args.json = true;
    else if (flag === "--policy-table") args.table = true;
    else if (flag === "--seats") { if (!value) fail("--seats needs a list like RU,AM"); args.seats = value.split(","); i++; }
    else if (flag === "--policy") {
      const [seat, policy] = (value ?? "").split("=");
      if (!seat || !POLICIES.includes(policy as Policy)) fail(`--policy needs SEAT=POLICY with POLICY one of ${POLICIES.join(", ")}`);
      args.policies[seat] = policy as Policy;
      i++;
    }
    else if (flag === "--scenario") { if (!value) fail("--scenario needs an id"); args.scenario = value; i++; }
    else if (flag === "--games") args.games = Math.max(1, Math.floor(num()));
    else if (flag === "--seed") args.seed = Math.floor(num());
    else if (flag === "--host-events") args.hostEvents = Math.min(1, Math.max(0, num()));
    else if (flag === "--workers") args.workers = Math.max(1, Math.min(64, Math.floor(num())));
    else if (flag === "--strength") {
      if (value !== "plain" && value !== "strong" && value !== "mixed") fail("--strength is plain, strong or mixed");
      args.strength = value;
      i++;
    } else fail(`unknown option ${flag}`);
  }
  return args;
}

function fail(message: string): never {
  console.error(`simulate: ${message}`);
  process.exit(2);
}

const pct = (x: number): string => `${(x * 100).toFixed(1).padStart(5)}%`;

function print(r: SimulationReport, gamesPerSecond: number, workers: number): void {
  const lines = [`${r.games} games of ${r.scenario}, seed ${r.seed}, ${r.strength} bots, host events ${r.hostEvents}`, "", "Outcomes per agenda item:"];
  for (const [item, row] of Object.entries(r.outcomes)) {
    lines.push(`  ${item}`);
    for (const [outcome, share] of Object.entries(row)) lines.push(`    ${outcome.padEnd(24)} ${pct(share)}`);
  }
  lines.push("", `Combined outcomes of ${r.combined.items.join(", ")}:`);
  for (const t of r.combined.top) lines.push(`  ${pct(t.share)}  ${r.combined.items.map((i) => t.outcomes[i]).join(" / ")}${t.historical ? "   <- historical" : ""}`);
  lines.push(`  historical: ${pct(r.combined.historicalShare)} (rank ${r.combined.historicalRank ?? "-"})`, "", "Win rate (ties count for each winner):");
  for (const [d, share] of Object.entries(r.winRate)) lines.push(`  ${d.padEnd(4)} ${pct(share)}   mean score ${(r.meanScore[d] ?? 0).toFixed(3)}`);
  const c = r.commitments;
  lines.push(
    "",
    `Mean cohesion: ${r.meanCohesion.toFixed(4)}; summits that adopted too little (no winner): ${pct(r.failedShare)}`,
    `Negotiation network: mean degree centralization ${r.meanCentralization.toFixed(3)} (1 = a star); hub ${Object.entries(r.hubShare).filter(([, x]) => x > 0).sort((a, b) => b[1] - a[1]).map(([d, x]) => `${d} ${pct(x)}`).join(", ")}`,
    `Commitments: ${c.offeredPerGame.toFixed(2)} offered, ${c.acceptedPerGame.toFixed(2)} accepted per game; kept ${c.keptShare === null ? "n/a" : pct(c.keptShare)} of ${c.kept + c.broken} tested pledges`,
    `Bot actions per game: ${r.meanActions.toFixed(1)}; refused: ${r.refused}; phases cut short: ${r.capped}`,
    `Games per second: ${gamesPerSecond.toFixed(1)} (${workers} worker thread${workers > 1 ? "s" : ""})`,
  );
  console.log(lines.join("\n"));
}

const WORKER = new URL("./simulateWorker.ts", import.meta.url).href;
const TSX = import.meta.resolve("tsx/esm/api");

/** Plays games [0, games) of every run (a key and its seat policies) split over `workers` threads; records in game order per key. */
async function play(args: Args, runs: { key: string; policies: Record<string, Policy> }[]): Promise<Map<string, GameRecord[]>> {
  const per = Math.ceil(args.games / args.workers);
  const jobs: Promise<{ key: string; records: GameRecord[] }[]>[] = [];
  for (let from = 0; from < args.games; from += per) {
    const tasks: SimTask[] = runs.map((r) => ({ ...r, from, to: Math.min(args.games, from + per) }));
    const job: SimJob = { scenario: args.scenario, seed: args.seed, strength: args.strength, hostEvents: args.hostEvents, tasks };
    jobs.push(new Promise((resolve, reject) => {
      // Worker threads do not inherit the tsx loader: register it first, then load the TypeScript worker.
      const code = `import(${JSON.stringify(TSX)}).then((t) => { t.register(); return import(${JSON.stringify(WORKER)}); });`;
      const w = new Worker(code, { eval: true, workerData: job });
      w.once("message", resolve);
      w.once("error", reject);
    }));
  }
  const out = new Map<string, GameRecord[]>();
  for (const part of await Promise.all(jobs)) for (const { key, records } of part) out.set(key, [...(out.get(key) ?? []), ...records]);
  return out;
}

function printTable(t: PolicyTable): void {
  const lines = [`Policy table: ${t.games} games per cell of ${t.scenario}, seed ${t.seed}; the other seats ${t.strength} bots. Win rate of the seat:`, ""];
  lines.push(`  ${"policy".padEnd(11)}${t.seats.map((s) => s.padStart(8)).join("")}`);
  for (const p of t.policies) lines.push(`  ${p.padEnd(11)}${t.seats.map((s) => pct(t.winRate[s]![p]!).padStart(8)).join("")}`);
  lines.push("", "Mean summit score of the seat:");
  for (const p of t.policies) lines.push(`  ${p.padEnd(11)}${t.seats.map((s) => t.meanScore[s]![p]!.toFixed(3).padStart(8)).join("")}`);
  lines.push("", "Policies:", ...t.policies.map((p) => `  ${p.padEnd(11)}${POLICY_TEXT[p]}`));
  lines.push("", t.beaten.length === 0 ? "No fixed policy beats the strong bot in any seat." : `Beats the strong bot: ${t.beaten.map((b) => `${b.seat} ${b.policy} (${pct(b.winRate)} vs ${pct(b.strong)})`).join("; ")}`);
  console.log(lines.join("\n"));
}

const args = parseArgs(process.argv.slice(2));
const scenario = getScenario(args.scenario);
if (!scenario) fail(`no scenario "${args.scenario}"`);
const started = performance.now();
if (args.table) {
  const seats = args.seats ?? scenario.delegations.map((d) => d.id);
  const runs = seats.flatMap((seat) => POLICIES.map((p) => ({ key: `${seat}=${p}`, policies: { [seat]: p } })));
  const byKey = await play(args, runs);
  const table = policyTable(scenario, { games: args.games, seed: args.seed, strength: args.strength, seats }, byKey);
  if (args.json) console.log(JSON.stringify(table));
  else printTable(table);
  console.log(`(${(runs.length * args.games / ((performance.now() - started) / 1000)).toFixed(1)} games/s on ${args.workers} worker threads)`);
  process.exit(0);
}
const records = (await play(args, [{ key: "run", policies: args.policies }])).get("run") ?? [];
const seconds = (performance.now() - started) / 1000;
const report = summarise(scenario, { games: args.games, seed: args.seed, strength: args.strength, hostEvents: args.hostEvents }, records);
const gamesPerSecond = args.games / seconds;
if (args.json) console.log(JSON.stringify({ ...report, workers: args.workers, gamesPerSecond: Math.round(gamesPerSecond * 10) / 10 }));
else print(report, gamesPerSecond, args.workers);
