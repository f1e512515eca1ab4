/** Drafting: tabling a text (or a motion to postpone), amending it, co-sponsoring and withdrawing it. */
import type { GameEvent, Proposal, State } from "../state";
import { type Handler, newId, type Refusal, type Step, refuse, requirePhase, signatoryDelegation } from "./context";

/** A live draft (tabled, not yet voted) by id, or a refusal. */
function liveDraft(s: State, id: string): Proposal | Refusal {
  const p = s.proposals.find((x) => x.id === id);
  return p && p.status === "tabled" ? p : refuse("NO_SUCH_PROPOSAL");
}

/** Refuses an unknown or decided item, or an option it does not have ("postpone" only when allowed). */
export function validOption(s: State, item: string, option: string, allowPostpone: boolean): Refusal | null {
  const it = s.scenario.items.find((i) => i.id === item);
  if (!it) return refuse("NO_SUCH_ITEM");
  if (s.outcomes[item] !== undefined) return refuse("ITEM_DECIDED");
  if (option === "postpone" ? !allowPostpone : !it.options.some((o) => o.id === option)) return refuse("NO_SUCH_OPTION");
  return null;
}

const replace = (s: State, p: Proposal): State => ({ ...s, proposals: s.proposals.map((x) => (x.id === p.id ? p : x)) });

export const propose: Handler<"propose"> = (s, a, events) => {
  const phase = requirePhase(s, "drafting");
  if (phase) return phase;
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const bad = validOption(s, a.item, a.option, true);
  if (bad) return bad;
  if (s.proposals.some((p) => p.item === a.item && p.sponsor === d && p.status === "tabled")) return refuse("ALREADY_PROPOSED");
  const [id, s1] = newId(s, "p");
  const p: Proposal = {
    id, item: a.item, option: a.option, sponsor: d, cosponsors: [], note: a.note ?? "",
    amendments: [], status: "tabled", round: s.round,
  };
  events.push({ type: "proposal.tabled", proposal: p });
  return { ...s1, floor: d, proposals: [...s1.proposals, p] };
};

export const amend: Handler<"amend"> = (s, a, events) => {
  const phase = requirePhase(s, "drafting");
  if (phase) return phase;
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const p = liveDraft(s, a.proposal);
  if ("refused" in p) return p;
  if (p.option === "postpone" || a.option === p.option) return refuse("NO_SUCH_OPTION");
  const bad = validOption(s, p.item, a.option, false);
  if (bad) return bad;
  const [id, s1] = newId(s, "a");
  const amendment = { id, by: d, option: a.option, note: a.note ?? "", status: "pending" as const };
  events.push({ type: "amendment.offered", proposal: p.id, amendment });
  return replace(s1, { ...p, amendments: [...p.amendments, amendment] });
};

function answerAmendment(accept: boolean, s: State, a: { by: string; amendment: string }, events: GameEvent[]): Step {
  const phase = requirePhase(s, "drafting");
  if (phase) return phase;
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const p = s.proposals.find((x) => x.status === "tabled" && x.amendments.some((m) => m.id === a.amendment && m.status === "pending"));
  if (!p) return refuse("NO_SUCH_AMENDMENT");
  if (p.sponsor !== d) return refuse("NOT_SPONSOR");
  const m = p.amendments.find((x) => x.id === a.amendment)!;
  const amendments = p.amendments.map((x) => (x.id === m.id ? { ...x, status: accept ? "accepted" as const : "rejected" as const } : x));
  events.push({ type: accept ? "amendment.accepted" : "amendment.rejected", proposal: p.id, amendment: m.id, option: m.option });
  return replace(s, { ...p, amendments, option: accept ? m.option : p.option });
}
export const acceptAmendment: Handler<"amendment.accept"> = (s, a, events) => answerAmendment(true, s, a, events);
export const rejectAmendment: Handler<"amendment.reject"> = (s, a, events) => answerAmendment(false, s, a, events);

export const cosponsor: Handler<"cosponsor"> = (s, a, events) => {
  const phase = requirePhase(s, "drafting");
  if (phase) return phase;
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const p = liveDraft(s, a.proposal);
  if ("refused" in p) return p;
  if (p.sponsor === d || p.cosponsors.includes(d)) return refuse("ALREADY_SPONSOR");
  events.push({ type: "proposal.cosponsored", proposal: p.id, delegation: d });
  return replace(s, { ...p, cosponsors: [...p.cosponsors, d] });
};

export const withdraw: Handler<"withdraw"> = (s, a, events) => {
  const phase = requirePhase(s, "drafting");
  if (phase) return phase;
  const d = signatoryDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const p = liveDraft(s, a.proposal);
  if ("refused" in p) return p;
  if (p.sponsor !== d) return refuse("NOT_SPONSOR");
  events.push({ type: "proposal.withdrawn", proposal: p.id });
  return replace(s, { ...p, status: "withdrawn" });
};
