/** The debrief's reflection questions worded by the client: English as the engine words them, Russian in full. */
import { describe, expect, it } from "vitest";
import { reflectionPrompts } from "../../shared/reflectionPrompts";
import { localiseScenario } from "../../shared/scenarioTexts";
import { scenarios } from "../../shared/scenarios";
import { lang, setLang } from "../../client/src/i18n";
import { momentNames } from "../../client/src/replay/keyMomentsList";
import { promptText } from "../../client/src/replay/promptText";
import { historicalYerevan, Table } from "../builders";

/** A tutorial summit with two lone objections (Russia and Belarus, once each) and a historical Yerevan. */
function sessions() {
  const t = new Table("tutorial").seatAll().start();
  t.advance().advance();
  t.as("RU", { type: "propose", item: "exercise", option: "russia" });
  t.as("BY", { type: "propose", item: "exercise", option: "belarus" });
  t.advance();
  t.voteAll({ RU: "yes", BY: "no", TJ: "yes" });
  t.voteAll({ RU: "no", BY: "yes", TJ: "abstain" });
  while (t.state.status !== "ended") t.advance();
  return [t.state, historicalYerevan().state, new Table("yerevan-2016").seatAll().start().state];
}

// The engine writes "A, B and C"; the browser's list format writes the serial comma.
const sameList = (s: string) => s.replace(/, and /g, " and ");

describe("reflection questions in the reader's language", () => {
  it("English: every question worded from its parts reads as the engine's own text", () => {
    setLang("en");
    for (const s of sessions()) {
      const ps = reflectionPrompts(s);
      expect(ps.length).toBeGreaterThan(2);
      for (const p of ps) expect(sameList(promptText(p, momentNames(s)))).toBe(sameList(p.text));
    }
  });

  it("Russian: every question is in Russian, with Russian names and titles, and nothing left as a key", () => {
    setLang("ru");
    try {
      expect(lang()).toBe("ru");
      for (const s of sessions()) {
        const ru = { ...s, scenario: localiseScenario(s.scenario, scenarios[s.scenario.id]!.translations?.ru) };
        for (const p of reflectionPrompts(s)) {
          const text = promptText(p, momentNames(ru));
          expect(text, p.text).toMatch(/[а-яё]{4}/i);
          expect(text).not.toMatch(/reflect\.|\{\{|Russia|Belarus| the /);
        }
      }
    } finally {
      setLang("en");
    }
  });
});
