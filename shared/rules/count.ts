/** Counting a ballot under each voting rule. */
import type { Choice } from "../actions";
import type { VotingRule } from "../scenario";

/**
 * Whether a ballot passes. `members` is the number of delegations at the table.
 * consensus: no objection and at least one yes (abstention and absence do not block);
 * unanimity: every member votes yes; majority: more yes than no; qualified: two thirds of members say yes.
 */
export function passes(rule: VotingRule, votes: Record<string, Choice | "absent">, members: number): boolean {
  let yes = 0;
  let no = 0;
  for (const v of Object.values(votes)) {
    if (v === "yes") yes++;
    else if (v === "no") no++;
  }
  switch (rule) {
    case "consensus": return no === 0 && yes > 0;
    case "unanimity": return yes === members;
    case "majority": return yes > no;
    case "qualified": return yes * 3 >= members * 2;
  }
}
