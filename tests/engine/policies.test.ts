/**
 * A reduced policy table (docs/BALANCE.md has the full one): in every seat of Yerevan 2016, against the bots live
 * rooms use, the strong bot must do better than every fixed, simple policy (always yes, always no, always abstain,
 * never vote, random, never talk or deal, accept-then-break) on the same seeds. It fails if a trivial policy
 * overtakes good play.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { FIXED_POLICIES } from "../../shared/bots/policies";
import { playPolicyTable, type PolicyTable } from "../../shared/policyTable";
import { scenarios } from "../../shared/scenarios";

const GAMES = 20;
const yerevan = scenarios["yerevan-2016"]!;
const SEATS = yerevan.delegations.map((d) => d.id);

describe("no fixed policy beats the strong bot (Yerevan 2016, reduced table)", () => {
  let table: PolicyTable;
  beforeAll(() => {
    table = playPolicyTable(yerevan, { games: GAMES, seed: 21, strength: "mixed", hostEvents: 0.25, seats: SEATS, policies: ["strong", ...FIXED_POLICIES] });
  }, 300_000);

  it.each(SEATS)("in the %s seat the strong bot scores more than every fixed policy", (seat) => {
    const strong = table.meanScore[seat]!["strong"]!;
    for (const p of FIXED_POLICIES) expect(table.meanScore[seat]![p]!, `${seat} ${p} vs strong ${strong}`).toBeLessThan(strong);
  });

  it.each(SEATS)("in the %s seat no fixed policy wins clearly more often than the strong bot", (seat) => {
    // Win rates over 20 games carry about ±10 points of noise; the full table (300 games) holds them strictly.
    const strong = table.winRate[seat]!["strong"]!;
    for (const p of FIXED_POLICIES) expect(table.winRate[seat]![p]!, `${seat} ${p} vs strong ${strong}`).toBeLessThanOrEqual(strong + 0.1);
  });
});
