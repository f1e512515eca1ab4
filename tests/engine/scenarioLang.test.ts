/** Scenarios in English and Russian: complete, checked by the parser, outside the rules and every hash; bots' lines read back. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSummit } from "../../shared/createSummit";
import { hash } from "../../shared/hash";
import { playGame } from "../../shared/playGame";
import { parseScenario, scenarioHash, type Scenario } from "../../shared/scenario";
import { getScenario, scenarios } from "../../shared/scenarios";
import { localiseScenario, missingTranslations, publicTranslations, viewerTranslations } from "../../shared/scenarioTexts";
import { parseSessionFile } from "../../shared/sessionFile";
import { speechIn, speechNames } from "../../shared/bots/speechIn";
import { verifySession } from "../../shared/verifySession";
import yerevanJson from "../../shared/scenarios/yerevan-2016.json";
import { Table } from "../builders";

const CYRILLIC = /[А-Яа-яЁё]/;
const bundled = Object.values(scenarios);
const clone = <T>(x: T): T => structuredClone(x);

/** Every string under a value, with its path. */
function strings(x: unknown, path = ""): [string, string][] {
  if (typeof x === "string") return [[path, x]];
  if (x && typeof x === "object") return Object.entries(x).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe("scenario texts in Russian", () => {
  it.each(bundled.map((s) => [s.id, s] as const))("%s: every English text has a Russian counterpart, written in Russian", (_id, sc) => {
    expect(missingTranslations(sc, "ru")).toEqual([]);
    const ru = strings(sc.translations?.ru);
    expect(ru.length).toBeGreaterThan(20);
    for (const [path, text] of ru) expect(text, path).toMatch(CYRILLIC);
    // Country names in their standard Russian forms.
    const names = Object.fromEntries(Object.entries(sc.translations!.ru!.delegations!).map(([id, d]) => [id, d.name]));
    const standard: Record<string, string> = { AM: "Армения", BY: "Беларусь", KZ: "Казахстан", KG: "Кыргызстан", RU: "Россия", TJ: "Таджикистан" };
    for (const [id, name] of Object.entries(names)) expect(name).toBe(standard[id]);
  });

  it("reports a text left untranslated, by path", () => {
    const sc = clone(getScenario("yerevan-2016")!);
    delete sc.translations!.ru!.items!["strategy-2025"]!.options!.expanded!.invented;
    delete sc.translations!.ru!.events!["baku-warning"];
    expect(missingTranslations(sc, "ru")).toEqual([
      "items.strategy-2025.options.expanded.invented", "events.baku-warning.title", "events.baku-warning.text", "events.baku-warning.invented",
    ]);
  });

  it("the parser refuses a translation of something the scenario does not have", () => {
    type Loose = { translations: { ru: Record<string, Record<string, unknown>> } };
    const bad = (edit: (j: Loose) => void) => {
      const j = clone(yerevanJson) as unknown as Loose;
      edit(j);
      const r = parseScenario(j);
      return r.ok ? "accepted" : r.error;
    };
    expect(bad((j) => { j.translations.ru.delegations!.AZ = { name: "Азербайджан" }; })).toMatch(/translations\.ru\.delegations\.AZ: unknown delegation/);
    expect(bad((j) => { j.translations.ru.items!["budget"] = { title: "Бюджет" }; })).toMatch(/translations\.ru\.items\.budget: unknown agenda item/);
    expect(bad((j) => { (j.translations.ru.items!["missile-defence"] as { options: Record<string, unknown> }).options.welcome = { title: "Приветствие" }; }))
      .toMatch(/items\.missile-defence\.options\.welcome: item "missile-defence" has no option/);
    expect(bad((j) => { j.translations.ru.events!["coup"] = { title: "Переворот" }; })).toMatch(/translations\.ru\.events\.coup: unknown event/);
    expect(bad((j) => { (j.translations.ru.events!["arms-deal"] as Record<string, string>).invented = "Выдумано"; })).toMatch(/events\.arms-deal\.invented: translates an "invented" reason/);
    expect(bad((j) => { (j.translations as Record<string, unknown>).de = {}; })).toMatch(/translations/);
    expect(bad((j) => { (j.translations.ru as Record<string, unknown>).title = ""; })).toMatch(/translations\.ru\.title/);
    expect(bad(() => undefined)).toBe("accepted");
  });

  it("translations are no rule: the content hash and the state leave them out, so sessions recorded before still verify", () => {
    for (const sc of bundled) {
      const bare = clone(sc) as Scenario;
      delete bare.translations;
      expect(scenarioHash(sc)).toBe(scenarioHash(bare));
      expect(scenarioHash(bare)).toBe(hash(bare));
      expect(hash(sc)).not.toBe(hash(bare));
      const opts = { seed: 3, timing: "90" as const };
      expect(hash(createSummit(sc, opts))).toBe(hash(createSummit(bare, opts)));
      expect(JSON.stringify(createSummit(sc, opts))).not.toMatch(CYRILLIC);
    }
    // A recorded session without its scenario is verified against the installed one, translations and all.
    const dir = join(import.meta.dirname, "../corpus");
    const files = readdirSync(dir).filter((f) => f.endsWith(".session.json"));
    expect(files.length).toBeGreaterThan(3);
    for (const name of files) {
      const json = JSON.parse(readFileSync(join(dir, name), "utf8"));
      delete json.scenario;
      const r = parseSessionFile(json);
      if (!r.ok) throw new Error(r.error);
      expect(getScenario(r.file.header.scenario.id)!.translations?.ru).toBeDefined();
      const v = verifySession(r.file, getScenario);
      expect(v.ok ? "ok" : `${v.code}: ${v.error}`, name).toBe("ok");
    }
  });

  it("a viewer receives its own briefing and the fired events in Russian, nothing else; everything after the end", () => {
    const sc = getScenario("yerevan-2016")!;
    const pub = publicTranslations(sc.translations)!.ru!;
    expect(JSON.stringify(pub)).not.toContain(sc.translations!.ru!.delegations!.RU!.briefing!);
    expect(pub.events).toBeUndefined();
    expect(pub.items!["karabakh-statement"]!.title).toBe("Совместное заявление по Нагорному Карабаху");

    const t = new Table("yerevan-2016");
    t.seatAll();
    t.do("host", { type: "host.start" });
    t.do("host", { type: "host.inject", event: "arms-deal" });
    const am = viewerTranslations(sc.translations, t.state, { kind: "delegation", delegation: "AM" })!.ru!;
    expect(Object.keys(am.delegations!)).toEqual(["AM"]);
    expect(am.delegations!.AM!.briefing).toBe(sc.translations!.ru!.delegations!.AM!.briefing);
    expect(Object.keys(am.events!)).toEqual(["arms-deal"]);
    const spectator = viewerTranslations(sc.translations, t.state, { kind: "spectator" })!.ru!;
    expect(spectator.delegations).toEqual({});
    expect(Object.keys(spectator.events!)).toEqual(["arms-deal"]);
    // The host may inject the other events: their titles only.
    const host = viewerTranslations(sc.translations, t.state, { kind: "host" })!.ru!;
    expect(host.events!["baku-warning"]).toEqual({ title: "Баку следит" });
    t.do("host", { type: "host.end" });
    const after = viewerTranslations(sc.translations, t.state, { kind: "spectator" })!.ru!;
    expect(Object.keys(after.delegations!).sort()).toEqual(["AM", "BY", "KG", "KZ", "RU", "TJ"]);
  });
});

describe("bots' lines in Russian", () => {
  it.each(bundled.map((s) => [s.id, s] as const))("%s: every line bots write in whole games reads back into Russian", (_id, sc) => {
    const names = speechNames(sc, localiseScenario(sc, sc.translations?.ru));
    let lines = 0;
    for (let seed = 1; seed <= 3; seed++) {
      const { state } = playGame(sc, { seed, strength: "mixed", hostEvents: 0.3 });
      const texts = [
        ...state.messages.filter((m) => state.seats[m.seat]?.bot).map((m) => m.text),
        ...state.proposals.map((p) => p.note), ...state.commitments.map((c) => c.note),
      ].filter((x) => x !== "");
      for (const text of texts) {
        const ru = speechIn(text, "ru", names);
        expect(ru, text).not.toBeNull();
        expect(ru).toMatch(CYRILLIC);
        // No English name is left in: delegations, items and options all come out in Russian.
        for (const d of sc.delegations) expect(ru, text).not.toContain(d.name);
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(20);
  });

  it("reads the bot lines of a session recorded before bots spoke Russian; leaves people's words alone", () => {
    const file = parseSessionFile(JSON.parse(readFileSync(join(import.meta.dirname, "../corpus/tutorial-bots.session.json"), "utf8")));
    if (!file.ok) throw new Error(file.error);
    const v = verifySession(file.file);
    if (!v.ok) throw new Error(v.error);
    const names = speechNames(v.scenario, localiseScenario(v.scenario, getScenario("tutorial")!.translations?.ru));
    const bot = v.state.messages.filter((m) => v.state.seats[m.seat]?.bot);
    expect(bot.length).toBeGreaterThan(0);
    for (const m of bot) expect(speechIn(m.text, "ru", names), m.text).toMatch(CYRILLIC);
    expect(speechIn("We are ready to listen. Are you?", "ru", names)).toBeNull();
    expect(speechIn("Russia thanks the hosts in Paris and comes to this table in good faith.", "ru", names)).toBeNull();
    expect(speechIn("We are ready to listen.", "ru", names)).toBe("Мы готовы слушать.");
  });
});
