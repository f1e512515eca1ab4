/**
 * kill -9 mid-summit: the real server runs as a child process (`node --import tsx server/main.ts`), is
 * killed with SIGKILL while a ballot is open, and started again on the same data directory and port.
 * Players come back with their seat tokens to the same seats, no acknowledged action is lost, the
 * finished summit's hash equals an uninterrupted replay of its log, and phase deadlines survive.
 */
import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Action } from "../../shared/actions";
import type { SeminarCreated, SeminarInfo } from "../../shared/protocol";
import { replay, type SessionHeader } from "../../shared/replay";
import { getScenario } from "../../shared/scenarios";
import { Player, post } from "./harness";
import { freePort, killAll, type ServerProcess, startServerProcess } from "./serverProcess";

const ROOT = resolve(import.meta.dirname, "../..");
const DELEGATIONS = ["RU", "AM", "BY", "KZ", "KG", "TJ"] as const;
const dirs: string[] = [];
// Seats stay plainly "away" while the players rejoin: no bot stands in for them during the test, even on a loaded machine.
const SLOW_GRACE = { GRACE_SECONDS: "60" };

afterAll(() => {
  killAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** SIGKILL, no goodbye: the process gets no chance to flush or close anything. */
async function killHard(p: ServerProcess): Promise<void> {
  const exited = new Promise((r) => p.child.once("exit", r));
  expect(process.kill(p.child.pid!, "SIGKILL")).toBe(true);
  await Promise.race([exited, new Promise((_, fail) => setTimeout(() => fail(new Error("child did not die")), 10_000))]);
  expect(p.child.signalCode).toBe("SIGKILL");
}

/** Stops the SDK from retrying a connection to a server that is gone; the players will rejoin by token. */
function forget(players: Player[]): void {
  for (const p of players) p.room.reconnection.enabled = false;
}

function storedLog(dataDir: string, table: string): { header: SessionHeader; actions: { seq: number; action: Action }[] } {
  const db = new Database(join(dataDir, "csto.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT header FROM tables WHERE id = ?").get(table) as { header: string };
    const rows = db.prepare("SELECT seq, action FROM actions WHERE table_id = ? ORDER BY seq").all(table) as { seq: number; action: string }[];
    return { header: JSON.parse(row.header) as SessionHeader, actions: rows.map((r) => ({ seq: r.seq, action: JSON.parse(r.action) as Action })) };
  } finally {
    db.close();
  }
}

function newDataDir(): string {
  const d = mkdtempSync(join(tmpdir(), "csto-restart-"));
  dirs.push(d);
  return d;
}

describe("kill -9 and restart", () => {
  it("a summit killed mid-vote comes back from its log: same seats, same ballot, no acknowledged action lost, same final hash", async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    let srv = await startServerProcess(port, dataDir, SLOW_GRACE);
    const created = await post<SeminarCreated>(`${srv.url}/api/seminars`, { scenario: "yerevan-2016", timing: "manual", bots: false });
    expect(created.status).toBe(201);
    const sem = created.body;
    const table = sem.tables[0]!;

    /** Every accepted action, by the seq the server acknowledged. */
    const acked = new Map<number, Record<string, unknown>>();
    const ok = async (p: Player, action: Record<string, unknown>) => { acked.set(await p.must(action), action); };

    let host = await new Player(srv.url).join(table, { hostKey: sem.hostKey });
    let p: Record<string, Player> = {};
    for (const d of DELEGATIONS) p[d] = await new Player(srv.url).join(table, { code: sem.code, name: `${d} player`, delegation: d });
    for (const d of DELEGATIONS) await p[d]!.sees((u) => u.you.signatory, `${d} signs`);
    const seats = Object.fromEntries(DELEGATIONS.map((d) => [d, { seat: p[d]!.seat, token: p[d]!.token }]));
    // Seat joins and picks are acknowledged too (the pick is acked to the joining client without a ref).
    const joinAcks = Object.values(p).flatMap((x) => x.acks.map((a) => a.seq));

    await ok(host, { type: "host.start" });
    await ok(p.AM!, { type: "say", channel: "public", text: "Armenia asks its allies to stand with it." });
    await ok(host, { type: "host.advance" });
    await ok(p.AM!, { type: "say", channel: "dm:AM-RU", text: "Will Moscow back the firm text?" });
    await ok(p.RU!, { type: "commit.offer", to: "AM", give: { item: "secretary-general", target: "ohanyan", vote: "yes" }, want: null, note: "In December." });
    await ok(host, { type: "host.advance" });
    await ok(p.AM!, { type: "propose", item: "karabakh-statement", option: "firm" });
    await ok(p.RU!, { type: "propose", item: "strategy-2025", option: "core" });
    await ok(p.RU!, { type: "propose", item: "secretary-general", option: "postpone" });
    await ok(host, { type: "host.advance" });
    const ballot = (await p.RU!.sees((u) => u.view.ballots.some((b) => b.result === "open"), "ballot open")).view.ballots.find((b) => b.result === "open")!;
    for (const d of ["RU", "AM", "BY"] as const) await ok(p[d]!, { type: "vote", ballot: ballot.id, choice: d === "AM" ? "no" : "yes" });
    const votesBefore = { ...(await host.sees((u) => Object.keys(u.view.ballots.find((b) => b.id === ballot.id)?.votes ?? {}).length === 3, "3 votes")).view.ballots.find((b) => b.id === ballot.id)!.votes };
    const seqBefore = host.update!.seq;
    expect(Math.max(...acked.keys())).toBe(seqBefore);

    forget([host, ...Object.values(p)]);
    await killHard(srv);
    // Every acknowledged action is on disk, exactly as acknowledged, before anything else happens.
    const onDisk = storedLog(dataDir, table);
    expect(onDisk.actions.map((a) => a.seq)).toEqual(Array.from({ length: seqBefore }, (_, i) => i + 1));
    for (const [seq, sent] of acked) expect(onDisk.actions[seq - 1]!.action).toMatchObject(sent);
    for (const seq of joinAcks) expect(onDisk.actions[seq - 1]!.action.type).toBe("seat.pick");

    srv = await startServerProcess(port, dataDir, SLOW_GRACE);
    host = await new Player(srv.url).join(table, { hostKey: sem.hostKey });
    expect(host.update!.seq).toBe(seqBefore);
    // Nobody is connected yet: every seat is away, none lost.
    expect(Object.values(host.update!.presence)).toEqual(DELEGATIONS.map(() => "away"));
    p = {};
    for (const d of DELEGATIONS) {
      p[d] = await new Player(srv.url).join(table, { token: seats[d]!.token });
      expect(p[d]!.welcome!.you).toEqual({ seat: seats[d]!.seat, delegation: d, signatory: true, host: false, spectator: false });
    }
    const after = await host.sees((u) => Object.values(u.presence).every((x) => x === "here"), "all back");
    const open = after.view.ballots.find((b) => b.id === ballot.id)!;
    expect(open.result).toBe("open");
    expect(open.votes).toEqual(votesBefore);
    expect(after.view.phase).toBe("voting");
    expect(p.AM!.view.messages.some((m) => m.text === "Will Moscow back the firm text?")).toBe(true);
    expect(p.AM!.view.commitments.map((c) => c.note)).toEqual(["In December."]);
    expect(await p.RU!.act({ type: "vote", ballot: ballot.id, choice: "no" })).toEqual({ ok: false, code: "ALREADY_VOTED" });

    // Finish the summit on the restarted server.
    for (const d of ["KZ", "KG", "TJ"] as const) await ok(p[d]!, { type: "vote", ballot: ballot.id, choice: "yes" });
    for (let guard = 0; guard < 10; guard++) {
      const next = (await p.RU!.sees((u) => u.seq >= Math.max(...acked.keys()), "latest")).view.ballots.find((b) => b.result === "open");
      if (!next) break;
      for (const d of DELEGATIONS) await ok(p[d]!, { type: "vote", ballot: next.id, choice: d === "BY" || d === "KZ" ? "no" : "yes" });
    }
    for (let i = 0; i < 20 && host.view.status !== "ended"; i++) {
      await ok(host, { type: "host.advance" });
      await host.sees((u) => u.seq >= Math.max(...acked.keys()), "advance seen");
    }
    const final = await p.RU!.sees((u) => u.view.status === "ended", "ended");

    const dash = await fetch(`${srv.url}/api/host/${sem.hostKey}`).then((r) => r.json()) as SeminarInfo;
    const summary = dash.tables[0]!;
    expect(summary.status).toBe("ended");
    const log = storedLog(dataDir, table);
    for (const [seq, sent] of acked) expect(log.actions[seq - 1]?.action, `acked seq ${seq}`).toMatchObject(sent);
    expect(log.actions.map((a) => a.seq)).toEqual(log.actions.map((_, i) => i + 1));
    expect(summary.seq).toBe(log.actions.length);
    // The same inputs replayed without interruption land on the same state.
    const scenario = getScenario(log.header.scenarioId)!;
    const r = replay(scenario, log.header, log.actions.map((a) => a.action));
    if (!r.ok) throw new Error(r.error);
    expect(summary.hash).toBe(r.hash);
    expect(r.state.result!.outcomes).toEqual(final.view.result!.outcomes);
    expect(summary.outcomes).toEqual(final.view.result!.outcomes);

    // The join code still works, for a new spectator of the finished summit.
    const byCode = await fetch(`${srv.url}/api/seminars/${sem.code}`).then((x) => x.json()) as SeminarInfo;
    expect(byCode.tables.map((t) => t.table)).toEqual([table]);
    const watcher = await new Player(srv.url).join(table, { code: sem.code, spectate: true });
    expect(watcher.update!.view.status).toBe("ended");
    expect(watcher.update!.seq).toBe(log.actions.length);

    for (const x of [host, watcher, ...Object.values(p)]) await x.leave();
    await killHard(srv);
  });

  it("phase deadlines survive a restart; one that passed while the server was down fires as soon as it is back", async () => {
    const dataDir = newDataDir();
    // A quick scenario (10-second phases) from the instructors' folder, to watch a deadline pass.
    const fast = JSON.parse(readFileSync(join(ROOT, "shared/scenarios/tutorial.json"), "utf8")) as Record<string, unknown> & { timings: Record<string, Record<string, number>> };
    fast.id = "fast-clock";
    fast.title = "Tutorial on a fast clock";
    for (const preset of ["45", "90"]) for (const ph of Object.keys(fast.timings[preset]!)) fast.timings[preset]![ph] = 10;
    mkdirSync(join(dataDir, "scenarios"));
    writeFileSync(join(dataDir, "scenarios", "fast-clock.json"), JSON.stringify(fast));

    const port = await freePort();
    let srv = await startServerProcess(port, dataDir, SLOW_GRACE);
    const timed = (await post<SeminarCreated>(`${srv.url}/api/seminars`, { scenario: "yerevan-2016", timing: "45", bots: false })).body;
    const quick = (await post<SeminarCreated>(`${srv.url}/api/seminars`, { scenario: "fast-clock", timing: "45", bots: false })).body;
    expect(quick.tables).toHaveLength(1);
    let h1 = await new Player(srv.url).join(timed.tables[0]!, { hostKey: timed.hostKey });
    let h2 = await new Player(srv.url).join(quick.tables[0]!, { hostKey: quick.hostKey });
    await h1.must({ type: "host.start" });
    await h1.must({ type: "host.advance" }); // consultations: 480 s under "45"
    const startedAt = Date.now();
    await h2.must({ type: "host.start" }); // opening: 10 s
    const endsAt = (await h1.sees((u) => u.view.phase === "consultations", "consultations")).view.clock.endsAt!;
    const quickEndsAt = (await h2.sees((u) => u.view.phase === "opening", "opening")).view.clock.endsAt!;
    expect(endsAt - Date.now()).toBeGreaterThan(400_000);
    expect(quickEndsAt - startedAt).toBeLessThanOrEqual(10_500);

    forget([h1, h2]);
    await killHard(srv);
    // Stay down past the quick table's deadline.
    await new Promise((r) => setTimeout(r, Math.max(0, quickEndsAt - Date.now() + 500)));
    srv = await startServerProcess(port, dataDir, SLOW_GRACE);

    h1 = await new Player(srv.url).join(timed.tables[0]!, { hostKey: timed.hostKey });
    expect(h1.update!.view.phase).toBe("consultations");
    expect(h1.update!.view.clock.endsAt).toBe(endsAt);
    const dash = await fetch(`${srv.url}/api/host/${timed.hostKey}`).then((r) => r.json()) as SeminarInfo;
    expect(dash.tables[0]!.endsAt).toBe(endsAt);

    // The missed deadline became a clock tick, stamped by the restarted server, moving to consultations.
    h2 = await new Player(srv.url).join(quick.tables[0]!, { hostKey: quick.hostKey });
    const moved = await h2.sees((u) => u.view.phase === "consultations", "missed deadline fired", 5000);
    expect(moved.view.clock.endsAt!).toBeGreaterThan(quickEndsAt);
    const log = storedLog(dataDir, quick.tables[0]!);
    const tick = log.actions.find((a) => a.action.type === "clock.tick")!;
    expect(tick.action.by).toBe("system");
    expect(tick.action.at).toBeGreaterThanOrEqual(quickEndsAt);

    for (const x of [h1, h2]) await x.leave();
    await killHard(srv);
  });
});
