/**
 * Keeps a @colyseus/schema mirror of the pure engine's state in step, as a room using state sync would: after each
 * action, walk the new state against the previous one (states share unchanged subtrees, so identity finds what
 * changed), mutate only what changed, and keep one StateView per kind of viewer holding what that viewer may see.
 */
import { type ArraySchema, type MapSchema, StateView } from "@colyseus/schema";
import type { Ballot, Commitment, Message, Proposal, Score, State } from "../shared/state";
import { canRead, type Viewer } from "../shared/viewFor";
import {
  AmendmentSchema, BallotSchema, CohesionPointSchema, CommitmentSchema, DelegationSchema, HostDeskSchema, ItemPrioritiesSchema,
  LibraryEventSchema, MessageSchema, NoticeSchema, PledgeSchema, PreparedTagSchema, ProposalSchema, ResultSchema, RuleSchema,
  ScoreSchema, SeatSchema, SummitSchema, type SummitMirror,
} from "./summitSchema";
import type { Presence } from "../shared/liveSync";

/** Assigns a field only when its value changed (a write marks the field for the next patch). */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}
const opt = <T>(x: T | null | undefined): T | undefined => x ?? undefined;

/** Brings a list of Schema objects in line with `next`, touching only elements that are not the same object in `prev`. */
function syncList<T, M>(list: ArraySchema<M>, prev: readonly T[] | undefined, next: readonly T[], make: () => M, fill: (m: M, x: T, old: T | undefined) => void): void {
  if (prev === next) return;
  for (let i = 0; i < next.length; i++) {
    const x = next[i]!;
    if (i >= list.length) { const m = make(); fill(m, x, undefined); list.push(m); continue; }
    if (prev?.[i] !== x) fill(list.at(i), x, prev?.[i]);
  }
  if (list.length > next.length) list.splice(next.length);
}

function syncRecord<T, M>(map: MapSchema<M>, prev: Record<string, T> | undefined, next: Record<string, T>, make: () => M, fill: (m: M, x: T, old: T | undefined) => void): void {
  if (prev === next) return;
  for (const [k, x] of Object.entries(next)) {
    const m = map.get(k);
    if (!m) { const fresh = make(); fill(fresh, x, undefined); map.set(k, fresh); } else if (prev?.[k] !== x) fill(m, x, prev?.[k]);
  }
  for (const k of [...map.keys()]) if (!Object.hasOwn(next, k)) map.delete(k);
}

function syncValues<V>(list: ArraySchema<V>, next: readonly V[]): void {
  for (let i = 0; i < next.length; i++) {
    if (i >= list.length) list.push(next[i]!);
    else if (list.at(i) !== next[i]) list[i] = next[i]!;
  }
  if (list.length > next.length) list.splice(next.length);
}

function syncValueMap<V>(map: MapSchema<V>, next: Record<string, V>): void {
  for (const [k, v] of Object.entries(next)) if (map.get(k) !== v) map.set(k, v);
  for (const k of [...map.keys()]) if (!Object.hasOwn(next, k)) map.delete(k);
}

type M<S extends abstract new (...a: never[]) => unknown> = InstanceType<S>;

function fillMessage(m: M<typeof MessageSchema>, x: Message): void {
  put(m, "seq", x.seq); put(m, "at", x.at); put(m, "channel", x.channel); put(m, "from", x.from); put(m, "seat", x.seat); put(m, "text", x.text);
  if (x.prepared) m.prepared = new PreparedTagSchema().assign(x.prepared);
}

function fillProposal(m: M<typeof ProposalSchema>, x: Proposal, old: Proposal | undefined): void {
  put(m, "id", x.id); put(m, "item", x.item); put(m, "option", x.option); put(m, "sponsor", x.sponsor); put(m, "note", x.note);
  put(m, "status", x.status); put(m, "round", x.round);
  syncValues(m.cosponsors, x.cosponsors);
  syncList(m.amendments, old?.amendments, x.amendments, () => new AmendmentSchema(), (a, y) => {
    put(a, "id", y.id); put(a, "by", y.by); put(a, "option", y.option); put(a, "note", y.note); put(a, "status", y.status);
  });
}

