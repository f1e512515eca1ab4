/** What a seat (or the host) can do now: clients offer only these, bots choose among them. */
import type { ActionInput } from "./actions";
import type { State } from "./state";
import { channelsOf, teamChannel } from "./rules/channels";
import { delegationIds } from "./rules/context";
import { isObjection, objectionsUsed, openBallot } from "./rules/ballots";
import { teamOf } from "./rules/seats";
import { legalPreparation } from "./legalPreparation";

/** A concrete action, or for free text and commitments a template naming where it may go. */
export type LegalAction =
  | Exclude<ActionInput, { type: "say" | "commit.offer" }>
  | { type: "say"; channel: string }
  | { type: "commit.offer"; to: string }
  | { type: "prepare"; move: { type: "commit.offer"; to: string } };

const NEGOTIATING = ["opening", "consultations", "drafting", "voting"];

/** The host's available controls. */
function hostActions(s: State): LegalAction[] {
  const out: LegalAction[] = [];
  if (s.status === "ended") return out;
  if (s.status === "lobby") out.push({ type: "host.start" });
  if (s.status === "running") out.push({ type: "host.pause" }, { type: "host.advance" });
  if (s.status === "paused") out.push({ type: "host.resume" });
  if ((s.status === "running" || s.status === "paused") && (s.clock.endsAt !== null || s.clock.remaining !== null)) {
    out.push({ type: "host.extend", seconds: 60 });
  }
  if (s.status !== "lobby") for (const e of s.pendingEvents) out.push({ type: "host.inject", event: e.id });
  out.push({ type: "host.broadcast", text: "" }, { type: "host.end" });
  return out;
}

/** Every action `seat` may take in `s` ("host" for the host's controls). */
export function legalActions(s: State, seat: string): LegalAction[] {
  if (seat === "host") return hostActions(s);
  const me = s.seats[seat];
  if (!me || s.status === "ended") return [];
  const ids = delegationIds(s);
  if (me.delegation === null) {
    return ids.filter((d) => teamOf(s, d).length < s.scenario.maxTeamSize).map((d) => ({ type: "seat.pick", delegation: d }));
  }
  const d = me.delegation;
  if (s.status === "lobby") return [{ type: "say", channel: teamChannel(d) }, ...legalPreparation(s, seat, d)];
  if (s.status !== "running") return [];
  const out: LegalAction[] = channelsOf(d, ids).map((channel) => ({ type: "say", channel }));
  out.push(...legalPreparation(s, seat, d));
  if (s.delegations[d]?.signatory !== seat) return out;
  if (s.phase !== null && NEGOTIATING.includes(s.phase)) {
    for (const to of ids) if (to !== d) out.push({ type: "commit.offer", to });
    for (const c of s.commitments) {
      if (c.status !== "offered") continue;
      if (c.to === d) out.push({ type: "commit.accept", commitment: c.id }, { type: "commit.decline", commitment: c.id });
      if (c.from === d) out.push({ type: "commit.withdraw", commitment: c.id });
    }
  }
  if (s.phase === "drafting") {
    for (const item of s.scenario.items) {
      if (s.outcomes[item.id] !== undefined) continue;
      if (!s.proposals.some((p) => p.item === item.id && p.sponsor === d && p.status === "tabled")) {
        for (const o of item.options) out.push({ type: "propose", item: item.id, option: o.id });
        out.push({ type: "propose", item: item.id, option: "postpone" });
      }
    }
    for (const p of s.proposals) {
      if (p.status !== "tabled") continue;
      if (p.sponsor === d) {
        out.push({ type: "withdraw", proposal: p.id });
        for (const m of p.amendments) {
          if (m.status === "pending") out.push({ type: "amendment.accept", amendment: m.id }, { type: "amendment.reject", amendment: m.id });
        }
      } else if (!p.cosponsors.includes(d)) {
        out.push({ type: "cosponsor", proposal: p.id });
      }
      if (p.option !== "postpone") {
        const item = s.scenario.items.find((i) => i.id === p.item);
        for (const o of item?.options ?? []) if (o.id !== p.option) out.push({ type: "amend", proposal: p.id, option: o.id });
      }
    }
  }
  const b = s.phase === "voting" ? openBallot(s) : undefined;
  if (b && b.votes[d] === undefined) {
    const canObject = objectionsUsed(s, d) < s.scenario.objections;
    for (const choice of ["yes", "no", "abstain"] as const) {
      if (canObject || !isObjection(b.rule, choice)) out.push({ type: "vote", ballot: b.id, choice });
    }
  }
  return out;
}

/**
 * Whether two states offer everyone the same legal moves: every part of the state `legalActions` reads is the same
 * object in both (the engine copies only what an action changes). A line of chat changes none of them, so a server
 * keeps each seat's list across it instead of working it out again.
 */
export function sameLegalInputs(a: State, b: State): boolean {
  return a === b || (a.status === b.status && a.phase === b.phase && a.round === b.round && a.clock === b.clock
    && a.seats === b.seats && a.delegations === b.delegations && a.commitments === b.commitments
    && a.proposals === b.proposals && a.ballots === b.ballots && a.outcomes === b.outcomes
    && a.portfolios === b.portfolios && a.prepared === b.prepared && a.pendingEvents === b.pendingEvents
    && a.scenario === b.scenario && a.rules === b.rules);
}
