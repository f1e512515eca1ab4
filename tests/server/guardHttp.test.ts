/**
 * The HTTP side under a hostile client: forwarded addresses count only through trusted proxies, bodies are limited
 * everywhere (matchmaking included) and refused in JSON, the host routes are rate-limited, other sites get no CORS
 * grant, pages carry a CSP that forbids framing, and a running table's public view needs its code or host key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeminarCreated } from "../../shared/protocol";
import { createSeminar, post, startTestServer, type TestServer } from "./harness";

let server: TestServer;
let proxied: TestServer;
let sem: SeminarCreated;

beforeAll(async () => {
  server = await startTestServer({ ALLOWED_ORIGINS: "https://good.example" });
  proxied = await startTestServer({ TRUST_PROXY: "loopback" });
  sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
});
afterAll(async () => {
  await proxied.stop();
  await server.stop();
});

const json = { "content-type": "application/json" };

/** A wrong code from `address` as a proxy would forward it, over HTTP and over matchmaking. */
async function guess(srv: TestServer, table: string, header: string, address: string): Promise<[number, number]> {
  const lookup = await fetch(`${srv.url}/api/seminars/2345678`, { headers: { [header]: address } });
  const join = await fetch(`${srv.url}/matchmake/joinById/${table}`, { method: "POST", headers: { ...json, [header]: address }, body: JSON.stringify({ code: "2345678", name: "Guesser" }) });
  return [lookup.status, join.status];
}

describe("TRUST_PROXY", () => {
  it("off (the default): X-Forwarded-For and X-Real-IP are ignored, so rotating them buys no fresh guesses", async () => {
    server.running.context.attempts.limit = 3;
    try {
      const answers: [number, number][] = [];
      for (let i = 0; i < 6; i++) answers.push(await guess(server, sem.tables[0]!, i % 2 ? "x-forwarded-for" : "x-real-ip", `10.0.0.${i + 1}`));
      expect(answers.slice(0, 3)).toEqual([[404, 404], [404, 404], [404, 404]]);
      expect(answers.slice(3)).toEqual([[429, 429], [429, 429], [429, 429]]);
    } finally {
      server.running.context.attempts.limit = 30;
    }
  });

  it("on (a trusted proxy in front): each forwarded address has its own count", async () => {
    const other = await createSeminar(proxied, { scenario: "tutorial", timing: "manual", bots: false });
    proxied.running.context.attempts.limit = 2;
    for (let i = 0; i < 6; i++) expect(await guess(proxied, other.tables[0]!, "x-forwarded-for", `10.1.0.${i + 1}`)).toEqual([404, 404]);
    expect(await guess(proxied, other.tables[0]!, "x-forwarded-for", "10.1.0.1")).toEqual([404, 404]);
    expect(await guess(proxied, other.tables[0]!, "x-forwarded-for", "10.1.0.1")).toEqual([429, 429]);
    // A client cannot pose as another address through X-Real-IP: only the proxy chain counts.
    expect(await guess(proxied, other.tables[0]!, "x-real-ip", "10.9.9.9")).toEqual([404, 404]);
  });
});

