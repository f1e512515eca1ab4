/**
 * The debrief of a finished summit, computed from its final state: who got what against their (now revealed)
 * priorities, the outcomes beside history, cohesion over time, how delegations voted together, which promises were
 * kept, the negotiation network with its degree centralization — how star-shaped the alliance was — and what the
 * scenario invented.
 */
import { inventedOf, type InventedRow } from "./invented";
import { type KeyMoment, keyMomentsOf } from "./keyMoments";
import { outcomesOf } from "./outcomes";
import { parseChannel } from "./rules/channels";
import type { ScenarioEvent } from "./scenario";
import type { State } from "./state";

export interface ItemScore { item: string; outcome: string; got: number; best: number; bestOutcome: string; worst: number }
export interface DelegationScore {
  delegation: string; priority: number; raw: number; reputation: number; winner: boolean; perItem: ItemScore[];
  /** The summit score, its outcome part (gain over the 2016 bar) and the bar itself. */
  total: number; gain: number; baseline: number;
  conduct: { kept: number; broken: number; objections: number; lapsed: number; silent: number; standing: number };
}
export interface OutcomeRow { item: string; title: string; outcome: string; historical: string | null; matches: boolean | null }
export interface Agreement { delegations: string[]; share: (number | null)[][]; ballots: number[][] }
export interface CommitmentRecord { offered: number; received: number; accepted: number; declined: number; withdrawn: number; kept: number; broken: number; untested: number }
export interface NetworkEdge { a: string; b: string; messages: number; commitments: number; weight: number }
export interface Network {
  nodes: { id: string; degree: number; strength: number; messages: number }[];
  edges: NetworkEdge[];
  /** Freeman degree centralization of the links weighted by traffic (each normalised by the busiest link): 1 = a star. */
  centralization: number;
  /** The same on bare links (any traffic at all counts as a link). */
  binaryCentralization: number;
  /** The delegation with the most traffic, if any. */
  hub: string | null;
}
export interface Debrief {
  /** The turning points, in the order they happened: the debrief opens with them. */
  moments: KeyMoment[];
  scores: DelegationScore[];
  outcomes: OutcomeRow[];
  cohesion: { seq: number; at: number; value: number }[];
  agreement: Agreement;
  commitments: Record<string, CommitmentRecord>;
  network: Network;
  /** What the scenario invented (items, options, events), with its reasons and what became of each here. */
  invented: InventedRow[];
}

const ids = (s: State): string[] => s.scenario.delegations.map((d) => d.id);

/** Each delegation's score and, per item, what it got against the best and worst it could have had. */
export function scoresOf(s: State): DelegationScore[] {
  const result = s.result;
  if (!result) return [];
  return ids(s).map((d) => {
    const pr = s.delegations[d]?.priorities ?? {};
    const perItem = s.scenario.items.map((it): ItemScore => {
      const w = pr[it.id] ?? {};
      const keys = outcomesOf(it);
      const bestOutcome = keys.reduce((a, k) => ((w[k] ?? 0) > (w[a] ?? 0) ? k : a), keys[0]!);
      const outcome = result.outcomes[it.id] ?? "postponed";
      return { item: it.id, outcome, got: w[outcome] ?? 0, best: w[bestOutcome] ?? 0, bestOutcome, worst: Math.min(...keys.map((k) => w[k] ?? 0)) };
    });
    const sc = result.scores[d];
    return {
      delegation: d, priority: sc?.priority ?? 0, raw: sc?.raw ?? 0, reputation: sc?.reputation ?? 1, winner: result.winners.includes(d), perItem,
      total: sc?.total ?? 0, gain: sc?.gain ?? 0, baseline: sc?.baseline ?? 0,
      conduct: { kept: sc?.kept ?? 0, broken: sc?.broken ?? 0, objections: sc?.objections ?? 0, lapsed: sc?.lapsed ?? 0, silent: sc?.silent ?? 0, standing: sc?.standing ?? 0 },
    };
  });
}

/** Outcomes beside the scenario's historical ones (null where history has none). */
export function outcomesVsHistory(s: State): OutcomeRow[] {
  const outcomes = s.result?.outcomes ?? s.outcomes;
  return s.scenario.items.map((it) => {
    const outcome = outcomes[it.id] ?? "open";
    const historical = s.scenario.historical[it.id] ?? null;
    return { item: it.id, title: it.title, outcome, historical, matches: historical === null ? null : historical === outcome };
  });
}

