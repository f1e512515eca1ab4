/**
 * The bounded fuzz run of `npm test`: 10,000 fuzzed frames (and 250 raw HTTP requests) from a fixed seed against the
 * real server process (bench/fuzz.ts has the generators; `npm run bench -- fuzz` runs 100,000). The server never
 * crashes, /health answers after every batch, a well-behaved player at a bot-played table is acknowledged after
 * every batch, and no frame makes our code throw (nothing in the log says so) or floods the log.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type FuzzResult, type FuzzServer, runFuzz, startFuzzServer } from "../../bench/fuzz";

let server: FuzzServer | null = null;
let result: FuzzResult | null = null;
afterAll(() => server?.stop());

describe("fuzzed frames and HTTP bodies", () => {
  it("10,000 frames: no crash, /health and the witness table answer after every batch, nothing thrown, no flood", async () => {
    server = await startFuzzServer();
    result = await runFuzz(server, { frames: 10_000, seed: 20261202, batch: 2000 });
    const r = result;
    expect(r.frames).toBeGreaterThanOrEqual(10_000);
    expect(r.alive).toBe(true);
    expect(server.child.exitCode).toBeNull();
    expect(r.batches).toBe(5);
    expect(r.witnessAcks).toBe(r.batches);
    expect(r.byKind.request).toBeGreaterThan(1000);
    expect(r.byKind.oversized).toBeGreaterThan(0);
    expect(r.httpRequests).toBeGreaterThanOrEqual(250);
    // Bad input gets a 4xx with a code (or the socket closed), never a server error: the only 5xx allowed are
    // 503 (an import refused while two run) and Colyseus's 522/524 refusals of a join or reconnection (PROTOCOL.md).
    const serverErrors = Object.entries(r.httpStatuses).filter(([status]) => Number(status) >= 500 && ![503, 522, 524].includes(Number(status)));
    expect(serverErrors, JSON.stringify(r.httpStatuses)).toEqual([]);
    expect(r.connections).toBeGreaterThan(10);
    expect(r.badLogLines).toEqual([]);
    // Thousands of garbage frames, summarised: the log grows by lines per kind and minute, not per frame.
    expect(r.logLines).toBeLessThan(200);
  }, 170_000);

  // Finding 4 (ROOM_REQUEST bypasses the disconnect rules) is fixed on the network-hardening branch: until it is
  // merged, requests are answered with the validator's text.
  it("ROOM_REQUEST frames are never answered with a validator's or handler's text", () => {
    expect(result, "the fuzz run above").not.toBeNull();
    expect(result!.requests).toBeGreaterThan(1000);
    expect(result!.requestLeaks).toBe(0);
  });
});
