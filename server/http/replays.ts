/**
 * The replay routes, mounted at /api/replays:
 *   GET  /                  the library: started sessions (running, paused, ended), newest first; filters
 *                           ?scenario= &status=ended|live|all &seminar= &q= (title) &from= &to= (YYYY-MM-DD) &limit= &offset=
 *   GET  /:table            a finished session: its session file (actions, scenario, final hash).
 *                           A session that has not ended: only its public timeline ({ format: "csto-summit-live" }),
 *                           never its actions — they hold private talk and secret priorities until the reveal.
 *   GET  /:table/view?seq=N the public (spectator) view at moment N, computed here; the way to watch a running one.
 *   GET  /:table/export     the session file as a download; 409 SESSION_RUNNING before the end.
 *   POST /import            a session file (JSON, or gzipped JSON): replayed to its recorded hash in an import thread,
 *                           then stored as a finished, read-only table. 413 over a cap (IMPORT_LIMITS), 400 for a
 *                           malformed file, 422 (with the verify code) when it does not replay, 409 DIFFERENT_COPY for
 *                           a changed copy of a session already here, 503 IMPORT_BUSY / IMPORT_TIMEOUT.
 *   POST /:table/fork       { seq, bots? }: a new seminar (fresh code and host key) whose one table starts, paused and
 *                           with no one's seat, from moment `seq` of a finished session. Anyone may fork a finished
 *                           session (nothing in it is secret any more); a running one cannot be forked.
 */
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { replayQuerySchema } from "../../shared/replayProtocol";
import { ImportRunner, type ImportRunnerOptions } from "../importRunner";
import { IMPORT_LIMITS } from "../importSession";
import { listReplays } from "../replayLibrary";
import { type Failure, forkTable, liveReplayOf, publicMoment, sessionFileOf } from "../replaySessions";
import type { ServerContext } from "../serverContext";
import { loadServerSecret } from "../signing";

/** Every refusal is JSON: `{ error: CODE, code: CODE, detail? }` (`error` as everywhere in the API, `code` the same). */
function fail(res: Response, f: Pick<Failure, "status" | "code" | "detail">): void {
  res.status(f.status).json({ error: f.code, code: f.code, detail: f.detail });
}

/** Body-parser failures (too large, not JSON) answered as JSON, never as express's HTML page. */
function bodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const e = err as { type?: string; status?: number; message?: string } | null;
  if (!e || typeof e.status !== "number") return next(err);
  if (e.type === "entity.too.large") return fail(res, { status: 413, code: "FILE_TOO_LARGE", detail: `a request body may be at most ${IMPORT_LIMITS.bytes} bytes here` });
  fail(res, { status: e.status >= 400 && e.status < 500 ? e.status : 400, code: "BAD_MESSAGE", detail: e.message?.slice(0, 200) });
}

/** Sends a session file, gzipped when the client accepts it (a long session is mostly repetitive JSON). */
function sendFile(req: Request, res: Response, f: { text: string; gzip: Buffer }, download?: string): void {
  res.type("application/json");
  if (download) res.attachment(download);
  res.vary("Accept-Encoding");
  if (req.acceptsEncodings("gzip") === "gzip") res.set("Content-Encoding", "gzip").send(f.gzip);
  else res.send(f.text);
}

/**
 * `imports` tunes the import threads (tests shorten the time budget). The server's signing secret is read from its
 * data directory here, or created there on first start.
 */
export function replaysRouter(ctx: ServerContext, imports: Partial<ImportRunnerOptions> = {}): Router {
  const { store } = ctx;
  const secret = loadServerSecret(ctx.config.dataDir);
  const runner = new ImportRunner(store, secret, imports);
  const r = express.Router();

  // A table still running is read (public view, names) only with its seminar's code or host key, in the query
  // (?code= / ?hostKey=) or a header (X-Summit-Code / X-Host-Key); a finished one is a public replay.
  r.get(["/:table", "/:table/view"], async (req, res, next) => {
    const t = await store.table(String(req.params.table));
    const seminar = t && t.status !== "ended" ? await store.seminar(t.seminar) : null;
    if (!seminar) return next();
    const given = (q: string, h: string) => String(req.query[q] ?? req.get(h) ?? "");
    const hostKey = given("hostKey", "x-host-key");
    if (hostKey && hostKey === seminar.hostKey) return next();
    const code = given("code", "x-summit-code").toUpperCase();
    if (!code) return fail(res, { status: 403, code: "BAD_CODE", detail: "a running session needs its code" });
    const verdict = await ctx.codes.check("code", req.ip ?? "?", code, code === seminar.code);
    if (verdict === "ok") return next();
    fail(res, verdict === "limited" ? { status: 429, code: "RATE_LIMITED" } : { status: 403, code: "BAD_CODE", detail: "a running session needs its code" });
  });

  r.get("/", async (req, res) => {
    const q = replayQuerySchema.safeParse(req.query);
    if (!q.success) return fail(res, { status: 400, code: "BAD_MESSAGE", detail: q.error.issues[0]?.path.join(".") });
    res.json(await listReplays(store, q.data));
  });

  // Refusals that cost nothing come before the body is read; the bytes go to an import thread unparsed.
  const importGate = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!(await ctx.attempts.allowAttempt(`import:${req.ip ?? "?"}`))) return fail(res, { status: 429, code: "RATE_LIMITED" });
    if (runner.busy) return void res.set("Retry-After", "5").status(503).json({ error: "IMPORT_BUSY", code: "IMPORT_BUSY", detail: "other imports are running; try again in a few seconds" });
    next();
  };
  r.post("/import", importGate, express.raw({ type: () => true, limit: IMPORT_LIMITS.bytes }), async (req, res) => {
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const out = await runner.run(bytes);
    if (!out.ok) {
      if (out.code === "IMPORT_BUSY") res.set("Retry-After", "5");
      return fail(res, out);
    }
    res.status(out.imported.existing ? 200 : 201).json(out.imported);
  });

  r.get("/:table", async (req, res) => {
    const file = await sessionFileOf(store, req.params.table, secret);
    if (file.ok) return sendFile(req, res, file);
    if (file.code !== "SESSION_RUNNING") return fail(res, file);
    const live = await liveReplayOf(store, req.params.table);
    if (!live.ok) return fail(res, live);
    res.json(live.live);
  });

  r.get("/:table/view", async (req, res) => {
    const seq = Number(req.query.seq ?? NaN);
    const out = await publicMoment(store, req.params.table, seq);
    if (!out.ok) return fail(res, out);
    res.json(out.moment);
  });

  r.get("/:table/export", async (req, res) => {
    const file = await sessionFileOf(store, req.params.table, secret);
    if (!file.ok) return fail(res, file);
    const { scenario, createdAt } = file.file.header;
    sendFile(req, res, file, `${scenario.id}-${createdAt.slice(0, 10)}-${req.params.table}.session.json`);
  });

  r.post("/:table/fork", express.json({ limit: "4kb" }), async (req, res) => {
    if (!(await ctx.attempts.allowAttempt(`fork:${req.ip ?? "?"}`))) return fail(res, { status: 429, code: "RATE_LIMITED" });
    const out = await forkTable(store, req.params.table, req.body);
    if (!out.ok) return fail(res, out);
    await ctx.tables.open(out.fork.tables[0]!);
    res.status(201).json(out.fork);
  });

  r.use(bodyErrors);
  return r;
}
