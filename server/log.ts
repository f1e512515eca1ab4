/**
 * The server's one logger: JSON lines on stdout (pino), level from LOG_LEVEL (default "info"; "warn" under vitest).
 * Secrets never reach it in clear: seat tokens, host keys, join codes and private text are redacted by key (pino's
 * `redact`), and every message string and error (message, stack, cause) is scrubbed of anything shaped like a
 * token or a code. Things a stranger can make happen at will (refused joins, garbage frames) are summarised:
 * the first of a kind from one address is logged, then "N more in the last minute" once per minute.
 */
import { ServerError } from "@colyseus/core";
import pino from "pino";
import { CODE_ALPHABET, CODE_LENGTH } from "../shared/protocol";

const CENSOR = "[redacted]";
/** Keys whose values are secrets, or private text, wherever they appear (up to two levels down). */
const SECRET_KEYS = ["token", "hostKey", "code", "joinCode", "seatToken", "reconnectionToken", "key", "text", "options", "authorization", "cookie"];
// An error's own code (ENOENT, 4401) is kept as `errorCode` by the err serializer below, never as `code`.
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** A run of token characters long enough to be a seat token or host key (nanoid, 16–64 characters). */
const LONG_RUN = /[A-Za-z0-9_-]{16,}/g;
/** Words, not secrets: camelCase and PascalCase identifiers, kebab-case, snake_case, CONSTANT_CASE. */
const WORDS = /^(?:[A-Z]?[a-z]+(?:[-_]?[A-Z]?[a-z]+)*|[A-Z]+(?:_[A-Z]+)*|[a-z]+(?:[-_][a-z]+)*)$/;
/** A join code standing alone: CODE_LENGTH characters of the code alphabet, not part of a longer word. */
const JOIN_CODE = new RegExp(`(?<![A-Za-z0-9_-])[${CODE_ALPHABET}]{${CODE_LENGTH}}(?![A-Za-z0-9_-])`, "g");
/** `token: 'x'`, `"hostKey":"x"`, `code=x` as util.inspect, JSON or a query string write them. */
const KEYED = new RegExp(`(["']?(?:${SECRET_KEYS.join("|")})["']?\\s*[:=]\\s*)(["']?)[^"',}\\s&]+`, "gi");
/** A host key in a URL path. */
const HOST_PATH = /(\/host\/)[^/?#\s"']+/g;

/** Removes anything that looks like a secret from a free-form string (an error message, a stack, a library's log line). */
export function scrub(s: string): string {
  return s
    .replace(KEYED, (_m, k: string, q: string) => `${k}${q}${CENSOR}`)
    .replace(HOST_PATH, `$1${CENSOR}`)
    .replace(LONG_RUN, (run) => (WORDS.test(run) ? run : CENSOR))
    .replace(JOIN_CODE, CENSOR);
}

/** An error as a log line carries it: type, scrubbed message and stack, a plain code, the cause; never its other fields (a Colyseus exception holds the client and its join options). */
export function errFields(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: scrub(String(e)).slice(0, 500) };
  const out: Record<string, unknown> = { type: e.name, message: scrub(e.message) };
  // Stack frames are code locations: only the lines before them (the message) can carry what a client sent.
  if (e.stack) out.stack = e.stack.split("\n").map((l) => (/^\s+at /.test(l) ? l : scrub(l))).join("\n");
  const code = (e as { code?: unknown }).code;
  if (typeof code === "number" || (typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code))) out.errorCode = code;
  if (e.cause !== undefined && depth < 2) out.cause = errFields(e.cause, depth + 1);
  return out;
}

