/**
 * `npm run bench -- restart`: recovery after kill -9. A real server process (`node --import "../tests/setup/nodeWebSocket"; // before the SDK: raw frames and drops need the ws client
import tsx server/main.ts`)
 * runs 50 summits with bots playing fast and a host moving the phases on, until every table has a long log; it is
 * killed with SIGKILL and started again on the same data directory, and the bench measures, from the moment the new
 * process is spawned: /health answering, the first seat-token rejoin acknowledged (one player rejoins and sends
 * one line), and then every table acknowledging (the other players, one per table, rejoin at once). The server's own boot lines (JSON on stdout) say where the
 * time went.
 *
 *   --tables 50     summits        --actions 400   actions each table's log must reach before the kill
 *   --keep DIR      copy the data directory, as the kill left it, to DIR (to time boots on it again by hand)
 */
import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SeminarCreated, SeminarInfo } from "../shared/protocol";
import { Player, post } from "../tests/server/harness";
import { freePort, spawnServer as spawnServerProcess } from "../tests/server/serverProcess";

export const RESTART_VALUE_FLAGS = ["--tables", "--actions", "--keep"];
const DELEGATION = "AM";

interface Proc { child: ChildProcess; lines: string[]; spawnedAt: number }

function spawnServer(port: number, dataDir: string, env: Record<string, string>): Proc {
  const spawnedAt = performance.now();
  const { child, lines } = spawnServerProcess(port, dataDir, { LOG_LEVEL: "info", ...env });
  return { child, lines, spawnedAt };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitHealth(url: string, p: Proc, limitMs: number): Promise<number> {
  const end = performance.now() + limitMs;
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`server exited with ${p.child.exitCode}:\n${p.lines.join("\n").slice(-3000)}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return performance.now() - p.spawnedAt;
    if (performance.now() > end) throw new Error(`no /health within ${limitMs} ms:\n${p.lines.join("\n").slice(-3000)}`);
    await sleep(20);
  }
}

async function kill9(p: Proc): Promise<void> {
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill("SIGKILL");
  await Promise.race([exited, sleep(10_000)]);
}

async function control(url: string, hostKey: string, action: Record<string, unknown>): Promise<void> {
  await post(`${url}/api/host/${hostKey}/control`, { action });
}

/** Rejoins a table by seat token (retrying while the room is not back yet) and sends one line; resolves with the ms from spawn to its ack. */
async function rejoinAndAck(url: string, table: string, token: string, p: Proc, limitMs: number): Promise<number> {
  const end = performance.now() + limitMs;
  let lastError = "";
  while (performance.now() < end) {
    let player: Player | null = null;
    try {
      player = await new Player(url).join(table, { token });
      player.room.reconnection.enabled = false;
      const r = await player.act({ type: "say", channel: `team:${DELEGATION}`, text: "Back after the restart." });
      if (!r.ok) throw new Error(`refused: ${r.code}`);
      const t = performance.now() - p.spawnedAt;
      await player.leave();
      return t;
    } catch (e) {
      lastError = (e as Error).message;
      if (player) await player.leave();
      await sleep(25);
    }
  }
  throw new Error(`table ${table}: no ack within ${limitMs} ms (last: ${lastError})`);
}

/** The server's boot lines (see server/app.ts): milliseconds since the process started, by stage. */
function bootStages(lines: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines) {
    try {
      const j = JSON.parse(l) as { boot?: string; uptimeMs?: number };
      if (j.boot && typeof j.uptimeMs === "number") out[j.boot] = j.uptimeMs;
    } catch {
      // not a JSON line
    }
  }
  return out;
}

export interface RestartRow { tables: number; actionsPerTable: { min: number; mean: number }; healthMs: number; firstAckMs: number; allAckedMs: number; boot: Record<string, number> }

export async function restartBench(args: readonly string[] = process.argv.slice(2)): Promise<{ markdown: string; rows: RestartRow[] }> {
  const num = (flag: string, d: number) => {
    const i = args.indexOf(flag);
    const n = i >= 0 ? Number(args[i + 1]) : d;
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} wants a positive whole number`);
    return n;
  };
  const tables = num("--tables", 50);
  const target = num("--actions", 400);
  const dataDir = mkdtempSync(join(tmpdir(), "csto-restart-bench-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { BOT_PACE_MS: "60", MAX_MESSAGES_PER_SECOND: "1000", GRACE_SECONDS: "600", JOIN_ATTEMPTS_PER_MINUTE: "1000000", LINES_PER_10S: "1000000", WS_DEFLATE: "0" };
  let srv = spawnServer(port, dataDir, env);
  const log = (s: string) => console.error(`restart: ${s}`);
  try {
    await waitHealth(url, srv, 60_000);
    // Seminars of up to 8 tables, bots in every empty seat; one person per table, whose seat token rejoins later.
    const seminars: SeminarCreated[] = [];
    for (let left = tables; left > 0; left -= 8) {
      const r = await post<SeminarCreated>(`${url}/api/seminars`, { scenario: "yerevan-2016", tables: Math.min(8, left), timing: "manual", bots: true, botStrength: "plain" });
      if (r.status !== 201) throw new Error(`seminar not created: ${JSON.stringify(r.body)}`);
      seminars.push(r.body);
    }
    const players: { table: string; player: Player; hostKey: string }[] = [];
    for (const s of seminars) {
      for (const table of s.tables) {
        const player = await new Player(url).join(table, { code: s.code, name: "Returning player", delegation: DELEGATION });
        player.room.reconnection.enabled = false;
        players.push({ table, player, hostKey: s.hostKey });
      }
      await control(url, s.hostKey, { type: "host.start" });
    }
    const seats = players.map((p) => ({ table: p.table, token: p.player.token }));
    log(`${tables} summits started; bots playing, players talking, until each log has ${target} actions`);
    // Each player talks (the bulk of a long log is lines), the bots play, and the host moves the phases on now and
    // then so that the bots propose and vote too, never past the second round's drafting.
    const deadline = performance.now() + 5 * 60_000;
    const seqOf = (p: Player) => p.update?.seq ?? 0;
    for (let line = 1; ; line++) {
      await Promise.all(players.map(async ({ player }) => {
        if (seqOf(player) >= target) return;
        if (player.left !== null) throw new Error(`a player was disconnected (${player.left}):\n${srv.lines.slice(-20).join("\n")}`);
        // A line refused or slow to come back (a phase change, a loaded machine) is simply followed by the next one.
        await player.act({ type: "say", channel: "public", text: `Line ${line} from Armenia.` }).catch(() => undefined);
      }));
      const min = Math.min(...players.map((p) => seqOf(p.player)));
      if (min >= target) break;
      if (performance.now() > deadline) throw new Error(`logs did not reach ${target} actions in 5 minutes (min ${min})`);
      if (line % 25 === 0) {
        log(`actions per table: min ${min}`);
        for (const s of seminars) {
          const v = players.find((p) => p.hostKey === s.hostKey)!.player.view;
          if (v.status === "running" && (v.round < 2 || v.phase === "opening" || v.phase === "consultations")) await control(url, s.hostKey, { type: "host.advance" });
        }
      }
    }
    await sleep(500); // the bots' last moves
    const infos = await Promise.all(seminars.map((s) => fetch(`${url}/api/host/${s.hostKey}`).then((r) => r.json() as Promise<SeminarInfo>)));
    const running = infos.flatMap((i) => i.tables).filter((t) => t.status === "running").length;
    const seqs = players.map((p) => seqOf(p.player));
    log(`killing the server (${running} of ${tables} tables running)`);
    await kill9(srv);
    const keep = args.indexOf("--keep");
    if (keep >= 0 && args[keep + 1]) cpSync(dataDir, args[keep + 1]!, { recursive: true });

    srv = spawnServer(port, dataDir, env);
    const health = waitHealth(url, srv, 60_000);
    // One player comes back first, alone (what a class notices: the first returning student); then the other 49 at once.
    const first = await rejoinAndAck(url, seats[0]!.table, seats[0]!.token, srv, 60_000);
    const healthMs = await health;
    const ackMs = [first, ...(await Promise.all(seats.slice(1).map((s) => rejoinAndAck(url, s.table, s.token, srv, 60_000))))];
    const row: RestartRow = {
      tables, actionsPerTable: { min: Math.min(...seqs), mean: Math.round(seqs.reduce((a, b) => a + b, 0) / seqs.length) },
      healthMs: Math.round(healthMs), firstAckMs: Math.round(Math.min(...ackMs)), allAckedMs: Math.round(Math.max(...ackMs)), boot: bootStages(srv.lines),
    };
    log(JSON.stringify(row));
    return { markdown: restartTable(row), rows: [row] };
  } finally {
    await kill9(srv).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function restartTable(r: RestartRow): string {
  const stages = Object.entries(r.boot).map(([k, v]) => `${k} ${v} ms`).join(", ");
  return [
    "| tables | actions per table (min / mean) | /health | first ack | every table acked |",
    "|---:|---:|---:|---:|---:|",
    `| ${r.tables} | ${r.actionsPerTable.min} / ${r.actionsPerTable.mean} | ${r.healthMs} ms | ${r.firstAckMs} ms | ${r.allAckedMs} ms |`,
    "",
    `Times from the restarted process being spawned. Server boot stages (ms since its process started): ${stages || "none logged"}.`,
  ].join("\n");
}
