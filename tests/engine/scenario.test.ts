import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSummit } from "../../shared/createSummit";
import { adoptedOption } from "../../shared/outcomes";
import { parseScenario } from "../../shared/scenario";
import { scoreSummit } from "../../shared/rules/scoring";
import tutorial from "../../shared/scenarios/tutorial.json";
import yerevan from "../../shared/scenarios/yerevan-2016.json";

const EXAMPLE = "docs/examples/osh-2010.json";

/** A scenario as a plain JSON value, exactly as an instructor would write it: the docs' worked example. */
type Json = any;
const example = (): Json => JSON.parse(readFileSync(EXAMPLE, "utf8"));

/** The example with one change made by `edit`. */
const broken = (edit: (s: Json) => void): Json => {
  const s = example();
  edit(s);
  return s;
};

// Small builders for the usual mistakes an instructor makes.
const priority = (outcome: string, weight = 1) => broken((s) => { s.delegations[0].priorities["osh-request"][outcome] = weight; });
const delegationId = (index: number, id: string) => broken((s) => { s.delegations[index].id = id; });
const effectDelegation = (id: string) => broken((s) => { s.events[0].effects[0].delegation = id; });
const eventAt = (round: number) => broken((s) => { s.events[0].at = { round, phase: "voting" }; });
const colour = (c: string) => broken((s) => { s.delegations[1].colors[0] = c; });
const without = (field: string) => broken((s) => { delete s[field]; });
const historical = (item: string, outcome: string) => broken((s) => { s.historical = { [item]: outcome }; });
const optionId = (item: number, option: number, id: string) => broken((s) => { s.items[item].options[option].id = id; });
const itemField = (item: number, field: string, value: unknown) => broken((s) => { s.items[item][field] = value; });
const relation = (between: [string, string]) => broken((s) => { s.relations[0].between = between; });
const timing = (preset: "45" | "90", phase: string, seconds: number | undefined) =>
  broken((s) => { if (seconds === undefined) delete s.timings[preset][phase]; else s.timings[preset][phase] = seconds; });