/** For each pair, the share of closed ballots both voted on (yes, no or abstain) where they voted alike. */
export function voteAgreement(s: State): Agreement {
  const ds = ids(s);
  const share = ds.map(() => ds.map((): number | null => null));
  const ballots = ds.map(() => ds.map(() => 0));
  for (let i = 0; i < ds.length; i++) {
    for (let j = 0; j < ds.length; j++) {
      let both = 0, same = 0;
      for (const b of s.ballots) {
        if (b.result === "open") continue;
        const x = b.votes[ds[i]!], y = b.votes[ds[j]!];
        if (!x || !y || x === "absent" || y === "absent") continue;
        both++;
        if (x === y) same++;
      }
      ballots[i]![j] = both;
      share[i]![j] = both === 0 ? null : Math.round((same / both) * 1000) / 1000;
    }
  }
  return { delegations: ds, share, ballots };
}

/** Commitments per delegation: offers made and received, answers, and how its own accepted pledges were judged. */
export function commitmentRecords(s: State): Record<string, CommitmentRecord> {
  const out: Record<string, CommitmentRecord> = {};
  for (const d of ids(s)) out[d] = { offered: 0, received: 0, accepted: 0, declined: 0, withdrawn: 0, kept: 0, broken: 0, untested: 0 };
  for (const c of s.commitments) {
    const from = out[c.from], to = out[c.to];
    if (!from || !to) continue;
    from.offered++;
    to.received++;
    if (c.status === "accepted") { from.accepted++; to.accepted++; }
    if (c.status === "declined") to.declined++;
    if (c.status === "withdrawn") from.withdrawn++;
    if (c.status !== "accepted") continue;
    for (const [party, verdict] of Object.entries(c.judged)) {
      const r = out[party];
      if (r) r[verdict]++;
    }
  }
  return out;
}

/**
 * Freeman's degree centralization: the sum over nodes of (largest degree − degree), divided by its largest possible
 * value, (n − 1)(n − 2), reached by a star. With weights in [0, 1] the bound still holds, so a weighted star is 1 too.
 * 0 for fewer than three nodes or no links.
 */
export function degreeCentralization(nodes: readonly string[], edges: readonly { a: string; b: string; weight: number }[]): number {
  const n = nodes.length;
  if (n < 3) return 0;
  const top = Math.max(0, ...edges.map((e) => e.weight));
  if (top === 0) return 0;
  const degree = new Map(nodes.map((x) => [x, 0]));
  for (const e of edges) {
    const w = e.weight / top;
    degree.set(e.a, (degree.get(e.a) ?? 0) + w);
    degree.set(e.b, (degree.get(e.b) ?? 0) + w);
  }
  const ds = [...degree.values()];
  const max = Math.max(...ds);
  const sum = ds.reduce((acc, x) => acc + (max - x), 0);
  return Math.round((sum / ((n - 1) * (n - 2))) * 1000) / 1000;
}

/** Who talked to whom in private (messages on each private line) and who pledged to whom (commitments offered). */
export function negotiationNetwork(s: State): Network {
  const ds = ids(s);
  const edges = new Map<string, NetworkEdge>();
  const edge = (x: string, y: string): NetworkEdge => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}|${b}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { a, b, messages: 0, commitments: 0, weight: 0 }));
    return e;
  };
  const sent = new Map<string, number>();
  for (const m of s.messages) {
    const c = parseChannel(m.channel);
    if (c?.kind !== "dm") continue;
    edge(...c.between).messages++;
    sent.set(m.from, (sent.get(m.from) ?? 0) + 1);
  }
  for (const c of s.commitments) edge(c.from, c.to).commitments++;
  const list = [...edges.values()].map((e) => ({ ...e, weight: e.messages + e.commitments })).filter((e) => e.weight > 0);
  const nodes = ds.map((id) => {
    const mine = list.filter((e) => e.a === id || e.b === id);
    return { id, degree: mine.length, strength: mine.reduce((a, e) => a + e.weight, 0), messages: sent.get(id) ?? 0 };
  });
  const hub = nodes.reduce<{ id: string; strength: number } | null>((a, x) => (x.strength > (a?.strength ?? 0) ? x : a), null);
  return {
    nodes, edges: list,
    centralization: degreeCentralization(ds, list),
    binaryCentralization: degreeCentralization(ds, list.map((e) => ({ ...e, weight: 1 }))),
    hub: hub?.id ?? null,
  };
}

/**
 * The whole debrief of a finished summit (its final state, secrets revealed). `events`: the scenario's full event list,
 * so that invented events that broke are listed too (the state keeps only those that did not).
 */
export function debriefOf(s: State, events?: readonly ScenarioEvent[]): Debrief {
  return {
    moments: keyMomentsOf(s, events),
    scores: scoresOf(s),
    outcomes: outcomesVsHistory(s),
    cohesion: s.cohesion,
    agreement: voteAgreement(s),
    commitments: commitmentRecords(s),
    network: negotiationNetwork(s),
    invented: inventedOf(s, events),
  };
}

/** Rows as CSV text (RFC 4180 quoting), for the debrief's downloads. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  const cell = (v: string | number | boolean | null): string => {
    const t = v === null ? "" : String(v);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
