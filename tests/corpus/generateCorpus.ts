/**
 * Writes the corpus of recorded sessions (run once; the files are then kept as they are, so that a change to the
 * engine that alters any of them shows up in tests/engine/corpus.test.ts):
 *   node --import tsx tests/corpus/generateCorpus.ts [--force]
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Action } from "../../shared/actions";
import { forkSession } from "../../shared/forkSession";
import { playGame } from "../../shared/playGame";
import { ENGINE_VERSION, type SessionHeader } from "../../shared/replay";
import { getScenario } from "../../shared/scenarios";
import { exportSession, type ExportInput, stringifySession } from "../../shared/sessionFile";
import { continueWithBots, playClassSession } from "../classSession";

const dir = import.meta.dirname;
const force = process.argv.includes("--force");
const yerevan = getScenario("yerevan-2016")!;
const tutorial = getScenario("tutorial")!;

function write(name: string, input: ExportInput): Action[] {
  const path = join(dir, `${name}.session.json`);
  const e = exportSession(input);
  if (!e.ok) throw new Error(`${name}: ${e.error}`);
  if (existsSync(path) && !force) {
    console.log(`${name}: kept (use --force to rewrite)`);
  } else {
    writeFileSync(path, stringifySession(e.file));
    console.log(`${name}: ${e.file.actions.length} actions, ${e.state.status}, outcomes ${JSON.stringify(e.state.result?.outcomes ?? e.state.outcomes)}`);
  }
  return [...input.actions];
}

// A 90-minute class at Yerevan that ends as the real summit did: statement rejected, appointment postponed, strategy adopted.
const historical = playClassSession(yerevan, { seed: 2, timing: "90", perDelegation: 2, chatPerMinute: 0.25 });
const parentActions = write("yerevan-historical", {
  scenario: yerevan, header: historical.header, actions: historical.actions, createdAt: historical.createdAt,
  title: "Yerevan 2016, class of twelve", source: { table: "corpus-yerevan", seminar: "corpus", index: 0 },
});

// The tutorial played by bots alone, hand-paced.
const tutorialHeader: SessionHeader = { scenarioId: "tutorial", scenarioVersion: tutorial.version, engineVersion: ENGINE_VERSION, seed: 7, timing: "manual", ruleOverrides: {} };
const bots = playGame(tutorial, { seed: 7, strength: "mixed", hostEvents: 0, keepLog: true });
write("tutorial-bots", { scenario: tutorial, header: tutorialHeader, actions: bots.log, createdAt: Date.UTC(2016, 8, 1, 9, 0), title: "Tutorial, bots only" });

// The tutorial in a 45-minute class with a majority vote instead of consensus.
const majority = playClassSession(tutorial, { seed: 5, timing: "45", perDelegation: 3, chatPerMinute: 0.5, ruleOverrides: { exercise: "majority" } });
write("tutorial-majority-45", { scenario: tutorial, header: majority.header, actions: majority.actions, createdAt: majority.createdAt, title: "Tutorial, majority rule" });

// What if: the historical session forked when round 2's voting began, played on by bots.
const at = historical.state.ballots.find((b) => b.round === 2)!;
const seq = parentActions.findIndex((a) => a.at >= at.openedAt) + 1;
const fork = forkSession(yerevan, historical.header, parentActions, seq);
if (!fork.ok) throw new Error(fork.error);
const rest = continueWithBots(fork.state, 99);
write("yerevan-fork", {
  scenario: yerevan, header: historical.header, actions: [...fork.actions, ...rest.actions], createdAt: historical.createdAt + 86_400_000,
  title: "What if: Yerevan from round 2's vote", fork: { parent: "corpus-yerevan", seq },
});