describe("bodies", () => {
  it("/matchmake takes small JSON bodies only, refused in JSON; only joins by id and reconnections are offered", async () => {
    const url = `${server.url}/matchmake/joinById/${sem.tables[0]}`;
    const big = JSON.stringify({ code: sem.code, name: "x".repeat(64 * 1024) });
    const tooBig = await fetch(url, { method: "POST", headers: json, body: big });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: "BAD_MESSAGE", detail: "body too large" });
    // The same without a Content-Length (chunked): cut off once past the limit.
    const chunks = Array.from({ length: 16 }, () => new TextEncoder().encode("x".repeat(8 * 1024)));
    const stream = new ReadableStream({ pull(c) { const next = chunks.shift(); if (next) c.enqueue(next); else c.close(); } });
    const chunked = await fetch(url, { method: "POST", headers: json, body: stream, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
    const bad = await fetch(url, { method: "POST", headers: json, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "BAD_MESSAGE" });
    const create = await fetch(`${server.url}/matchmake/create/summit`, { method: "POST", headers: json, body: JSON.stringify({ table: sem.tables[0] }) });
    expect(create.status).toBe(404);
    expect(await create.json()).toEqual({ error: "NOT_FOUND" });
    // The server is still fine.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it("every route answers an oversized or unreadable body in JSON, the import route included", async () => {
    const huge = await fetch(`${server.url}/api/replays/import`, { method: "POST", headers: json, body: "[" + "1,".repeat(10 * 1024 * 1024) + "1]" });
    expect(huge.status).toBe(413);
    expect(huge.headers.get("content-type")).toContain("application/json");
    // The import route reads its own body (session files are large) and names its own codes (docs/PROTOCOL.md).
    expect(await huge.json()).toMatchObject({ error: "FILE_TOO_LARGE" });
    for (const [path, code] of [["/api/replays/import", "BAD_JSON"], ["/api/seminars", "BAD_MESSAGE"], ["/api/place", "BAD_MESSAGE"]]) {
      const bad = await fetch(`${server.url}${path}`, { method: "POST", headers: json, body: "{not json" });
      expect(bad.status, path).toBe(400);
      expect(await bad.json(), path).toMatchObject({ error: code });
    }
  });
});

describe("host routes", () => {
  it("are rate-limited per address (the dashboard and the controls)", async () => {
    server.running.context.hostRequests.limit = 12;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await fetch(`${server.url}/api/host/${sem.hostKey}`)).status);
      for (let i = 0; i < 8; i++) statuses.push((await post(`${server.url}/api/host/${sem.hostKey}/control`, { action: { type: "host.broadcast", text: "hello" } })).status);
      expect(statuses.slice(0, 12).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(12)).toEqual([429, 429, 429, 429]);
      const r = await fetch(`${server.url}/api/host/${sem.hostKey}`);
      expect(await r.json()).toEqual({ error: "RATE_LIMITED" });
    } finally {
      server.running.context.hostRequests.limit = 240;
    }
  });
});

describe("headers", () => {
  it("CORS: another site gets no grant (nor credentials); one in ALLOWED_ORIGINS does", async () => {
    for (const path of ["/api/scenarios", `/api/seminars/${sem.code}`]) {
      const r = await fetch(`${server.url}${path}`, { headers: { origin: "https://evil.example" } });
      expect(r.headers.get("access-control-allow-origin"), path).toBeNull();
      expect(r.headers.get("access-control-allow-credentials"), path).toBeNull();
    }
    const preflight = (origin: string) => fetch(`${server.url}/matchmake/joinById/${sem.tables[0]}`, {
      method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    const evil = await preflight("https://evil.example");
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const good = await preflight("https://good.example");
    expect(good.status).toBe(204);
    expect(good.headers.get("access-control-allow-origin")).toBe("https://good.example");
    expect(good.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("pages carry a CSP that allows this origin's scripts only and forbids framing", async () => {
    for (const path of ["/health", "/api/scenarios", "/join/ABC"]) {
      const r = await fetch(`${server.url}${path}`);
      const csp = r.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});

describe("a running table's public view", () => {
  it("needs the seminar's code or the host key until the table ends; then it is a public replay", async () => {
    const s = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
    const t = s.tables[0]!;
    await post(`${server.url}/api/host/${s.hostKey}/control`, { action: { type: "host.start" } });
    for (const path of [`/api/replays/${t}`, `/api/replays/${t}/view?seq=1`]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(403);
      expect((await fetch(`${server.url}${path}${path.includes("?") ? "&" : "?"}code=2345678`)).status, path).toBe(403);
      expect((await fetch(`${server.url}${path}${path.includes("?") ? "&" : "?"}code=${s.code}`)).status, path).toBe(200);
      expect((await fetch(`${server.url}${path}`, { headers: { "x-summit-code": s.code } })).status, path).toBe(200);
      expect((await fetch(`${server.url}${path}`, { headers: { "x-host-key": s.hostKey } })).status, path).toBe(200);
    }
    await post(`${server.url}/api/host/${s.hostKey}/control`, { action: { type: "host.end" } });
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`${server.url}/api/replays/${t}/view?seq=1`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});