function fillBallot(m: M<typeof BallotSchema>, x: Ballot): void {
  put(m, "id", x.id); put(m, "proposal", x.proposal); put(m, "item", x.item); put(m, "option", x.option); put(m, "rule", x.rule);
  put(m, "round", x.round); put(m, "openedAt", x.openedAt); put(m, "closedAt", opt(x.closedAt)); put(m, "result", x.result);
  put(m, "closesAt", opt(x.closesAt)); put(m, "remaining", opt(x.remaining));
  syncValueMap(m.votes, x.votes);
  syncValues(m.lapsed, x.lapsed);
}

function fillCommitment(m: M<typeof CommitmentSchema>, x: Commitment, old: Commitment | undefined): void {
  put(m, "id", x.id); put(m, "from", x.from); put(m, "to", x.to); put(m, "note", x.note); put(m, "status", x.status); put(m, "at", x.at);
  if (old?.give !== x.give) m.give = new PledgeSchema().assign(x.give);
  if (old?.want !== x.want) m.want = x.want ? new PledgeSchema().assign(x.want) : undefined;
  syncValueMap(m.judged, x.judged);
}

function fillScore(m: M<typeof ScoreSchema>, x: Score): void {
  const { perItem, ...rest } = x;
  for (const [k, v] of Object.entries(rest)) put(m, k as keyof typeof rest, v);
  syncValueMap(m.perItem, perItem);
}

/** The Schema mirror of one summit, and a StateView for each kind of viewer (shared by the clients of that kind). */
export class SchemaMirror {
  readonly root: SummitMirror = new SummitSchema();
  private prev: State | null = null;
  private views = new Map<string, { viewer: Viewer; view: StateView }>();

  /** Mutates the mirror from the previous state to `s`, then shows new lines, commitments and (at the end) every secret. */
  sync(s: State, presence: Record<string, Presence>): void {
    const p = this.prev, r = this.root;
    put(r, "format", s.format); put(r, "seed", s.seed); put(r, "timing", s.timing); put(r, "status", s.status); put(r, "round", s.round);
    put(r, "phase", opt(s.phase)); put(r, "now", s.now); put(r, "seq", s.seq); put(r, "nextId", s.nextId); put(r, "floor", opt(s.floor));
    put(r.clock, "endsAt", opt(s.clock.endsAt)); put(r.clock, "remaining", opt(s.clock.remaining));
    syncRecord(r.rules, p?.rules, s.rules, () => new RuleSchema(), (m, x) => { put(m, "rule", x.rule); put(m, "postponeRule", x.postponeRule); });
    syncRecord(r.seats, p?.seats, s.seats, () => new SeatSchema(), (m, x) => {
      put(m, "name", x.name); put(m, "delegation", opt(x.delegation)); put(m, "bot", x.bot); put(m, "joinedAt", x.joinedAt);
    });
    for (const [id, seat] of r.seats) put(seat, "presence", presence[id] ?? "away");
    syncRecord(r.delegations, p?.delegations, s.delegations, () => new DelegationSchema(), (m, x, old) => {
      put(m, "signatory", opt(x.signatory)); put(m, "spoke", x.spoke); put(m, "speeches", x.speeches);
      syncRecord(m.priorities, old?.priorities, x.priorities, () => new ItemPrioritiesSchema(), (i, y) => syncValueMap(i.outcomes, y));
    });
    if (p?.relations !== s.relations) syncValueMap(r.relations, s.relations);
    if (p?.speakingOrder !== s.speakingOrder) syncValues(r.speakingOrder, s.speakingOrder);
    syncList(r.messages, p?.messages, s.messages, () => new MessageSchema(), fillMessage);
    syncList(r.notices, p?.notices, s.notices, () => new NoticeSchema(), (m, x) => {
      put(m, "seq", x.seq); put(m, "at", x.at); put(m, "kind", x.kind); put(m, "title", x.title); put(m, "text", x.text); put(m, "event", opt(x.event));
    });
    syncList(r.proposals, p?.proposals, s.proposals, () => new ProposalSchema(), fillProposal);
    syncList(r.ballots, p?.ballots, s.ballots, () => new BallotSchema(), fillBallot);
    if (p?.outcomes !== s.outcomes) syncValueMap(r.outcomes, s.outcomes);
    syncList(r.commitments, p?.commitments, s.commitments, () => new CommitmentSchema(), fillCommitment);
    syncList(r.cohesion, p?.cohesion, s.cohesion, () => new CohesionPointSchema(), (m, x) => { put(m, "seq", x.seq); put(m, "at", x.at); put(m, "value", x.value); });
    if (s.result && p?.result !== s.result) {
      const res = new ResultSchema();
      syncValueMap(res.outcomes, s.result.outcomes);
      syncRecord(res.scores, undefined, s.result.scores, () => new ScoreSchema(), fillScore);
      syncValues(res.winners, s.result.winners);
      res.cohesion = s.result.cohesion;
      res.failed = s.result.failed;
      r.result = res;
    }
    if (s.messages !== p?.messages) {
      const traffic: Record<string, number> = {};
      for (const m of s.messages) if (m.channel !== "public") traffic[m.channel] = (traffic[m.channel] ?? 0) + 1;
      syncValueMap(r.privateTraffic, traffic);
    }
    if (s.pendingEvents !== p?.pendingEvents) {
      syncList(r.host.eventLibrary, p?.pendingEvents, s.pendingEvents, () => new LibraryEventSchema(), (m, e) => {
        put(m, "id", e.id); put(m, "title", e.title); put(m, "scripted", e.at !== undefined);
      });
    }
    this.prev = s;
    this.showNew(s, p);
  }

