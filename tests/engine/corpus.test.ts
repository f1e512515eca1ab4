/** The corpus of recorded sessions must keep replaying to the hashes they were recorded with, whatever changes. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENGINE_VERSION } from "../../shared/replay";
import { recordOutcome } from "../../shared/simulate";
import { parseSessionFile, type SessionFile } from "../../shared/sessionFile";
import { verifySession } from "../../shared/verifySession";

const dir = join(import.meta.dirname, "../corpus");
const files = readdirSync(dir).filter((f) => f.endsWith(".session.json")).sort();
const load = (name: string): SessionFile => {
  const r = parseSessionFile(JSON.parse(readFileSync(join(dir, name), "utf8")));
  if (!r.ok) throw new Error(`${name}: ${r.error}`);
  return r.file;
};

describe("corpus of recorded sessions", () => {
  it("has sessions of both shipped scenarios, finished ones and a fork", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const all = files.map(load);
    expect(new Set(all.map((f) => f.header.scenario.id))).toEqual(new Set(["yerevan-2016", "tutorial"]));
    expect(all.every((f) => f.final.status === "ended")).toBe(true);
    expect(all.some((f) => f.header.fork !== null)).toBe(true);
  });

  it.each(files)("%s reproduces its recorded final hash", (name) => {
    const file = load(name);
    // A new engine version must either keep these hashes (and say so by keeping the version) or be refused.
    expect(file.header.engineVersion, `${name} was recorded by engine ${file.header.engineVersion}`).toBe(ENGINE_VERSION);
    const r = verifySession(file);
    if (!r.ok) throw new Error(`${name}: ${r.code}: ${r.error}`);
    expect(r.hash).toBe(file.final.hash);
    expect(r.state.seq).toBe(file.final.seq);
  });

  it("the Yerevan class ends as the real summit did", () => {
    const r = verifySession(load("yerevan-historical.session.json"));
    if (!r.ok) throw new Error(r.error);
    // As the simulator counts the record: the invented missile-defence declaration only has to stay unadopted.
    for (const [item, outcome] of Object.entries(r.scenario.historical)) {
      expect(recordOutcome(r.scenario, item, r.state.result?.outcomes[item] ?? "")).toBe(recordOutcome(r.scenario, item, outcome));
    }
  });

  it("a fork's log starts with its parent's actions up to the fork point", () => {
    const parent = load("yerevan-historical.session.json");
    const fork = load("yerevan-fork.session.json");
    const seq = fork.header.fork!.seq;
    expect(fork.actions.slice(0, seq)).toEqual(parent.actions.slice(0, seq));
    expect(fork.actions[seq]).toMatchObject({ type: "host.pause" });
  });
});
