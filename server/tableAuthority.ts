/** One summit table's authority: apply → persist → report. Knows the engine and the store, not the network. */
import type { Action, ActionInput } from "../shared/actions";
import { apply } from "../shared/apply";
import { createSummit } from "../shared/createSummit";
import type { ErrorCode } from "../shared/errors";
import { hash } from "../shared/hash";
import { ENGINE_VERSION, replay, type SessionHeader } from "../shared/replay";
import type { TableSummary } from "../shared/protocol";
import { getScenario } from "../shared/scenarios";
import type { GameEvent, State } from "../shared/state";
import { teamOf } from "../shared/rules/seats";
import type { SeatRow, Storage, TableRow } from "./storage/types";
import { tableScenario } from "./scenarioSnapshots";
import { log } from "./log";

export type Outcome = { ok: true; events: GameEvent[]; seq: number } | { ok: false; error: ErrorCode };

export class TableAuthority {
  state: State;
  /** The latest state whose actions are all on disk. */
  private durable: State;

  private constructor(readonly row: TableRow, private readonly store: Storage, state: State) {
    this.state = state;
    this.durable = state;
  }

  /** Rebuilds a table from its durable log (a new table simply has an empty one). */
  static async load(store: Storage, tableId: string): Promise<TableAuthority> {
    const row = await store.table(tableId);
    if (!row) throw new Error(`no table ${tableId}`);
    const actions = await store.actions(tableId);
    // The scenario text the table was created with (stored beside it), not whatever the scenario file says today.
    const found = await tableScenario(store, row, actions);
    if (!found.ok) throw new Error(found.error);
    const r = replay(found.scenario, row.header, actions);
    if (!r.ok) throw new Error(`table ${tableId} does not replay: ${r.error}`);
    const table = new TableAuthority(row, store, r.state);
    // A finished table whose final hash was never written (the server stopped first) gets it now.
    if (r.state.status === "ended" && !row.summary?.hash) await store.setSummary(row.id, table.summary(true));
    return table;
  }

  static header(scenarioId: string, version: number, seed: number, timing: SessionHeader["timing"], ruleOverrides: SessionHeader["ruleOverrides"]): SessionHeader {
    return { scenarioId, scenarioVersion: version, engineVersion: ENGINE_VERSION, seed, timing, ruleOverrides };
  }

  /** A fresh state for a header (used to check a header before storing it). */
  static fresh(header: SessionHeader): State {
    const scenario = getScenario(header.scenarioId);
    if (!scenario) throw new Error(`unknown scenario ${header.scenarioId}`);
    return createSummit(scenario, header);
  }

  /**
   * Applies an action stamped by the server and queues it for the next group commit (see Storage.enqueue). The state
   * moves on at once, so that actions arriving in the same tick see each other; `done` is called once the action is
   * on disk — nobody may hear of it before — or with the error if the write failed, in which case the state goes back
   * to the last one on disk. `seat` is stored in the same transaction when the action creates one.
   */
  submit(by: string, input: ActionInput | Record<string, unknown>, seat?: SeatRow, done: (err?: Error) => void = () => undefined): Outcome {
    const at = Math.max(Date.now(), this.state.now);
    const r = apply(this.state, { ...input, by, at });
    if (!r.ok) return { ok: false, error: r.error };
    const before = this.state;
    this.state = r.state;
    const summary = before.phase !== r.state.phase || before.status !== r.state.status || r.events.some((e) => e.type.startsWith("ballot") || e.type.startsWith("seat") || e.type === "item.decided")
      ? this.summary(false)
      : undefined;
    // The final hash walks the whole state: it is taken in a turn of its own after the commit, so that a host ending
    // every table of a seminar at once does not hash them all in one go.
    if (r.state.status === "ended" && before.status !== "ended") {
      this.afterCommit(() => setImmediate(() => {
        if (this.state.status !== "ended") return;
        this.store.setSummary(this.row.id, this.summary(true)).catch((e: unknown) => {
          // The store closed (the server is stopping): the hash is taken again when the table is next loaded.
          log.warn({ table: this.row.id, err: e }, `table ${this.row.id}: final summary not written`);
        });
      }));
    }
    this.store.enqueue({
      table: this.row.id, entries: [{ seq: r.state.seq, action: r.action as Action }], seat, summary,
      done: (err) => {
        if (err) this.state = this.durable;
        else if (r.state.seq > this.durable.seq) this.durable = r.state;
        done(err);
      },
    });
    return { ok: true, events: r.events, seq: r.state.seq };
  }

  /** Whether every action applied so far is on disk. */
  get durableNow(): boolean { return this.state === this.durable; }

  /**
   * Runs `fn` once everything queued so far is on disk (after this turn when nothing is queued), or has failed to get
   * there — the state has then gone back to what is on disk, which is as safe to send.
   */
  afterCommit(fn: () => void): void {
    this.store.enqueue({ table: this.row.id, entries: [], done: () => fn() });
  }

  /**
   * The dashboard's line for this table. The state hash (a walk over the whole state, costly late in a summit) is
   * taken only once the summit has ended, or when asked: running tables carry "".
   */
  summary(withHash = this.state.status === "ended"): TableSummary {
    const s = this.state;
    const teams: Record<string, number> = {};
    for (const d of s.scenario.delegations) teams[d.id] = teamOf(s, d.id).filter((k) => !s.seats[k]?.bot).length;
    return {
      table: this.row.id, index: this.row.index, status: s.status, round: s.round, phase: s.phase,
      endsAt: s.clock.endsAt, remaining: s.clock.remaining, seq: s.seq,
      outcomes: s.result?.outcomes ?? s.outcomes, teams, winners: s.result?.winners ?? [], hash: withHash ? hash(s) : "",
    };
  }
}
