/** The host page's reading of the dashboard: bot seats named once, loopback links caught, clocks on the server's time. */
import { describe, expect, it } from "vitest";
import { botStrength, isLoopbackUrl, seatName, studentOrigin, tableSecondsLeft } from "../../client/src/hostModel";

describe("host page helpers", () => {
  it("names a bot seat without its mark, and reads the strength from it", () => {
    expect(seatName({ name: "Belarus (bot, plain)", bot: true })).toBe("Belarus");
    expect(seatName({ name: "Belarus (bot)", bot: true })).toBe("Belarus");
    expect(botStrength({ name: "Belarus (bot, strong)", bot: true })).toBe("strong");
    expect(botStrength({ name: "Belarus (bot)", bot: true })).toBeNull();
    // A person's name is theirs, brackets and all.
    expect(seatName({ name: "Ivan (bot)", bot: false })).toBe("Ivan (bot)");
    expect(botStrength({ name: "Ivan (bot, plain)", bot: false })).toBeNull();
  });

  it("tells loopback links from ones students can reach", () => {
    for (const u of ["http://127.0.0.1:2567/join/X", "http://localhost/join/X", "http://[::1]:8080/", "http://app.localhost/", "http://0.0.0.0:2567/", "http://127.1.2.3/"]) expect(isLoopbackUrl(u), u).toBe(true);
    for (const u of ["http://192.168.1.20:2567/join/X", "https://summit.example.org/join/X", "http://10.0.0.5/", "not a url"]) expect(isLoopbackUrl(u), u).toBe(false);
  });

  it("prefers the server's public address and its word on loopback when it gives them", () => {
    expect(studentOrigin({}, "http://127.0.0.1:2567")).toEqual({ origin: "http://127.0.0.1:2567", loopback: true });
    expect(studentOrigin({ joinUrl: "https://summit.example.org/join/ABCDEFG" }, "http://127.0.0.1:2567")).toEqual({ origin: "https://summit.example.org", loopback: false });
    expect(studentOrigin({ publicUrlIsLoopback: false }, "http://localhost:2567").loopback).toBe(false);
  });

  it("counts a table's clock down on the server's time", () => {
    const now = 1_000_000;
    expect(tableSecondsLeft({ endsAt: now + 90_000, remaining: null }, 0, now)).toBe(90);
    // The server is 5 s ahead of this browser: 5 s fewer left.
    expect(tableSecondsLeft({ endsAt: now + 90_000, remaining: null }, 5000, now)).toBe(85);
    expect(tableSecondsLeft({ endsAt: now - 1000, remaining: null }, 0, now)).toBe(0);
    expect(tableSecondsLeft({ endsAt: null, remaining: 42_000 }, 0, now)).toBe(42);
    expect(tableSecondsLeft({ endsAt: null, remaining: null }, 0, now)).toBeNull();
  });
});