  /** The StateView of a kind of viewer, made (and filled with what it may see) on first use. */
  viewOf(key: string, viewer: Viewer): StateView {
    let v = this.views.get(key);
    if (!v) {
      v = { viewer, view: new StateView() };
      this.views.set(key, v);
      if (this.prev) this.show(v.view, viewer, this.prev, 0, 0);
    }
    return v.view;
  }

  /** Every StateView, by kind of viewer. */
  allViews(): IterableIterator<[string, { viewer: Viewer; view: StateView }]> { return this.views.entries(); }

  private showNew(s: State, p: State | null): void {
    const ended = s.status === "ended" && p?.status !== "ended";
    const fromMessage = ended ? 0 : p?.messages.length ?? 0;
    const fromCommitment = ended ? 0 : p?.commitments.length ?? 0;
    for (const { view, viewer } of this.views.values()) this.show(view, viewer, s, fromMessage, fromCommitment, ended);
  }

  /** Adds to a view the lines and commitments from the given indexes on that its viewer may see; the rest once, or at the end. */
  private show(view: StateView, viewer: Viewer, s: State, fromMessage: number, fromCommitment: number, all = fromMessage === 0): void {
    const r = this.root;
    const open = s.status === "ended";
    const own = viewer.kind === "delegation" ? viewer.delegation : null;
    for (let i = fromMessage; i < s.messages.length; i++) {
      const m = r.messages.at(i);
      if (canRead(s, viewer, s.messages[i]!.channel) && !view.has(m)) view.add(m);
    }
    for (let i = fromCommitment; i < s.commitments.length; i++) {
      const c = s.commitments[i]!, m = r.commitments.at(i);
      if ((open || c.from === own || c.to === own) && !view.has(m)) view.add(m);
    }
    if (!all) return;
    for (const [id, d] of r.delegations) if ((open || id === own) && !view.has(d)) view.add(d);
    if ((open || viewer.kind === "host") && !view.has(r.privateTraffic)) view.add(r.privateTraffic);
    if (viewer.kind === "host" && !view.has(r.host)) view.add(r.host);
  }
}
