/**
 * A realistic log of a full 90-minute Yerevan summit, for the replay benchmark: six seats, two rounds, opening
 * statements, a few hundred public, bilateral and caucus messages, commitments, drafts, amendments, co-sponsors,
 * ballots in both rounds, host controls, clock ticks at every deadline, and the end of the summit. It is played
 * through the engine as it is generated, so every action in it was accepted.
 */
import type { Action } from "../shared/actions";
import { apply } from "../shared/apply";
import { createSummit } from "../shared/createSummit";
import { ENGINE_VERSION, type SessionHeader } from "../shared/replay";
import { openBallot } from "../shared/rules/ballots";
import { dmChannel, PUBLIC, teamChannel } from "../shared/rules/channels";
import { adopted } from "../shared/outcomes";
import type { Scenario } from "../shared/scenario";
import type { State } from "../shared/state";
import { SeededRandom } from "./seededRandom";

export interface SummitLog { header: SessionHeader; log: Action[]; state: State; messages: number }

const seatOf = (d: string): string => `seat-${d.toLowerCase()}`;

class Session {
  state: State;
  readonly log: Action[] = [];
  messages = 0;

  constructor(readonly scenario: Scenario, header: SessionHeader, readonly rng: SeededRandom) {
    this.state = createSummit(scenario, header);
  }

  get ids(): string[] { return this.scenario.delegations.map((d) => d.id); }

  do(by: string, input: Record<string, unknown>, at = this.state.now): void {
    const r = apply(this.state, { ...input, by, at: Math.max(at, this.state.now) });
    if (!r.ok) throw new Error(`summit log: ${String(input.type)} by ${by} refused: ${r.error}`);
    this.state = r.state;
    this.log.push(r.action);
  }

  /** One chat message from a delegation: public, to a partner, or to its own team. */
  chat(d: string, at: number, mix = { public: 0.35, dm: 0.45 }): void {
    const roll = this.rng.float();
    const channel = roll < mix.public ? PUBLIC
      : roll < mix.public + mix.dm ? dmChannel(d, this.rng.pick(this.ids.filter((x) => x !== d)))
      : teamChannel(d);
    this.do(seatOf(d), { type: "say", channel, text: this.rng.text(30, 280) }, at);
    this.messages++;
  }

  /** Spreads `moves` evenly (with jitter) over what is left of the phase clock, then ticks at the deadline. */
  phase(moves: ((at: number) => void)[]): void {
    const start = this.state.now;
    const end = this.state.clock.endsAt ?? start + 60_000;
    const step = (end - start) / (moves.length + 1);
    moves.forEach((move, i) => move(Math.floor(start + step * (i + 1) + this.rng.float() * step * 0.5)));
    this.tick();
  }

  tick(): void {
    const endsAt = this.state.clock.endsAt;
    if (this.state.status === "running" && endsAt !== null) this.do("system", { type: "clock.tick" }, endsAt);
  }

  chats(n: number, mix?: { public: number; dm: number }): ((at: number) => void)[] {
    return Array.from({ length: n }, () => (at: number) => this.chat(this.rng.pick(this.ids), at, mix));
  }

  /** How much a delegation likes an outcome of an item (its secret priorities drive the votes). */
  utility(d: string, item: string, outcome: string): number {
    return this.scenario.delegations.find((x) => x.id === d)?.priorities[item]?.[outcome] ?? 0;
  }

