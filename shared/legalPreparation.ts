/** The part of `legalActions` about advisers: portfolios for the signatory, prepared moves for both. */
import type { PreparedMoveInput } from "./actions";
import { canonicalJson } from "./hash";
import type { LegalAction } from "./legalActions";
import type { State } from "./state";
import { delegationIds, isRefusal } from "./rules/context";
import { approve, inPortfolio, MAX_PENDING, pendingOf, portfolioOf, PREPARE_PHASES } from "./rules/preparation";
import { teamOf } from "./rules/seats";

const keyOf = ({ note: _n, ...move }: PreparedMoveInput): string => canonicalJson(move);

/** What `seat`, a member of delegation `d`, may do about portfolios and prepared moves now. */
export function legalPreparation(s: State, seat: string, d: string): LegalAction[] {
  const signs = s.delegations[d]?.signatory === seat;
  const out: LegalAction[] = [];
  // The portfolio entry is concrete (it restates the current one); a client changes `items`.
  if (signs && s.status !== "paused") {
    for (const adviser of teamOf(s, d)) if (adviser !== seat) out.push({ type: "team.portfolio", seat: adviser, items: portfolioOf(s, d, adviser) });
  }
  if (s.status !== "running" || s.phase === null) return out;
  const pending = pendingOf(s, d);
  for (const m of pending) {
    // Approval is offered only when the move would be accepted now: the same handler decides.
    if (signs && !isRefusal(approve(s, { type: "prepared.approve", prepared: m.id, by: seat, at: s.now }, []))) {
      out.push({ type: "prepared.approve", prepared: m.id });
    }
    if (signs || m.author === seat) out.push({ type: "prepared.discard", prepared: m.id });
  }
  if (signs || pending.length >= MAX_PENDING) return out;
  const taken = new Set(pending.map((m) => keyOf(m.move)));
  const moves: PreparedMoveInput[] = [];
  const mine = (item: string) => inPortfolio(s, d, seat, [item]);
  if (PREPARE_PHASES.propose.includes(s.phase)) {
    for (const item of s.scenario.items) {
      if (s.outcomes[item.id] !== undefined || !mine(item.id)) continue;
      for (const option of [...item.options.map((o) => o.id), "postpone"]) moves.push({ type: "propose", item: item.id, option });
    }
  }
  if (PREPARE_PHASES.amend.includes(s.phase)) {
    for (const p of s.proposals) {
      if (p.status !== "tabled" || p.option === "postpone" || s.outcomes[p.item] !== undefined || !mine(p.item)) continue;
      const item = s.scenario.items.find((i) => i.id === p.item);
      for (const o of item?.options ?? []) if (o.id !== p.option) moves.push({ type: "amend", proposal: p.id, option: o.id });
    }
  }
  for (const move of moves) if (!taken.has(keyOf(move))) out.push({ type: "prepare", move });
  if (PREPARE_PHASES["commit.offer"].includes(s.phase)) {
    for (const to of delegationIds(s)) if (to !== d) out.push({ type: "prepare", move: { type: "commit.offer", to } });
  }
  return out;
}

/** True for a legal entry that is a template to fill in rather than an action to send as it is. */
export function isTemplate(a: LegalAction): boolean {
  if (a.type === "say" || (a.type === "commit.offer" && !("give" in a))) return true;
  if (a.type === "host.broadcast" && a.text === "") return true;
  return a.type === "prepare" && a.move.type === "commit.offer" && !("give" in a.move);
}
