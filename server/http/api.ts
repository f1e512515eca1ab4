/** The HTTP routes: create a seminar, look up a code, place a student, the host dashboard and controls. */
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { randomInt } from "node:crypto";
import { customAlphabet, nanoid } from "nanoid";
import { CODE_ALPHABET, CODE_LENGTH, createSeminarSchema, hostControlSchema, placementSchema,
  type HostDashboard, type HostTableLive, type Placement, type SeminarCreated, type SeminarInfo, type TableSummary } from "../../shared/protocol";
import { getScenario, scenarios } from "../../shared/scenarios";
import { publicTranslations } from "../../shared/scenarioTexts";
import type { ServerContext } from "../serverContext";
import type { SeminarRow, Storage, TableRow } from "../storage/types";
import { TableAuthority } from "../tableAuthority";
import { roleSheetsHtml } from "../roleSheets";
import { storedTableScenario } from "../scenarioSnapshots";
import { isLoopbackUrl, joinUrl, publicOrigin } from "../publicUrl";
import { log } from "../log";

const newCode = customAlphabet(CODE_ALPHABET, CODE_LENGTH);
const newId = customAlphabet("abcdefghijkmnpqrstuvwxyz23456789", 12);

function fail(res: Response, status: number, code: string, detail?: string): void {
  res.status(status).json({ error: code, detail });
}

async function limited(ctx: ServerContext, req: Request, res: Response): Promise<boolean> {
  if (await ctx.attempts.allowAttempt(`http:${req.ip ?? "?"}`)) return false;
  fail(res, 429, "RATE_LIMITED");
  return true;
}

/**
 * A code look-up, held to the per-(address, code) gate: a miss counts against the address, a locked address gets 429
 * for every code except one it has already used (its classmates' code). Null once answered.
 */
async function lookUp(ctx: ServerContext, req: Request, res: Response, code: string): Promise<SeminarRow | null> {
  const s = await ctx.store.seminarByCode(code);
  const verdict = await ctx.codes.check("code", req.ip ?? "?", code, s !== undefined && s !== null);
  if (verdict === "limited") { fail(res, 429, "RATE_LIMITED"); return null; }
  if (verdict === "wrong" || !s) { fail(res, 404, "BAD_CODE"); return null; }
  return s;
}

/** The host routes answer a few requests per second per address (the console polls every 3 s), not thousands a minute. */
async function hostLimited(ctx: ServerContext, req: Request, res: Response, next: NextFunction): Promise<void> {
  if (await ctx.hostRequests.allowAttempt(`host:${req.ip ?? "?"}`)) return next();
  fail(res, 429, "RATE_LIMITED");
}

/** A table's summary: the stored one, or an empty one for a table nobody has touched yet. */
function summaryOf(t: TableRow): TableSummary {
  return t.summary ?? { table: t.id, index: t.index, status: t.status, round: 0, phase: null, endsAt: null, remaining: null, seq: 0, outcomes: {}, teams: {}, winners: [], hash: "" };
}

async function info(ctx: ServerContext, req: Request, s: SeminarRow): Promise<SeminarInfo> {
  const { store } = ctx;
  const link = joinUrl(publicOrigin(ctx.config, (name) => req.get(name), req.secure), s.code);
  return { joinUrl: link, publicUrlIsLoopback: isLoopbackUrl(link), seminar: s.id, code: s.code, scenario: s.scenario, title: s.title, timing: s.timing, bots: s.bots, botStrength: s.botStrength ?? "mixed", ruleOverrides: s.ruleOverrides,
    tables: (await store.tablesOf(s.id)).map(summaryOf) };
}

/** Creates a seminar's tables (in the store, then as live rooms). */
export async function createSeminar(ctx: ServerContext, body: unknown): Promise<SeminarCreated | { error: string; detail?: string }> {
  const parsed = createSeminarSchema.safeParse(body);
  if (!parsed.success) return { error: "BAD_MESSAGE", detail: parsed.error.issues[0]?.path.join(".") };
  const o = parsed.data;
  const scenario = getScenario(o.scenario);
  if (!scenario) return { error: "BAD_MESSAGE", detail: "scenario" };
  for (const item of Object.keys(o.ruleOverrides)) {
    if (!scenario.items.some((i) => i.id === item)) return { error: "BAD_MESSAGE", detail: `ruleOverrides.${item}` };
  }
  const { store } = ctx;
  const now = Date.now();
  const seminar: SeminarRow = { id: newId(), code: newCode(), hostKey: nanoid(24), scenario: scenario.id, title: o.title || scenario.title,
    timing: o.timing, bots: o.bots, botStrength: o.botStrength, ruleOverrides: o.ruleOverrides, createdAt: now };
  const tables: TableRow[] = Array.from({ length: o.tables }, (_, index) => ({
    id: newId(), seminar: seminar.id, index, status: "lobby", summary: null, createdAt: now + index, endedAt: null, parent: null, forkSeq: null,
    header: TableAuthority.header(scenario.id, scenario.version, randomInt(2 ** 31), o.timing, o.ruleOverrides),
  }));
  await store.createSeminar(seminar, tables);
  for (const t of tables) await ctx.tables.open(t.id);
  return { seminar: seminar.id, code: seminar.code, hostKey: seminar.hostKey, tables: tables.map((t) => t.id) };
}