  /** Votes every ballot as it opens, each delegation by its priorities, with a little talk between ballots. */
  voting(): void {
    let at = this.state.now;
    while (this.state.phase === "voting") {
      const b = openBallot(this.state);
      if (!b) break;
      for (const d of this.ids) {
        at += this.rng.between(4_000, 12_000);
        const gain = b.option === "postpone"
          ? this.utility(d, b.item, "postponed") - Math.max(...this.scenario.items.find((i) => i.id === b.item)!.options.map((o) => this.utility(d, b.item, adopted(o.id))))
          : this.utility(d, b.item, adopted(b.option)) - this.utility(d, b.item, "postponed");
        const choice = gain > 0 ? "yes" : gain < -1 ? "no" : "abstain";
        this.do(seatOf(d), { type: "vote", ballot: b.id, choice }, at);
        if (this.state.phase !== "voting") break;
      }
      if (this.state.phase === "voting") for (let i = 0; i < 3; i++) this.chat(this.rng.pick(this.ids), (at += 5_000), { public: 0.6, dm: 0.3 });
    }
    // The last ballot moves the summit to results by itself; only a ballot still open at the deadline needs the clock.
    if (this.state.phase === "voting") this.tick();
  }

  /** Drafts on every undecided item: a sponsor each, sometimes a rival text or a motion to postpone. */
  drafting(plan: { sponsor: string; item: string; option: string }[], chatter: number): void {
    const moves: ((at: number) => void)[] = [];
    for (const p of plan) {
      if (this.state.outcomes[p.item] !== undefined) continue;
      moves.push((at) => this.do(seatOf(p.sponsor), { type: "propose", item: p.item, option: p.option, note: this.rng.text(20, 120) }, at));
    }
    const draftOf = (item: string, option: string) => this.state.proposals.find((p) => p.item === item && p.option === option && p.status === "tabled");
    // Amendments, answers, co-sponsors and one withdrawal, each only if its draft is on the table.
    moves.push(
      (at) => { const p = draftOf("karabakh-statement", "firm"); if (p) this.do(seatOf("KZ"), { type: "amend", proposal: p.id, option: "balanced", note: "Softer wording." }, at); },
      (at) => { const p = draftOf("missile-defence", "condemn"); if (p) this.do(seatOf("KG"), { type: "amend", proposal: p.id, option: "concern" }, at); },
      (at) => { const p = draftOf("strategy-2025", "core"); if (p) this.do(seatOf("BY"), { type: "cosponsor", proposal: p.id }, at); },
      (at) => { const p = draftOf("strategy-2025", "core"); if (p) this.do(seatOf("TJ"), { type: "cosponsor", proposal: p.id }, at); },
      (at) => { const p = draftOf("secretary-general", "postpone"); if (p) this.do(seatOf("KZ"), { type: "cosponsor", proposal: p.id }, at); },
      (at) => { const p = draftOf("karabakh-statement", "firm"); const m = p?.amendments.find((x) => x.status === "pending"); if (p && m) this.do(seatOf(p.sponsor), { type: "amendment.reject", amendment: m.id }, at); },
      (at) => { const p = draftOf("missile-defence", "condemn"); const m = p?.amendments.find((x) => x.status === "pending"); if (p && m) this.do(seatOf(p.sponsor), { type: "amendment.accept", amendment: m.id }, at); },
      (at) => { const p = draftOf("strategy-2025", "expanded"); if (p) this.do(seatOf(p.sponsor), { type: "withdraw", proposal: p.id }, at); },
    );
    this.phase(interleave(moves, this.chats(chatter, { public: 0.4, dm: 0.4 })));
  }

  /** Commitments: offers between random pairs, most answered later in the phase. */
  commitments(n: number): ((at: number) => void)[] {
    const offers: ((at: number) => void)[] = [];
    const answers: ((at: number) => void)[] = [];
    for (let i = 0; i < n; i++) {
      const from = this.rng.pick(this.ids);
      const to = this.rng.pick(this.ids.filter((x) => x !== from));
      const pledge = () => { const item = this.rng.pick(this.scenario.items); return { item: item.id, target: this.rng.pick(item.options).id, vote: "yes" }; };
      const answer = this.rng.pick(["commit.accept", "commit.accept", "commit.accept", "commit.decline", "commit.withdraw"]);
      let id = "";
      offers.push((at) => { this.do(seatOf(from), { type: "commit.offer", to, give: pledge(), want: this.rng.chance(0.8) ? pledge() : null, note: this.rng.text(20, 100) }, at); id = this.state.commitments.at(-1)!.id; });
      answers.push((at) => this.do(seatOf(answer === "commit.withdraw" ? from : to), { type: answer, commitment: id }, at));
    }
    return [...offers, ...answers];
  }
}