describe("scenario files that must load", () => {
  it.each([
    ["yerevan-2016", yerevan],
    ["tutorial", tutorial],
    ["the docs' worked example", example()],
  ])("%s parses", (_name, json) => {
    const r = parseScenario(json);
    expect(r.ok ? "ok" : r.error).toBe("ok");
  });

  it("is the same file as the one printed in docs/SCENARIOS.md", () => {
    const blocks = [...readFileSync("docs/SCENARIOS.md", "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const printed = blocks.filter((b) => b.trimStart().startsWith("{") && b.includes('"format": 1'));
    expect(printed).toHaveLength(1);
    expect(JSON.parse(printed[0]!)).toEqual(example());
  });

  it("fills in the documented defaults when optional fields are left out", () => {
    const r = parseScenario(broken((s) => {
      for (const f of ["maxTeamSize", "relations", "events", "historical"]) delete s[f];
      delete s.items[0].rule;
      delete s.items[0].postponeRule;
    }));
    if (!r.ok) throw new Error(r.error);
    expect(r.scenario.maxTeamSize).toBe(5);
    expect(r.scenario.relations).toEqual([]);
    expect(r.scenario.events).toEqual([]);
    expect(r.scenario.historical).toEqual({});
    expect(r.scenario.items[0]!.rule).toBe("consensus");
    expect(r.scenario.items[0]!.postponeRule).toBe("majority");
  });

  it("scores the example as docs/SCENARIOS.md works it out", () => {
    const r = parseScenario(example());
    if (!r.ok) throw new Error(r.error);
    const s = createSummit(r.scenario, { seed: 1, timing: "manual" });
    // Aid adopted by ballot; the crisis item never voted on, so it ends "postponed".
    const result = scoreSummit({ ...s, outcomes: { "osh-request": "adopted:material-aid" } });
    expect(result.outcomes).toEqual({ "osh-request": "adopted:material-aid", "crisis-mechanism": "postponed" });
    expect(result.scores.KG?.priority).toBe(0.5);
    expect(result.scores.RU?.priority).toBe(0.6667);
    expect(result.scores.KZ?.priority).toBe(0.9167);
    // This is what happened in 2010 (the example's "historical"): every share equals its bar, no gain for anyone,
    // and conduct alone decides: Russia has the warmest relations (standing 0.4).
    for (const x of Object.values(result.scores)) expect(x.gain).toBe(0);
    expect(result.scores.RU?.standing).toBe(0.4);
    expect(result.winners).toEqual(["RU"]);
  });
});

describe("invented markers", () => {
  it("are accepted on items, options and events, as a reason or as true, and kept as written", () => {
    const r = parseScenario(broken((s) => {
      s.items[1].invented = "The alliance never debated this; added to give Russia a second item.";
      s.items[0].options[0].invented = true;
      s.events[1].invented = false;
    }));
    if (!r.ok) throw new Error(r.error);
    expect(r.scenario.items[1]!.invented).toBe("The alliance never debated this; added to give Russia a second item.");
    expect(r.scenario.items[0]!.options[0]!.invented).toBe(true);
    expect(r.scenario.events[1]!.invented).toBe(false);
    expect(r.scenario.items[0]!.invented).toBeUndefined();
  });

  it.each([
    ["a number on an option", broken((s) => { s.items[0].options[1].invented = 1; }), "items.0.options.1.invented", "must be true, false or a short text"],
    ["an object on an item", broken((s) => { s.items[1].invented = { why: "balance" }; }), "items.1.invented", "must be true, false or a short text"],
    ["an empty reason on an event", broken((s) => { s.events[0].invented = ""; }), "events.0.invented", ">=1 characters"],
    ["a reason of more than 400 characters", broken((s) => { s.events[1].invented = "x".repeat(401); }), "events.1.invented", "<=400"],
    ["a marker on a delegation, where it has no meaning", broken((s) => { s.delegations[0].invented = true; }), "delegations.0", '"invented"'],
  ])("refuses %s, naming the field", (_name, json, path, message) => {
    const r = parseScenario(json);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.path).toBe(path);
    expect(r.error).toContain(message);
  });

  it("every one in Yerevan 2016 gives its reason, and the invented parts are the ones the sources do not bear out", () => {
    const r = parseScenario(yerevan);
    if (!r.ok) throw new Error(r.error);
    const marked = [
      ...r.scenario.items.flatMap((i) => [[i.id, i.invented] as const, ...i.options.map((o) => [`${i.id}/${o.id}`, o.invented] as const)]),
      ...r.scenario.events.map((e) => [`event ${e.id}`, e.invented] as const),
    ].filter(([, m]) => m !== undefined && m !== false);
    for (const [where, m] of marked) {
      expect(typeof m, `${where} is marked without a reason`).toBe("string");
      expect((m as string).length, `${where}'s reason is too short to explain anything`).toBeGreaterThan(40);
    }
    const ids = marked.map(([where]) => where);
    expect(ids).toEqual(expect.arrayContaining(["missile-defence", "secretary-general/bordyuzha", "strategy-2025/expanded", "event aegis-ashore", "event border-shelling"]));
    // What the article reports as it happened stays unmarked.
    for (const real of ["secretary-general", "karabakh-statement", "strategy-2025", "secretary-general/ohanyan", "strategy-2025/core", "event ohanyan-demurs", "event ankara-role", "event air-defence-deal"]) {
      expect(ids).not.toContain(real);
    }
    // Every historical outcome is an option that really was on the table.
    for (const [item, outcome] of Object.entries(r.scenario.historical)) {
      const option = adoptedOption(outcome);
      if (option !== null) expect(ids).not.toContain(`${item}/${option}`);
    }
  });
});

describe("scenario files that must be refused, naming the bad field", () => {
  const cases: [string, Json, string, string][] = [
    ["a priority on an unknown option", priority("adopted:troops"), "delegations.0.priorities.osh-request.adopted:troops", 'has no option "troops"'],
    ["a priority on a malformed outcome", priority("won"), "delegations.0.priorities.osh-request.won", "Invalid key"],
    ["a priority weight out of range", priority("rejected", 25), "delegations.0.priorities.osh-request.rejected", "<=20"],
    ["a duplicate delegation", delegationId(2, "KG"), "delegations.2.id", 'duplicate delegation "KG"'],
    ["a lower-case delegation code", delegationId(0, "kg"), "delegations.0.id", "upper-case"],
    ["an event effect on an unknown delegation", effectDelegation("UZ"), "events.0.effects.0.delegation", 'unknown delegation "UZ"'],
    ["an event effect on an unknown item", broken((s) => { s.events[1].effects[0].item = "parade"; }), "events.1.effects.0.item", 'unknown agenda item "parade"'],
    ["a relation effect of a delegation with itself", broken((s) => { s.events[0].effects.push({ kind: "relation", between: ["KG", "KG"], delta: 0.1 }); }), "events.0.effects.2.between", "no relation with itself"],
    ["a relation pair listed twice", broken((s) => { s.relations.push({ ...s.relations[0], value: 0.9 }); }), "relations.3.between", "listed twice"],
    ["priorities for an item that does not exist", broken((s) => { s.delegations[0].priorities.parade = {}; }), "delegations.0.priorities.parade", 'unknown agenda item "parade"'],
    ["an event in a round beyond `rounds`", eventAt(3), "events.0.at.round", "only 2 round(s)"],
    ["a duplicate event id", broken((s) => { s.events[1].id = s.events[0].id; }), "events.1.id", 'duplicate event "refugees"'],
    ["an upper-case colour", colour("#E8112D"), "delegations.1.colors.0", "must be a colour"],
    ["a colour name", colour("red"), "delegations.1.colors.0", "must be a colour"],
    ["a missing title", without("title"), "title", "expected string"],
    ["an empty title", broken((s) => { s.title = ""; }), "title", ">=1 characters"],
    ["a historical outcome naming an unknown option", historical("osh-request", "adopted:troops"), "historical.osh-request", 'has no option "troops"'],
    ["a historical outcome for an unknown item", historical("parade", "rejected"), "historical.parade", 'unknown agenda item "parade"'],
    ["an option named postpone", optionId(0, 1, "postpone"), "items.0.options.1.id", "reserved"],
    ["two options with one id", optionId(1, 1, "charter-reform"), "items.1.options.1.id", "duplicate"],
    ["a duplicate item", broken((s) => { s.items[1].id = "osh-request"; }), "items.1.id", 'duplicate item "osh-request"'],
    ["an unknown voting rule", itemField(1, "rule", "plurality"), "items.1.rule", "consensus"],
    ["an unknown item kind", itemField(0, "kind", "treaty"), "items.0.kind", "statement"],
    ["a misspelt field", itemField(0, "postponeRules", "majority"), "items.0", '"postponeRules"'],
    ["a relation with an unknown delegation", relation(["RU", "UZ"]), "relations.0.between.1", 'unknown delegation "UZ"'],
    ["a relation of a delegation with itself", relation(["RU", "RU"]), "relations.0.between", "itself"],
    ["a timing preset missing a phase", timing("45", "results", undefined), "timings.45.results", "expected number"],
    ["a phase shorter than ten seconds", timing("90", "voting", 5), "timings.90.voting", ">=10"],
    ["too many rounds", broken((s) => { s.rounds = 6; }), "rounds", "<=5"],
    ["a single delegation", broken((s) => { s.delegations.length = 1; }), "delegations", ">=2"],
    ["a date in another format", broken((s) => { s.date = "14.06.2010"; }), "date", "2016-10-14"],
    ["an unknown format number", broken((s) => { s.format = 2; }), "format", "expected 1"],
  ];

  it.each(cases)("%s", (_name, json, path, message) => {
    const r = parseScenario(json);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.path).toBe(path);
    expect(r.error.startsWith(`${path}: `)).toBe(true);
    expect(r.error).toContain(message);
  });

  it("refuses a value that is not an object at all", () => {
    expect(parseScenario([])).toMatchObject({ ok: false, path: "", error: expect.stringMatching(/^\(root\): /) });
  });

  it("quotes in docs/SCENARIOS.md exactly the message the engine gives", () => {
    const r = parseScenario(priority("adopted:troops", 5));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(readFileSync("docs/SCENARIOS.md", "utf8")).toContain(r.error);
  });
});

describe("npm run scenario:check", () => {
  const dir = mkdtempSync(join(tmpdir(), "csto-scenario-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/checkScenario.ts", ...args], { encoding: "utf8", env: { ...process.env, npm_lifecycle_event: "" } });

  it("accepts a good file", () => {
    const r = check(EXAMPLE);
    expect(r.stdout.trim()).toBe("ok: osh-2010 v1");
    expect(r.status).toBe(0);
  });

  it("refuses a bad file, naming the field, with a non-zero exit", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(effectDelegation("UZ"), null, 2));
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe('error: events.0.effects.0.delegation: unknown delegation "UZ"');
  });

  it("refuses a file that is not JSON", () => {
    const file = join(dir, "truncated.json");
    writeFileSync(file, '{ "format": 1,');
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: not valid JSON: /);
  });

  it("explains its usage when given no file", () => {
    const r = check();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: npm run scenario:check -- FILE.json");
  });
});
