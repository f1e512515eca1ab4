/** Plain words for a prepared move, for the team-caucus line that names who prepared what. */
import type { Pledge, PreparedMoveInput } from "../actions";
import type { State } from "../state";

/** What the words need: the scenario and the drafts. A state or a client's view both serve. */
export type Table = { scenario: Pick<State["scenario"], "items" | "delegations">; proposals: State["proposals"] };

const itemTitle = (s: Table, item: string): string => s.scenario.items.find((i) => i.id === item)?.title ?? item;

function optionTitle(s: Table, item: string, option: string): string {
  if (option === "postpone") return "postpone to the next summit";
  return s.scenario.items.find((i) => i.id === item)?.options.find((o) => o.id === option)?.title ?? option;
}

const delegationName = (s: Table, d: string): string => s.scenario.delegations.find((x) => x.id === d)?.name ?? d;
const pledgeText = (s: Table, p: Pledge): string => `${p.vote} on ${itemTitle(s, p.item)}: ${optionTitle(s, p.item, p.target)}`;

/** "a draft on Secretary-General: Seyran Ohanyan", "an offer to Russia: we vote yes on …". */
export function describeMove(s: Table, move: PreparedMoveInput): string {
  switch (move.type) {
    case "propose":
      return move.option === "postpone"
        ? `a motion to postpone ${itemTitle(s, move.item)}`
        : `a draft on ${itemTitle(s, move.item)}: ${optionTitle(s, move.item, move.option)}`;
    case "amend": {
      const p = s.proposals.find((x) => x.id === move.proposal);
      const item = p?.item ?? "";
      return `an amendment to ${p ? `${delegationName(s, p.sponsor)}'s draft on ${itemTitle(s, item)}` : `draft ${move.proposal}`}: ${optionTitle(s, item, move.option)}`;
    }
    case "commit.offer":
      return `an offer to ${delegationName(s, move.to)}: we vote ${pledgeText(s, move.give)}${move.want ? `, if they vote ${pledgeText(s, move.want)}` : ""}`;
  }
}

/** The agenda items a prepared move touches (an offer touches the items of both its pledges). */
export function itemsOf(s: Table, move: PreparedMoveInput): string[] {
  switch (move.type) {
    case "propose": return [move.item];
    case "amend": {
      const p = s.proposals.find((x) => x.id === move.proposal);
      return p ? [p.item] : [];
    }
    case "commit.offer": return move.want ? [move.give.item, move.want.item] : [move.give.item];
  }
}
