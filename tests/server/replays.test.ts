/** The replay routes: library, live perspective rules, session files, import, and forks into new live summits. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ForkCreated, Imported, LiveReplay, PublicMoment, ReplayLibrary } from "../../shared/replayProtocol";
import { parseSessionFile, type SessionFile } from "../../shared/sessionFile";
import { verifySession } from "../../shared/verifySession";
import { createSeminar, Player, post, startTestServer, type TestServer } from "./harness";

const SECRET = "Private marker 5521: Minsk will veto the Russian site";
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

const get = async (path: string): Promise<{ status: number; text: string; json: any; headers: Headers }> => {
  const res = await fetch(`${server.url}${path}`);
  const text = await res.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, text, json, headers: res.headers };
};

describe("replays over HTTP", () => {
  let table = "", hostKey = "", code = "";
  const p: Record<string, Player> = {};
  let host: Player;

  it("a running session: listed, but only public views — no actions, no private talk, no secrets", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false, title: "Replay seminar" });
    ({ hostKey, code } = sem);
    table = sem.tables[0]!;
    host = await new Player(server.url).join(table, { hostKey });
    for (const d of ["RU", "BY", "TJ"]) p[d] = await new Player(server.url).join(table, { code, name: `${d} player`, delegation: d });
    await host.must({ type: "host.start" });
    await p.RU!.must({ type: "say", channel: "public", text: "Russia opens." });
    await host.must({ type: "host.advance" });
    await p.BY!.must({ type: "say", channel: "dm:BY-RU", text: SECRET });

    const lib = (await get("/api/replays?status=live")).json as ReplayLibrary;
    const row = lib.replays.find((r) => r.table === table)!;
    expect(row).toMatchObject({ seminarTitle: "Replay seminar", status: "running", scenario: { id: "tutorial" }, index: 0, tables: 1, link: `/replay/${table}` });
    expect(row.actions).toBeGreaterThan(5);
    const libText = (await get("/api/replays")).text;
    expect(libText).not.toContain(code);
    expect(libText).not.toContain(hostKey);

    // A running table is read with its seminar's code (tests/server/guardHttp.test.ts checks the refusals).
    const live = await get(`/api/replays/${table}?code=${code}`);
    expect(live.status).toBe(200);
    const body = live.json as LiveReplay;
    expect(body.format).toBe("csto-summit-live");
    expect(body.length).toBe(row.actions);
    expect(body.markers.map((m) => m.kind)).toEqual(expect.arrayContaining(["start", "phase"]));
    expect(live.text).not.toContain(SECRET);
    expect(live.text).not.toContain("priorities");
    expect(body).not.toHaveProperty("actions");

    const moment = (await get(`/api/replays/${table}/view?seq=${body.length}&code=${code}`)).json as PublicMoment;
    expect(moment.view.phase).toBe("consultations");
    expect(moment.view.privateTraffic).toEqual({});
    expect(JSON.stringify(moment)).not.toContain(SECRET);
    expect(Object.values(moment.view.delegations).every((d) => d.priorities === undefined)).toBe(true);
    expect((await get(`/api/replays/${table}/view?seq=9999&code=${code}`)).status).toBe(400);

    // The timeline grows with the table.
    await p.RU!.must({ type: "say", channel: "public", text: "Russia speaks again." });
    const grown = (await get(`/api/replays/${table}?code=${code}`)).json as LiveReplay;
    expect(grown.length).toBe(body.length + 1);
    const latest = (await get(`/api/replays/${table}/view?seq=${grown.length}&code=${code}`)).json as PublicMoment;
    expect(latest.events).toEqual([expect.objectContaining({ type: "message" })]);

    expect((await get(`/api/replays/${table}/export`)).json).toMatchObject({ error: "SESSION_RUNNING" });
    expect((await post(`${server.url}/api/replays/${table}/fork`, { seq: 3 })).body).toMatchObject({ error: "SESSION_RUNNING" });
  });

  let file: SessionFile;
  it("once ended: the session file, exactly replayable, as JSON and as a gzipped download", async () => {
    await host.must({ type: "host.end" });
    const r = await get(`/api/replays/${table}`);
    expect(r.status).toBe(200);
    const parsed = parseSessionFile(r.json);
    if (!parsed.ok) throw new Error(parsed.error);
    file = parsed.file;
    expect(file.header).toMatchObject({ scenario: { id: "tutorial" }, timing: "manual", source: { table }, title: "Replay seminar" });
    expect(file.header.roster.map((x) => x.delegation).sort()).toEqual(["BY", "RU", "TJ"]);
    expect(r.text).toContain(SECRET); // revealed at the end
    const v = verifySession(file);
    expect(v.ok && v.hash).toBe(file.final.hash);

    const dl = await fetch(`${server.url}/api/replays/${table}/export`, { headers: { "accept-encoding": "gzip" } });
    expect(dl.headers.get("content-disposition")).toMatch(/^attachment; filename="?tutorial-\d{4}-\d{2}-\d{2}-\w+\.session\.json"?$/);
    expect(dl.headers.get("content-encoding")).toBe("gzip");
    expect(((await dl.json()) as SessionFile).final.hash).toBe(file.final.hash);
  });

  it("import: our own export is the table recorded here; a file becomes a finished read-only table; the same file twice is one table; a bad one is refused", async () => {
    expect(file.signature).toMatchObject({ alg: "HMAC-SHA256" });
    const own = await post<Imported>(`${server.url}/api/replays/import`, file);
    expect(own).toMatchObject({ status: 200, body: { table, existing: true, origin: "recorded" } });
    // The same log carried without its source or signature is another server's unsigned session as far as we can tell.
    const carried = { ...structuredClone(file), signature: undefined } as any;
    carried.header.source = null;
    const a = await post<Imported>(`${server.url}/api/replays/import`, carried);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ existing: false, origin: "unsigned" });
    expect(a.body.link).toBe(`/replay/${a.body.table}`);
    const again = await post<Imported>(`${server.url}/api/replays/import`, carried);
    expect(again).toMatchObject({ status: 200, body: { table: a.body.table, existing: true } });
    const back = (await get(`/api/replays/${a.body.table}`)).json as SessionFile;
    expect(back.final.hash).toBe(file.final.hash);
    expect(back.actions).toEqual(file.actions);
    expect(back.signature).toBeUndefined(); // an unsigned import is never re-exported under this server's signature
    const lib = (await get("/api/replays?status=ended&q=Replay")).json as ReplayLibrary;
    expect(lib.replays.find((x) => x.table === a.body.table)).toMatchObject({ imported: true, origin: "unsigned", status: "ended" });
    expect(lib.replays.find((x) => x.table === table)).toMatchObject({ imported: false, origin: "recorded" });

    const tampered = structuredClone(file) as any;
    tampered.header.source = null;
    delete tampered.signature;
    tampered.final.hash = "0123456789abcdef";
    expect(await post(`${server.url}/api/replays/import`, tampered)).toMatchObject({ status: 422, body: { error: "HASH_MISMATCH" } });
    expect(await post(`${server.url}/api/replays/import`, { format: "something else" })).toMatchObject({ status: 400, body: { error: "NOT_A_SESSION" } });
    const newer = { ...file, formatVersion: 99 };
    expect(await post(`${server.url}/api/replays/import`, newer)).toMatchObject({ status: 400, body: { error: "FORMAT_TOO_NEW" } });
  });

  it("filters the library by scenario, status, seminar and date", async () => {
    const none = (await get("/api/replays?scenario=yerevan-2016")).json as ReplayLibrary;
    expect(none.replays.some((r) => r.table === table)).toBe(false);
    const bySeminar = (await get(`/api/replays?seminar=${file.header.source!.seminar}`)).json as ReplayLibrary;
    expect(bySeminar.replays.map((r) => r.table)).toEqual([table]);
    const today = new Date().toISOString().slice(0, 10);
    expect(((await get(`/api/replays?from=${today}&to=${today}`)).json as ReplayLibrary).replays.some((r) => r.table === table)).toBe(true);
    expect(((await get("/api/replays?to=2001-01-01")).json as ReplayLibrary).total).toBe(0);
    expect((await get("/api/replays?status=bogus")).status).toBe(400);
  });

  it("fork: a new seminar, paused at the moment forked from, with bots in every seat and the parent recorded", async () => {
    const seq = file.actions.findIndex((a) => a.type === "host.advance") + 1;
    const f = await post<ForkCreated>(`${server.url}/api/replays/${table}/fork`, { seq });
    expect(f.status).toBe(201);
    expect(f.body).toMatchObject({ parent: table, seq, tables: [expect.any(String)] });
    expect(f.body.code).not.toBe(code);
    const fork = f.body.tables[0]!;
    const dash = await fetch(`${server.url}/api/host/${f.body.hostKey}`).then((r) => r.json()) as { title: string; tables: { status: string; phase: string }[] };
    expect(dash.title).toBe("What if: Replay seminar");
    expect(dash.tables[0]).toMatchObject({ status: "paused", phase: "consultations" });

    const h = await new Player(server.url).join(fork, { hostKey: f.body.hostKey });
    expect(Object.keys(h.view.seats).sort()).toEqual(["bot-by", "bot-ru", "bot-tj"]);
    // A student takes Belarus back from its bot.
    const by = await new Player(server.url).join(fork, { code: f.body.code, name: "New Belarus", delegation: "BY" });
    await by.sees((u) => u.you.signatory && u.you.delegation === "BY", "BY signs");
    await h.must({ type: "host.resume" });
    await h.must({ type: "host.end" });
    const forkFile = (await get(`/api/replays/${fork}`)).json as SessionFile;
    expect(forkFile.header.fork).toEqual({ parent: table, seq });
    expect(forkFile.actions.slice(0, seq)).toEqual(file.actions.slice(0, seq));
    expect(verifySession(forkFile).ok).toBe(true);
    const listing = ((await get("/api/replays?status=ended")).json as ReplayLibrary).replays.find((r) => r.table === fork);
    expect(listing).toMatchObject({ parent: table, forkSeq: seq });
    expect(await post(`${server.url}/api/replays/${table}/fork`, { seq: file.actions.length })).toMatchObject({ status: 409, body: { error: "FORK_AFTER_END" } });
    expect(await post(`${server.url}/api/replays/nope/fork`, { seq: 1 })).toMatchObject({ status: 404 });
    for (const x of [h, by, host, ...Object.values(p)]) await x.leave();
  });
});
