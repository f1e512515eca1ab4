/**
 * Drives one sync encoder over a recorded table (bench/syncTable.ts): each step's frames are counted as the wire
 * carries them and timed around the encoder's own work; in a checking run they are also handed to the client side
 * (bench/syncCheck.ts) and kept for the compression estimate.
 */
import { performance } from "node:perf_hooks";
import { type FrameKind, type SyncEncoder, wireSize } from "./syncEncoders";
import type { RecordedTable, TableClient } from "./syncTable";

/** The client side of a checking run. */
export interface ClientSide {
  receive(c: TableClient, kind: FrameKind, bytes: Uint8Array): void;
  /** Called after each step's frames were received. */
  after(step: number): void;
  /** A late projector's join frames, received on a fresh client. */
  joined(c: TableClient, frames: [FrameKind, Uint8Array][], step: number): void;
}

export interface RunResult {
  /** Bytes down per client over the summit (for a sampled run, scaled up to every step). */
  perClient: Map<TableClient, number>;
  /** The largest update one client got after one action: its bytes, who, and after what. */
  largest: { bytes: number; client: string; after: string };
  /** Bytes by kind of action that caused them, all clients together (scaled like `perClient`). */
  byCause: Map<string, number>;
  /** What a projector joining in the last minute is sent. */
  join: number;
  /** Milliseconds of encoding work over the steps timed (wall clock, and this process's CPU time), and the slowest step. */
  ms: number;
  cpuMs: number;
  maxStepMs: number;
  stepsTimed: number;
  /** Each client's frames, in order (checking runs only). */
  frames?: Map<TableClient, Uint8Array[]>;
  /** The bytes each client got after each step encoded (if asked). */
  stepBytes?: Map<number, Map<TableClient, number>>;
}

export const LATE_PROJECTOR: TableClient = { id: "late projector", role: "projector", by: null, briefing: null };

/** What caused a step's traffic, for the breakdown. */
export function causeOf(t: RecordedTable, i: number): string {
  const st = t.steps[i]!;
  const before = i > 0 ? t.steps[i - 1]!.state : t.first;
  if (st.state.status === "ended" && before.status !== "ended") return "the end (every secret revealed)";
  switch (st.action.type) {
    case "say": return "chat lines (say)";
    case "clock.tick": return "clock ticks (phase changes)";
    case "seat.join": case "seat.pick": return "arrivals (first views)";
    default: return "other moves";
  }
}

/**
 * Runs `encoder` over the table. With `every` > 1 only every n-th step is encoded (the last one always), and the
 * byte totals are scaled up: for whole views, whose every update is independent of the ones before.
 */
export function runEncoder(t: RecordedTable, encoder: SyncEncoder, options: { every?: number; client?: ClientSide; keepFrames?: boolean; keepSteps?: boolean } = {}): RunResult {
  const every = options.every ?? 1;
  const n = t.steps.length;
  const perClient = new Map<TableClient, number>(t.clients.map((c) => [c, 0]));
  const byCause = new Map<string, number>();
  const frames = options.keepFrames ? new Map<TableClient, Uint8Array[]>() : undefined;
  const perStep = options.keepSteps ? new Map<number, Map<TableClient, number>>() : undefined;
  let largest = { bytes: 0, client: "", after: "" };
  let ms = 0, cpuMs = 0, maxStepMs = 0, stepsTimed = 0, join = 0;
  let sent: [TableClient, FrameKind, Uint8Array][] = [];
  const send = (c: TableClient, kind: FrameKind, bytes: Uint8Array): void => { sent.push([c, kind, bytes]); };
  for (let i = 0; i < n; i++) {
    if ((n - 1 - i) % every === 0) {
      sent = [];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      encoder.step(i, send);
      const dt = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      ms += dt;
      cpuMs += (cpu.user + cpu.system) / 1000;
      maxStepMs = Math.max(maxStepMs, dt);
      stepsTimed++;
      const cause = causeOf(t, i);
      const stepBytes = new Map<TableClient, number>();
      for (const [c, kind, bytes] of sent) {
        const size = wireSize(kind, bytes);
        stepBytes.set(c, (stepBytes.get(c) ?? 0) + size);
        perClient.set(c, (perClient.get(c) ?? 0) + size * every);
        byCause.set(cause, (byCause.get(cause) ?? 0) + size * every);
        if (frames) { const list = frames.get(c) ?? []; list.push(bytes); frames.set(c, list); }
        options.client?.receive(c, kind, bytes);
      }
      perStep?.set(i, stepBytes);
      for (const [c, b] of stepBytes) if (b > largest.bytes) largest = { bytes: b, client: c.id, after: `${t.steps[i]!.action.type} (action ${i + 1} of ${n})` };
      options.client?.after(i);
    }
    if (i === t.lateJoin) {
      const joinFrames: [FrameKind, Uint8Array][] = [];
      encoder.join(i, (_c, kind, bytes) => { joinFrames.push([kind, bytes]); }, LATE_PROJECTOR);
      join = joinFrames.reduce((sum, [kind, bytes]) => sum + wireSize(kind, bytes), 0);
      options.client?.joined(LATE_PROJECTOR, joinFrames, i);
    }
  }
  return { perClient, largest, byCause, join, ms, cpuMs, maxStepMs, stepsTimed, frames, stepBytes: perStep };
}