/** Merges two move lists, keeping each one's order. */
function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ai = Math.floor((i * a.length) / n), bi = Math.floor((i * b.length) / n);
    if (ai < a.length && Math.floor(((i + 1) * a.length) / n) > ai) out.push(a[ai]!);
    if (bi < b.length && Math.floor(((i + 1) * b.length) / n) > bi) out.push(b[bi]!);
  }
  return out;
}

const ROUND_ONE = [
  { sponsor: "RU", item: "secretary-general", option: "postpone" },
  { sponsor: "AM", item: "secretary-general", option: "ohanyan" },
  { sponsor: "AM", item: "karabakh-statement", option: "firm" },
  { sponsor: "RU", item: "strategy-2025", option: "core" },
  { sponsor: "KZ", item: "strategy-2025", option: "expanded" },
  { sponsor: "BY", item: "missile-defence", option: "condemn" },
];
const ROUND_TWO = [
  { sponsor: "AM", item: "secretary-general", option: "khachaturov" },
  { sponsor: "KG", item: "karabakh-statement", option: "balanced" },
  { sponsor: "KZ", item: "strategy-2025", option: "expanded" },
  { sponsor: "RU", item: "missile-defence", option: "concern" },
];

/** Generates the summit's log (deterministic for a seed). */
export function yerevanSummitLog(scenario: Scenario, seed = 1): SummitLog {
  const header: SessionHeader = { scenarioId: scenario.id, scenarioVersion: scenario.version, engineVersion: ENGINE_VERSION, seed, timing: "90" };
  const rng = new SeededRandom(seed);
  const s = new Session(scenario, header, rng);
  for (const d of s.ids) {
    s.do("system", { type: "seat.join", seat: seatOf(d), name: `${d} delegate` });
    s.do(seatOf(d), { type: "seat.pick", delegation: d });
  }
  s.do("host", { type: "host.start" }, 60_000);

  for (const round of [1, 2]) {
    // Opening: every delegation makes its statement in the speaking order; the caucuses confer.
    const statements = s.state.speakingOrder.map((d) => (at: number) => { s.chat(d, at, { public: 1, dm: 0 }); });
    s.phase(interleave(statements, s.chats(round === 1 ? 18 : 10, { public: 0.2, dm: 0 })));
    // Consultations: the bulk of the talk, commitments, and the host's hand on the clock.
    const host: ((at: number) => void)[] = [
      (at) => s.do("host", { type: "host.broadcast", text: "Ten minutes left in consultations." }, at),
      (at) => s.do("host", { type: "host.extend", seconds: 120 }, at),
      (at) => { s.do("host", { type: "host.pause" }, at); s.do("host", { type: "host.resume" }, at + 20_000); },
      ...(round === 2 ? [(at: number) => s.do("host", { type: "host.inject", event: "afghan-border" }, at)] : []),
    ];
    s.phase(interleave(interleave(s.chats(round === 1 ? 170 : 110), s.commitments(round === 1 ? 10 : 6)), host));
    s.drafting(round === 1 ? ROUND_ONE : ROUND_TWO, round === 1 ? 60 : 40);
    if (s.state.phase === "voting") s.voting();
    // Results (reached automatically once the last ballot closes): a few words, then the clock.
    if (s.state.phase === "results") s.phase(s.chats(8, { public: 0.7, dm: 0.2 }));
  }
  if (s.state.status !== "ended") throw new Error(`summit log: the summit did not end (${s.state.status}/${s.state.phase})`);
  return { header, log: s.log, state: s.state, messages: s.messages };
}
