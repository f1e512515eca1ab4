/** Boots one server: store, HTTP routes, static client, Colyseus rooms, and restores the unfinished summits. */
import { createRouter, matchMaker, Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express, { type NextFunction, type Request as ExpressRequest, type Response } from "express";
import expressStaticGzip from "express-static-gzip";
import helmet from "helmet";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { join, resolve } from "node:path";
import { parseScenario } from "../shared/scenario";
import { registerScenario } from "../shared/scenarios";
import { type Config, DEFLATE } from "./config";
import { apiRouter } from "./http/api";
import { replaysRouter } from "./http/replays";
import { installFrontDoor } from "./frontDoor";
import { bootMark, colyseusLogger, log } from "./log";
import { CodeGate, type Counters, MemoryCounters, PresenceCounters, RateLimiter } from "./rateLimit";
import { SummitRoom } from "./rooms/SummitRoom";
import type { ServerContext } from "./serverContext";
import { joinProcess, leaveProcess, listenShared } from "./sharedMatchMaker";
import { TableLeases } from "./leases";
import { openStorage, storeAddress } from "./storage";
import type { Storage } from "./storage/types";
import { clusterServerOptions } from "./cluster";
import { freeRoomName, TableRooms } from "./tableRooms";

export { configFromEnv } from "./config";

// Colyseus reads the global WebSocket.OPEN: Node ≥ 22 has it (on older Node reconnection would silently fail).
if (!(globalThis as { WebSocket?: unknown }).WebSocket) throw new Error("CSTO Summit needs Node.js 22 or newer (a global WebSocket); see the README");

export const CLIENT_DIST = resolve(import.meta.dirname, "../client/dist");
/** Client files named by their content hash (client/build.ts names them so): they never change. */
const HASHED_FILE = /-[A-Z0-9]{8}\.(js|css)$/;

/** The WebSocket transport's options (compression: see DEFLATE). */
export function transportOptions(config: Pick<Config, "compress">): ConstructorParameters<typeof WebSocketTransport>[0] {
  return {
    maxPayload: 8 * 1024, pingInterval: 5000, pingMaxRetries: 3,
    perMessageDeflate: config.compress
      ? { zlibDeflateOptions: { memLevel: DEFLATE.memLevel }, serverMaxWindowBits: DEFLATE.windowBits, threshold: DEFLATE.threshold }
      : false,
  };
}

/** Loads every valid scenario file in a folder; a bad one is reported and skipped. */
export function loadScenarioDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const loaded: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, file), "utf8"));
    } catch (e) {
      log.error({ file, err: e }, `scenario ${file}: not valid JSON`);
      continue;
    }
    const r = parseScenario(json);
    if (!r.ok) log.error({ file, problem: r.error }, `scenario ${file} refused`);
    else if (!registerScenario(r.scenario)) log.error({ file, scenario: r.scenario.id }, `scenario ${file}: the id "${r.scenario.id}" is already taken`);
    else loaded.push(r.scenario.id);
  }
  return loaded;
}

/**
 * Security headers on everything express serves: a CSP that lets the bundled client (one module script, its own
 * styles, WebGL/canvas images, WebSocket to this origin) run and nothing else, no framing by other sites.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'", "ws:", "wss:"],
        workerSrc: ["'self'", "blob:"],
        mediaSrc: ["'self'", "data:", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // A classroom server often runs on plain HTTP on a LAN: no HSTS, no upgrade of its requests.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}

/** Errors that reach the end of the app (an unreadable or oversized body on any route) answer in JSON, never HTML. */
function jsonErrors(err: { status?: unknown; type?: unknown }, _req: ExpressRequest, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const status = typeof err.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 500) console.error("http:", err);
  res.status(status).json({ error: status === 500 ? "INTERNAL" : "BAD_MESSAGE", detail: status === 413 ? "body too large" : status === 400 ? "body is not JSON" : undefined });
}

export interface Running { config: Config; context: ServerContext; store: Storage; gameServer: Server; httpServer: http.Server; port: number; close(): Promise<void> }