/** Balanced placement: the table with fewest players (or the requested one), then its delegation with fewest (the requested one if it has room). */
export async function place(store: Storage, s: SeminarRow, wanted?: string, tableNumber?: number): Promise<Placement | null> {
  const scenario = getScenario(s.scenario)!;
  const ids = scenario.delegations.map((d) => d.id);
  if (wanted && !ids.includes(wanted)) return null;
  const max = scenario.maxTeamSize;
  let best: { table: string; delegation: string; score: number } | null = null;
  for (const t of await store.tablesOf(s.id)) {
    if (tableNumber !== undefined && t.index !== tableNumber - 1) continue;
    const sum = summaryOf(t);
    if (sum.status === "ended") continue;
    const total = Object.values(sum.teams).reduce((a, b) => a + b, 0);
    for (const d of wanted ? [wanted] : ids) {
      const n = sum.teams[d] ?? 0;
      if (n >= max) continue;
      const score = n * 1000 + total;
      if (!best || score < best.score) best = { table: t.id, delegation: d, score };
    }
  }
  return best ? { table: best.table, delegation: best.delegation } : null;
}

export function apiRouter(ctx: ServerContext): Router {
  const { store } = ctx;
  const r = express.Router();
  r.use(express.json({ limit: "16kb" }));

  // The public side of each scenario, for the create form: never the priorities or the unfired events.
  r.get("/scenarios", (_req, res) => {
    res.json(Object.values(scenarios).map((sc) => ({
      id: sc.id, version: sc.version, title: sc.title, summary: sc.summary, rounds: sc.rounds, timings: sc.timings,
      delegations: sc.delegations.map((d) => ({ id: d.id, name: d.name })),
      items: sc.items.map((i) => ({ id: i.id, title: i.title, rule: i.rule })),
      translations: publicTranslations(sc.translations),
    })));
  });

  r.post("/seminars", async (req, res) => {
    if (await limited(ctx, req, res)) return;
    const out = await createSeminar(ctx, req.body);
    if ("error" in out) return fail(res, 400, out.error, out.detail);
    res.status(201).json(out);
  });

  r.get("/seminars/:code", async (req, res) => {
    const s = await lookUp(ctx, req, res, String(req.params.code).toUpperCase());
    if (!s) return;
    res.json(await info(ctx, req, s));
  });

  r.post("/place", async (req, res) => {
    const parsed = placementSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, "BAD_MESSAGE", parsed.error.issues[0]?.path.join("."));
    const s = await lookUp(ctx, req, res, parsed.data.code);
    if (!s) return;
    const p = await place(store, s, parsed.data.delegation, parsed.data.table);
    if (!p) return fail(res, 409, "TEAM_FULL");
    res.json(p);
  });

  r.use("/host/:key", (req, res, next) => hostLimited(ctx, req, res, next));

  r.get("/host/:key", async (req, res) => {
    const s = await store.seminarByHostKey(String(req.params.key));
    if (!s) return fail(res, 403, "NOT_HOST");
    const base = await info(ctx, req, s);
    const live = await Promise.all(base.tables.map((t) => ctx.tables.hostView(t.table)));
    // waiting: addresses refused the right code only because a guesser had locked them (see POST …/admit).
    const out: HostDashboard = { ...base, hostKey: s.hostKey, serverNow: Date.now(), waiting: await ctx.codes.waitingOn(s.code),
      tables: base.tables.map((t, i) => ({ ...t, live: live[i] })) };
    res.json(out);
  });

  // "Let them in": students behind an address a guesser locked may use this seminar's code again.
  r.post("/host/:key/admit", async (req, res) => {
    const s = await store.seminarByHostKey(String(req.params.key));
    if (!s) return fail(res, 403, "NOT_HOST");
    res.json({ admitted: await ctx.codes.admit(s.code) });
  });

  // Role sheets carry every delegation's secret priorities: the host's key only, never cached, never referred on.
  r.get("/host/:key/rolesheets", async (req, res) => {
    const s = await store.seminarByHostKey(String(req.params.key));
    if (!s) return fail(res, 403, "NOT_HOST");
    const first = (await store.tablesOf(s.id))[0];
    const scenario = (first && (await storedTableScenario(store, first.id))) ?? getScenario(s.scenario);
    if (!scenario) return fail(res, 409, "SCENARIO_UNAVAILABLE");
    res.set({
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
    res.send(roleSheetsHtml(scenario, { timing: s.timing, seminarTitle: s.title }));
  });

  r.post("/host/:key/control", async (req, res) => {
    const s = await store.seminarByHostKey(String(req.params.key));
    if (!s) return fail(res, 403, "NOT_HOST");
    const parsed = hostControlSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, "BAD_MESSAGE", parsed.error.issues[0]?.path.join("."));
    const tables = (await store.tablesOf(s.id)).filter((t) => !parsed.data.tables || parsed.data.tables.includes(t.id));
    const results: Record<string, { ok: boolean; error?: string }> = {};
    for (const t of tables) {
      try {
        results[t.id] = await ctx.tables.hostAction(t.id, parsed.data.action);
      } catch (e) {
        log.error({ table: t.id, err: e }, `host action at table ${t.id} failed`);
        results[t.id] = { ok: false, error: "INTERNAL" };
      }
    }
    res.json({ results });
  });

  r.use((_req, res) => fail(res, 404, "NOT_FOUND"));
  // Unreadable or oversized bodies (and any route failure) answer in JSON like every other error, never with a stack trace.
  r.use((err: { status?: unknown }, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, "api: route failed");
    fail(res, status, status === 500 ? "INTERNAL" : "BAD_MESSAGE", status === 413 ? "body too large" : undefined);
  });
  return r;
}