function level(): pino.LevelWithSilent {
  // Under vitest (servers started inside the test process) only warnings and errors, unless LOG_LEVEL says otherwise.
  const l = (process.env.LOG_LEVEL ?? (process.env.VITEST ? "warn" : "info")).toLowerCase();
  return (["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const).find((x) => x === l) ?? "info";
}

/** The logger. `log.child({ table })` for a table's lines. */
export const log = pino({
  level: level(),
  base: { pid: process.pid },
  redact: { paths: REDACT_PATHS, censor: CENSOR },
  serializers: { err: errFields, error: errFields },
  // Message strings are scrubbed too: a library's text (Colyseus's) may quote what a client sent.
  hooks: {
    logMethod(args, method) {
      for (let i = 0; i < args.length; i++) if (typeof args[i] === "string") args[i] = scrub(args[i] as string);
      method.apply(this, args as Parameters<typeof method>);
    },
  },
}, pino.destination({ fd: 1, sync: true }));

/** Seconds in one summary window (LOG_SUMMARY_SECONDS, default 60: "N more in the last minute"). */
const windowMs = (): number => Math.max(1, Number(process.env.LOG_SUMMARY_SECONDS ?? 60)) * 1000;
/** Distinct (kind, address) pairs tracked at once; past it, newcomers share one pair, so a flood cannot grow the map. */
const MAX_KEYS = 1000;

interface Seen { kind: string; from: string; more: number; fields: Record<string, unknown> }
const seen = new Map<string, Seen>();
let timer: NodeJS.Timeout | null = null;

function flush(): void {
  for (const [k, s] of seen) {
    if (s.more === 0) {
      seen.delete(k);
      continue;
    }
    log.warn({ kind: s.kind, from: s.from, more: s.more, ...s.fields }, `${s.kind}: ${s.more} more from ${s.from} in the last ${Math.round(windowMs() / 1000)} s`);
    s.more = 0;
  }
  if (seen.size === 0 && timer) {
    clearInterval(timer);
    timer = null;
  }
}

/**
 * Logs something a client can repeat at will, once per window: the first occurrence of `kind` from `from` is a line,
 * the ones after it in the same window are counted and reported as one line when the window ends.
 */
export function summarised(kind: string, from: string, fields: Record<string, unknown>, msg: string, lvl: "warn" | "error" = "warn"): void {
  let key = `${kind}\u0000${from}`;
  if (!seen.has(key) && seen.size >= MAX_KEYS) {
    key = `${kind}\u0000*`;
    from = "(many addresses)";
  }
  const s = seen.get(key);
  if (s) {
    s.more++;
    return;
  }
  seen.set(key, { kind, from, more: 0, fields: { table: fields.table, source: fields.source } });
  log[lvl]({ kind, from, ...fields }, msg);
  if (!timer) {
    timer = setInterval(flush, windowMs());
    timer.unref();
  }
}

/** A join refused (bad token, host key or code, rate limit, full seat): one line, summarised per address. */
export function logRefusedJoin(o: { table: string; reason: string; ip?: string }): void {
  summarised("join refused", o.ip ?? "?", { table: o.table, reason: o.reason }, `join refused at table ${o.table}: ${o.reason}`);
}

/** A library's logger (console-shaped): its lines, scrubbed, summarised by their first words so that garbage frames cannot flood the log. */
function libraryLogger(source: string) {
  return {
    debug: (...a: unknown[]) => log.debug({ source }, text(a)),
    trace: (...a: unknown[]) => log.trace({ source }, text(a)),
    info: (...a: unknown[]) => log.info({ source }, text(a)),
    log: (...a: unknown[]) => log.info({ source }, text(a)),
    warn: (...a: unknown[]) => fromLibrary(source, "warn", a),
    error: (...a: unknown[]) => fromLibrary(source, "error", a),
  };
}

/** Colyseus's logger (its `logger` server option). */
export const colyseusLogger = libraryLogger("colyseus");

/**
 * Sends what libraries print with console.* (Express's last-resort error handler, the matchmaking router's
 * "# SERVER_ERROR") through the logger too: stdout stays JSON lines, scrubbed and summarised.
 */
export function routeConsole(): void {
  const l = libraryLogger("console");
  Object.assign(console, { log: l.log, info: l.info, debug: l.debug, trace: l.trace, warn: l.warn, error: l.error });
}

function text(a: unknown[]): string {
  return scrub(a.map((x) => (x instanceof Error ? x.stack ?? x.message : typeof x === "string" ? x : safeJson(x))).join(" ")).slice(0, 4000);
}

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}

function fromLibrary(source: string, lvl: "warn" | "error", a: unknown[]): void {
  const line = text(a);
  // Its first words name the kind: "summit (roomId: x), couldn't decode message: <bytes>" → "summit, couldn't decode message".
  const kind = line.split("\n")[0]!.replace(/\s*\(roomId: [^)]*\)/g, "").replace(/[:\d].*$/s, "").trim().slice(0, 60);
  summarised(`${source}: ${kind}`, source, { source }, line, lvl);
}

/** The client's address, read from the socket under a Colyseus client (Colyseus does not pass it to onUncaughtException). */
function addressOf(err: unknown): string | undefined {
  const socket = (err as { client?: { ref?: { _socket?: { remoteAddress?: unknown } } } }).client?.ref?._socket;
  return typeof socket?.remoteAddress === "string" ? socket.remoteAddress : undefined;
}

/**
 * What a room's onUncaughtException gets: a join refused on purpose (a ServerError thrown by onAuth or onJoin) is one
 * summarised line with its reason and never the join options; anything else is an error with a scrubbed stack.
 */
export function logRoomException(table: string, method: string, err: unknown): void {
  const cause = err instanceof Error ? err.cause : undefined;
  if ((method === "onAuth" || method === "onJoin") && cause instanceof ServerError) {
    const reason = /^[A-Z0-9_]{1,40}$/.test(cause.message) ? cause.message : scrub(cause.message).slice(0, 80);
    logRefusedJoin({ table, reason, ip: addressOf(err) });
    return;
  }
  // A room asked for without a table (a client calling /matchmake/create itself) is refused there; a restore that
  // fails is logged as an error by whoever asked for it (TableRooms, startServer).
  if (method === "onCreate") {
    summarised("room not created", "matchmaking", { err }, `room not created: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  summarised(`uncaught in ${method}`, `table ${table}`, { table, method, err }, `table ${table}: uncaught exception in ${method}`, "error");
}

/** A boot stage: milliseconds since the process started, and the CPU it has used (all threads), which a loaded machine does not inflate. */
export function bootMark(stage: string, fields: Record<string, unknown> = {}): void {
  const cpu = process.cpuUsage();
  log.info({ boot: stage, uptimeMs: Math.round(performance.now()), cpuMs: Math.round((cpu.user + cpu.system) / 1000), ...fields }, stage);
}
