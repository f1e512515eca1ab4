/** Structured commitments: "I vote V on X if you vote W on Y", recorded and later judged kept or broken. */
import type { Pledge } from "../actions";
import type { Ballot, Commitment, GameEvent, State } from "../state";
import { type Handler, newId, type Step, refuse, requirePhase, shiftRelation, signatoryDelegation } from "./context";

const NEGOTIATING = ["opening", "consultations", "drafting", "voting"];

/** Whether a pledge names a real item and one of its options (or "postpone"). */
export function checkPledge(s: State, p: Pledge): boolean {
  const item = s.scenario.items.find((i) => i.id === p.item);
  return !!item && (p.target === "postpone" || item.options.some((o) => o.id === p.target));
}

export const offer: Handler<"commit.offer"> = (s, a, events) => {
  const phase = requirePhase(s, ...NEGOTIATING);
  if (phase) return phase;
  const from = signatoryDelegation(s, a.by);
  if (typeof from !== "string") return from;
  if (!s.delegations[a.to] || a.to === from) return refuse("NO_SUCH_DELEGATION");
  if (!checkPledge(s, a.give) || (a.want && !checkPledge(s, a.want))) return refuse("NO_SUCH_OPTION");
  const [id, s1] = newId(s, "c");
  const c: Commitment = {
    id, from, to: a.to, give: a.give, want: a.want, note: a.note ?? "", status: "offered", at: s.now,
    judged: a.want ? { [from]: "untested", [a.to]: "untested" } : { [from]: "untested" },
  };
  events.push({ type: "commitment.offered", to: [from, a.to], commitment: c });
  return { ...s1, commitments: [...s1.commitments, c] };
};

function answer(status: "accepted" | "declined" | "withdrawn", s: State, a: { by: string; commitment: string }, events: GameEvent[]): Step {
  const phase = requirePhase(s, ...NEGOTIATING);
  if (phase) return phase;
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const c = s.commitments.find((x) => x.id === a.commitment);
  if (!c || (c.from !== d && c.to !== d)) return refuse("NO_SUCH_COMMITMENT");
  if (c.status !== "offered") return refuse("COMMITMENT_SETTLED");
  // The offerer may only withdraw; the addressee may only accept or decline.
  if ((status === "withdrawn") !== (c.from === d)) return refuse("NOT_PARTY");
  events.push({ type: `commitment.${status}`, to: [c.from, c.to], commitment: c.id });
  return { ...s, commitments: s.commitments.map((x) => (x.id === c.id ? { ...x, status } : x)) };
}
export const accept: Handler<"commit.accept"> = (s, a, events) => answer("accepted", s, a, events);
export const decline: Handler<"commit.decline"> = (s, a, events) => answer("declined", s, a, events);
export const withdrawOffer: Handler<"commit.withdraw"> = (s, a, events) => answer("withdrawn", s, a, events);

/** Judges every accepted commitment whose pledge this ballot tested; keeping builds trust, breaking costs it. */
export function judgeBallot(s: State, b: Ballot, events: GameEvent[]): State {
  let relations: Record<string, number> | null = null;
  const commitments = s.commitments.map((c) => {
    if (c.status !== "accepted") return c;
    let judged = c.judged;
    for (const [party, pledge] of [[c.from, c.give], [c.to, c.want]] as const) {
      if (!pledge || pledge.item !== b.item || pledge.target !== b.option) continue;
      const kept = b.votes[party] === pledge.vote;
      const before = judged[party];
      const after = before === "broken" || !kept ? "broken" : "kept";
      if (after === before) continue;
      judged = { ...judged, [party]: after };
      relations ??= { ...s.relations };
      shiftRelation(relations, c.from, c.to, after === "kept" ? 0.05 : -0.15);
      events.push({ type: "commitment.judged", to: [c.from, c.to], commitment: c.id, party, verdict: after });
    }
    return judged === c.judged ? c : { ...c, judged };
  });
  return relations ? { ...s, commitments, relations } : { ...s, commitments };
}
