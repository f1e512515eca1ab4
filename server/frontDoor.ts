/**
 * What every request meets before Colyseus or the HTTP routes: the client's address as TRUST_PROXY says it counts,
 * the CORS allow-list, and the matchmaking route's own limits (only joins by id and reconnections, a small JSON body,
 * JSON errors). Colyseus answers /matchmake itself, with no body limit, echoing any Origin with credentials, and it
 * takes the client address from X-Real-IP / X-Forwarded-For whoever sent them: this layer sits in front of it.
 */
import { matchMaker } from "@colyseus/core";
import cors from "cors";
import type { Application } from "express";
import type http from "node:http";
import type { Guard } from "./config";

/** The matchmaking calls a client may make: join a table by id, or come back to a dropped session. */
const MATCHMAKE = /^\/matchmake\/(joinById|reconnect)\/[A-Za-z0-9_-]{1,64}$/;

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The client's address: the socket's, or — only when TRUST_PROXY trusts the hops in between — the one the proxies
 * forwarded. Computed by express's own "trust proxy" machinery (the app given has the setting).
 */
export function clientAddress(app: Application, req: http.IncomingMessage): string {
  const view = Object.create((app as unknown as { request: object }).request, { socket: { value: req.socket }, headers: { value: req.headers } }) as { ip?: string };
  return view.ip ?? req.socket.remoteAddress ?? "?";
}

/**
 * Colyseus's own CORS headers (every origin echoed, credentials allowed) are switched off for the whole process; the
 * allow-list below answers instead, per server.
 */
function silenceColyseusCors(): void {
  (matchMaker.controller as { DEFAULT_CORS_HEADERS: Record<string, string> }).DEFAULT_CORS_HEADERS = {};
  matchMaker.controller.getCorsHeaders = () => ({});
}

/** Reads a JSON body of at most `limit` bytes; null after answering 413 or 400 itself. */
function readJson(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<{ body: unknown } | null> {
  return new Promise((resolve) => {
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      sendJson(res, 413, { error: "BAD_MESSAGE", detail: "body too large" });
      req.resume();
      return resolve(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        res.setHeader("connection", "close");
        sendJson(res, 413, { error: "BAD_MESSAGE", detail: "body too large" });
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve({ body: text.trim() === "" ? {} : JSON.parse(text) });
      } catch {
        sendJson(res, 400, { error: "BAD_MESSAGE", detail: "body is not JSON" });
        resolve(null);
      }
    });
    req.on("error", () => {
      if (!done) { done = true; resolve(null); }
    });
  });
}

/**
 * Puts the front door before whatever listens on `server` (call it once Colyseus has bound its routes, after listen).
 * `app` carries the "trust proxy" setting used to work out addresses.
 */
export function installFrontDoor(server: http.Server, app: Application, guard: Guard): void {
  silenceColyseusCors();
  const allowed = new Set(guard.allowedOrigins);
  const corsCheck = cors({
    origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
    credentials: false,
    methods: ["GET", "HEAD", "POST"],
    allowedHeaders: ["Content-Type", "Authorization"],
    maxAge: 600,
  });

  // Colyseus takes X-Real-IP first, then X-Forwarded-For: it gets the address worked out here, for HTTP and upgrades.
  const stamp = (req: http.IncomingMessage): void => {
    req.headers["x-real-ip"] = clientAddress(app, req);
    delete req.headers["x-client-ip"];
  };
  server.prependListener("upgrade", stamp);

  const inner = server.listeners("request") as Listener[];
  server.removeAllListeners("request");
  const pass: Listener = (req, res) => { for (const l of inner) l.call(server, req, res); };

  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    stamp(req);
    corsCheck(req, res, () => {
      const path = (req.url ?? "/").split("?")[0]!;
      if (!path.startsWith("/matchmake/") && path !== "/matchmake") return pass(req, res);
      if (req.method !== "POST" || !MATCHMAKE.test(path)) return sendJson(res, 404, { error: "NOT_FOUND" });
      void readJson(req, res, guard.bodyLimit).then((read) => {
        if (!read) return;
        // A reconnection without its token is the client's mistake (400), not Colyseus's "unhandled" 523.
        const body = read.body as { reconnectionToken?: unknown } | null;
        if (path.startsWith("/matchmake/reconnect/") && (typeof body !== "object" || body === null || typeof body.reconnectionToken !== "string")) {
          return sendJson(res, 400, { error: "BAD_MESSAGE" });
        }
        // Colyseus's router takes an already-read body from req.body.
        (req as http.IncomingMessage & { body?: unknown }).body = read.body;
        pass(req, res);
      });
    });
  });
}
