/**
 * The game server as the live-load bench runs it: a child process (IPC) that boots server/app.ts on a free
 * loopback port in a temporary data directory, reports the port, and answers stats, table seqs, room counts,
 * a CPU profile of a window, and exit. Configuration comes from the environment as for `npm start`
 * (configFromEnv): the bench sets what it needs.
 */
import { matchMaker } from "@colyseus/core";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configFromEnv, startServer } from "../../server/app";
import type { SummitRoom } from "../../server/rooms/SummitRoom";
import { serveStats, type ServerReady, type ServerRequest } from "./processStats";

// On disk, not in memory: every accepted action is fsynced, and that cost is part of what is measured.
const dataDir = mkdtempSync(join(tmpdir(), "csto-load-"));
// PORT is set when the bench runs several processes (each must know its own public address before it starts).
const running = await startServer({ ...configFromEnv(), port: Number(process.env.PORT ?? 0), host: "127.0.0.1", dataDir });
let profiler: Session | null = null;

async function answer(req: ServerRequest): Promise<unknown> {
  if (req.type === "seqs") {
    const out: Record<string, number | null> = {};
    for (const id of req.tables) out[id] = (matchMaker.getLocalRoomById(id) as SummitRoom | undefined)?.table.state.seq ?? null;
    return out;
  }
  if (req.type === "rooms") {
    const rooms = await matchMaker.query({});
    return { rooms: rooms.length, clients: rooms.reduce((n, r) => n + r.clients, 0) };
  }
  // The V8 sampling profiler over the measured window only (node --cpu-prof would include the joins).
  if (req.type === "profileStart") {
    profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
    return true;
  }
  if (req.type === "profileStop" && profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(req.file, JSON.stringify(profile));
    profiler.disconnect();
    profiler = null;
    return req.file;
  }
  return null;
}

const stats = serveStats(answer, async () => {
  await running.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});
// Every accepted action is on disk (one fsync per group commit, in the commit thread) before anyone hears of it:
// time each commit from the moment it leaves the event loop until the reply.
const commits = stats.section("group commit");
const { commits: group } = running.store;
const write = group.write;
group.write = async (batch) => {
  const t0 = process.hrtime.bigint();
  try {
    await write(batch);
  } finally {
    commits.record(Math.max(1, Number(process.hrtime.bigint() - t0)));
  }
};
process.send?.({ type: "ready", port: running.port } satisfies ServerReady);
