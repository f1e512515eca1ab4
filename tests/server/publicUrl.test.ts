/** PUBLIC_URL: the address in every join link the server hands out, and the loopback warning for the host. */
import { get as httpGet } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePublicUrl } from "../../server/config";
import { isLoopbackUrl, publicOrigin } from "../../server/publicUrl";
import type { SeminarInfo } from "../../shared/protocol";
import { createSeminar, Player, startTestServer, until, type TestServer } from "./harness";

describe("PUBLIC_URL parsing and loopback detection", () => {
  it("keeps the origin and a path prefix, drops a trailing slash, refuses what is not an http(s) URL", () => {
    expect(parsePublicUrl(undefined)).toBeNull();
    expect(parsePublicUrl("  ")).toBeNull();
    expect(parsePublicUrl("https://summit.school.example/")).toBe("https://summit.school.example");
    expect(parsePublicUrl("http://10.0.0.5:2567")).toBe("http://10.0.0.5:2567");
    expect(parsePublicUrl("https://school.example/summit/")).toBe("https://school.example/summit");
    expect(() => parsePublicUrl("summit.school.example")).toThrow(/PUBLIC_URL/);
    expect(() => parsePublicUrl("ftp://summit.school.example")).toThrow(/PUBLIC_URL/);
  });

  it("calls 127.x, localhost and ::1 loopback, and a LAN or public address not", () => {
    for (const u of ["http://127.0.0.1:2567/join/X", "http://127.3.4.5/", "http://localhost:2567", "http://[::1]:2567/", "http://app.localhost/"]) {
      expect(isLoopbackUrl(u), u).toBe(true);
    }
    for (const u of ["http://192.168.1.20:2567/join/X", "https://summit.school.example/join/X", "http://10.0.0.1", "http://127.example.org"]) {
      expect(isLoopbackUrl(u), u).toBe(false);
    }
  });

  it("without PUBLIC_URL uses the request's own scheme and host, or the proxy's", () => {
    const headers = (h: Record<string, string>) => (n: string) => h[n];
    expect(publicOrigin({ publicUrl: null }, headers({ host: "10.1.2.3:2567" }))).toBe("http://10.1.2.3:2567");
    expect(publicOrigin({ publicUrl: null }, headers({ host: "internal:2567", "x-forwarded-proto": "https", "x-forwarded-host": "summit.example" })))
      .toBe("https://summit.example");
    expect(publicOrigin({ publicUrl: "https://a.example" }, headers({ host: "127.0.0.1" }))).toBe("https://a.example");
  });
});

async function seminarInfo(server: TestServer, path: string): Promise<SeminarInfo> {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SeminarInfo;
}

describe("join links from a server with PUBLIC_URL", () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ PUBLIC_URL: "https://summit.school.example/" }); });
  afterAll(async () => { await server?.stop(); });

  it("the dashboard, the code look-up, and the host's and projector's welcome all carry the public link", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual" });
    const link = `https://summit.school.example/join/${sem.code}`;
    const dash = await seminarInfo(server, `/api/host/${sem.hostKey}`);
    expect(dash).toMatchObject({ code: sem.code, joinUrl: link, publicUrlIsLoopback: false });
    expect(await seminarInfo(server, `/api/seminars/${sem.code}`)).toMatchObject({ joinUrl: link, publicUrlIsLoopback: false });
    const host = await new Player(server.url).join(sem.tables[0]!, { hostKey: sem.hostKey });
    const projector = await new Player(server.url).join(sem.tables[0]!, { code: sem.code, spectate: true });
    const student = await new Player(server.url).join(sem.tables[0]!, { code: sem.code, name: "Ana" });
    await until(() => !!host.welcome && !!projector.welcome && !!student.welcome, 5000, "welcomes");
    expect(host.welcome).toMatchObject({ code: sem.code, joinUrl: link });
    expect(projector.welcome).toMatchObject({ code: sem.code, joinUrl: link });
    // A student has no use for it (and learns no more than it joined with).
    expect(student.welcome!.joinUrl).toBeUndefined();
    for (const p of [host, projector, student]) await p.leave();
  });
});

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function getWithHost(url: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { headers: { host }, timeout: 5000 }, (res) => {
      let body = "";
      res.on("data", (c) => { body += c; });
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
  });
}

describe("join links from a server without PUBLIC_URL", () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.stop(); });

  it("uses the address asked for, and warns when that is loopback", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual" });
    const dash = await seminarInfo(server, `/api/host/${sem.hostKey}`);
    expect(dash.joinUrl).toBe(`${server.url}/join/${sem.code}`);
    expect(dash.publicUrlIsLoopback).toBe(true);
    // Asked for by a LAN name (as a laptop on the class Wi-Fi would), the link follows and the warning goes.
    const lan = JSON.parse(await getWithHost(`${server.url}/api/host/${sem.hostKey}`, "192.168.1.20:2567")) as SeminarInfo;
    expect(lan).toMatchObject({ joinUrl: `http://192.168.1.20:2567/join/${sem.code}`, publicUrlIsLoopback: false });
    const projector = await new Player(server.url).join(sem.tables[0]!, { code: sem.code, spectate: true });
    await until(() => !!projector.welcome, 5000, "welcome");
    expect(projector.welcome!.joinUrl).toBe(`${server.url}/join/${sem.code}`);
    await projector.leave();
  });
});