export async function startServer(config: Config): Promise<Running> {
  loadScenarioDir(process.env.SCENARIO_DIR ?? join(config.dataDir, "scenarios"));
  const app = express();
  const httpServer = http.createServer(app);
  const transport = new WebSocketTransport({ server: httpServer, ...transportOptions(config) });
  const shared = joinProcess(config.cluster ? clusterServerOptions(config.cluster) : {});
  const gameServer = new Server({ transport, greet: false, gracefullyShutdown: false, logger: colyseusLogger, ...shared.options });
  // In a cluster the lease owner is this process's Colyseus id (set as the server is made, with Redis given).
  const owner = config.cluster ? matchMaker.processId : null;
  const leaseMs = config.cluster?.leaseMs ?? 0;
  if (config.cluster && !config.databaseUrl) {
    log.warn(`REDIS_URL without DATABASE_URL: every process must share this SQLite file (${config.dataDir}) on one machine; a real cluster uses PostgreSQL (docs/DEPLOY.md)`);
  }
  const store = await openStorage(storeAddress(config), owner ? { fence: { owner, ttlMs: leaseMs } } : {});
  bootMark("store open");
  const tables = new TableRooms(store, freeRoomName());
  const leases = owner ? new TableLeases(store, owner, leaseMs) : null;
  tables.leases = leases;
  // In a cluster the limits count in the shared presence (one budget for all processes), else in this process.
  const counters = (): Counters => config.cluster ? new PresenceCounters(matchMaker.presence) : new MemoryCounters();
  const attempts = new RateLimiter(config.limits.joinAttemptsPerMinute, counters());
  const context: ServerContext = {
    store, config, attempts, tables, leases, codes: new CodeGate(attempts, counters()), hostRequests: new RateLimiter(config.guard.hostRequestsPerMinute, counters()),
  };

  app.disable("x-powered-by");
  // Forwarded addresses count only through proxies TRUST_PROXY names (off by default: X-Forwarded-For is ignored).
  app.set("trust proxy", config.guard.trustProxy);
  app.use(securityHeaders());
  // Answered from memory (never the database): a probe must not queue behind the store.
  app.get("/health", (_req, res) => {
    res.json({ ok: true, uptime: Math.round(process.uptime()), tables: tables.running().length, store: store.kind, process: leases?.owner, client: existsSync(join(CLIENT_DIST, "index.html")) });
  });
  app.use("/api/replays", replaysRouter(context));
  app.use("/api", apiRouter(context));
  // The client, precompressed at build (.br/.gz beside each file): hashed scripts cached for a year, the rest revalidated.
  const clientFiles = expressStaticGzip(CLIENT_DIST, {
    enableBrotli: true, orderPreference: ["br", "gz"], index: "index.html",
    serveStatic: { setHeaders: (res, path) => res.setHeader("Cache-Control", HASHED_FILE.test(path.replace(/\.(br|gz)$/, "")) ? "public, max-age=31536000, immutable" : "no-cache") },
  });
  app.use(clientFiles);
  // Client-side routes (join, host, table, replay links) all load the single page.
  // The routes that draw a table get the shell that preloads the table chunk and Phaser (client/build.ts).
  app.get(/^\/(join|host|table|projector|replay)(\/.*)?$/, (req, res, next) => {
    const drawsTable = /^\/(table|projector)\//.test(req.path) || (req.path.startsWith("/host/") && typeof req.query.table === "string");
    req.url = drawsTable && existsSync(join(CLIENT_DIST, "table.html")) ? "/table.html" : "/index.html";
    clientFiles(req, res, next);
  });
  app.use(jsonErrors);

  gameServer.define(tables.roomName, SummitRoom, { context });
  // Matchmaking passes through this server's hook first: a join by id brings a finished table's room back up.
  gameServer.router = createRouter({}, { onRequest: (req: Request) => tables.beforeMatchmake(req) });
  await listenShared(gameServer, config.port, config.host, shared.first);
  installFrontDoor(httpServer, app, config.guard);
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  bootMark("listening");

  // Unfinished summits come back from their logs, with their codes, seats and deadlines. Finished ones come back
  // when someone asks for them (a join, a host action).
  // One table per turn of the event loop: a room's creation resolves in microtasks only, so without this turn the
  // whole restore would hold /health and every returning player's join until the last table is back (a join for a
  // table not restored yet brings it up at once, see TableRooms.open).
  // In a cluster, a process brings up only the tables no live process runs (all of them when the cluster starts),
  // and from then on sweeps for the tables of processes that die.
  const adopt = async (table: string) => {
    await new Promise((r) => setImmediate(r));
    await tables.open(table);
  };
  if (leases) {
    const hooks = { adopt, lost: (table: string) => tables.live(table)?.lostLease(), running: () => tables.running() };
    await leases.tick(hooks);
    leases.start(hooks);
  } else {
    for (const t of await store.unfinishedTables()) {
      try {
        await adopt(t.id);
      } catch (e) {
        log.error({ table: t.id, err: e }, `could not restore table ${t.id}`);
      }
    }
  }
  bootMark("tables restored");

  return {
    config, context, store, gameServer, httpServer, port,
    async close() {
      leases?.stop();
      await leaveProcess(gameServer, tables.roomName, () => tables.closeAll());
      await store.close();
    },
  };
}
