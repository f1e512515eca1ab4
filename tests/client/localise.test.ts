/**
 * The model layer in the reader's language: scenario texts, the briefing, fired events and bots' lines switch
 * language, the view itself does not change, and nothing the model did not hold appears. The second part runs the
 * client's own Connection against a real server and switches language while it is connected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableModel } from "../../client/src/model";
import { localiseModel } from "../../client/src/localise";
import { playGame } from "../../shared/playGame";
import { getScenario } from "../../shared/scenarios";
import { publicTranslations, viewerTranslations } from "../../shared/scenarioTexts";
import type { State } from "../../shared/state";
import { viewFor, viewWithoutMessages, type Viewer } from "../../shared/viewFor";
import { createSeminar, Player, startTestServer, until, type TestServer } from "../server/harness";

const CYRILLIC = /[А-Яа-яЁё]/;
const sc = getScenario("yerevan-2016")!;

/** A model as the live client holds it, for one viewer of a state: built the way the server builds what it sends. */
function modelOf(s: State, viewer: Viewer): TableModel {
  const own = viewer.kind === "delegation" ? viewer.delegation : null;
  const view = { ...viewFor(s, viewer), texts: viewerTranslations(sc.translations, s, viewer) };
  const { scenario: _s, ...rest } = view;
  return {
    mode: "player",
    welcome: { table: "t", seminar: "s", code: null, you: { seat: null, delegation: own, signatory: false, host: false, spectator: !own }, scenario: { ...viewWithoutMessages(s, { kind: "spectator" }).scenario, translations: publicTranslations(sc.translations) } },
    update: {
      seq: s.seq, view: rest, events: [], presence: {}, legal: [], serverNow: 0,
      briefing: own ? s.scenario.delegations.find((d) => d.id === own)!.briefing : null,
      you: { seat: null, delegation: own, signatory: false, host: false, spectator: !own },
    },
    clockSkew: 0,
  };
}

/** A bot game stopped in its second round, with statements, drafts, offers and fired events. */
function midGame(): State {
  const { state } = playGame(sc, { seed: 4, strength: "mixed", hostEvents: 0.5 });
  return state;
}

describe("localiseModel", () => {
  const state = midGame();

  it("puts items, options, delegations, the briefing, fired events and bots' lines in Russian, and leaves the view as it was", () => {
    // At the end everything is public; a delegation's model before the end is checked below.
    const m = modelOf(state, { kind: "delegation", delegation: "AM" });
    const ru = localiseModel(m, "ru");
    expect(ru.welcome.scenario.title).toBe("Саммит ОДКБ, Ереван, 14 октября 2016 года");
    expect(ru.welcome.scenario.items.map((i) => i.title)).toEqual(sc.translations!.ru!.items && sc.items.map((i) => sc.translations!.ru!.items![i.id]!.title));
    expect(ru.welcome.scenario.items[0]!.options[0]!.text).toMatch(CYRILLIC);
    expect(ru.welcome.scenario.delegations.map((d) => d.name)).toEqual(["Россия", "Армения", "Беларусь", "Казахстан", "Кыргызстан", "Таджикистан"]);
    expect(ru.update.briefing).toBe(sc.translations!.ru!.delegations!.AM!.briefing);
    const events = ru.update.view.notices.filter((n) => n.kind === "event");
    expect(events.length).toBeGreaterThan(0);
    for (const n of events) expect(`${n.title} ${n.text}`).toMatch(CYRILLIC);
    const bots = ru.update.view.messages.filter((x) => state.seats[x.seat]?.bot);
    expect(bots.length).toBeGreaterThan(3);
    for (const x of bots) expect(x.text).toMatch(CYRILLIC);
    for (const p of ru.update.view.proposals) if (p.note) expect(p.note).toMatch(CYRILLIC);
    // The view is the same view: same moves, same numbers, same order; only words changed.
    const shape = (x: TableModel) => JSON.stringify({ ...x.update.view, messages: x.update.view.messages.map((y) => y.seq), notices: x.update.view.notices.map((y) => y.seq), proposals: x.update.view.proposals.map((p) => [p.id, p.status]), commitments: x.update.view.commitments.map((c) => [c.id, c.status]), texts: null });
    expect(shape(ru)).toBe(shape(m));
    // English gives the model back untouched; the English model was not changed by localising it.
    expect(localiseModel(m, "en")).toBe(m);
    expect(m.welcome.scenario.items[0]!.title).toBe(sc.items[0]!.title);
    expect(m.update.view.messages.filter((x) => state.seats[x.seat]?.bot).every((x) => !CYRILLIC.test(x.text))).toBe(true);
  });

  it("reveals nothing the model did not hold: a spectator before the end gets no briefing in any language", () => {
    const early = playGame(sc, { seed: 5, strength: "mixed", hostEvents: 0 }).state;
    const running = { ...early, status: "running" as const };
    const m = modelOf(running, { kind: "spectator" });
    const ru = localiseModel(m, "ru");
    expect(ru.update.briefing).toBeNull();
    expect(ru.welcome.scenario.delegations.every((d) => d.briefing === "")).toBe(true);
    expect(JSON.stringify(ru)).not.toContain(sc.translations!.ru!.delegations!.RU!.briefing!.slice(0, 40));
  });
});

describe("Connection switches language while connected", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const store = new Map<string, string>();
    Object.assign(globalThis, {
      location: { origin: server.url },
      localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) },
    });
  });
  afterAll(async () => { await server.stop(); });

  it("re-emits the current model in Russian on a language change, with no events, and back again", async () => {
    const { Connection } = await import("../../client/src/net/Connection");
    const { setLang, lang } = await import("../../client/src/i18n");
    setLang("en");
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: true, botStrength: "plain" });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const conn = await Connection.open(table, { code: sem.code, name: "Student", delegation: "AM" }, "player");
    const seen: { m: TableModel; events: number }[] = [];
    const off = conn.subscribe((m, e) => seen.push({ m, events: e.length }));
    await host.must({ type: "host.start" });
    // Bots make their opening statements: wait for one in the client's model.
    const botLine = (m: TableModel | null) => m?.update.view.messages.find((x) => m.update.view.seats[x.seat]?.bot && x.channel === "public");
    await until(() => botLine(conn.current()) !== undefined, 30_000, "a bot's statement");
    await host.must({ type: "host.inject", event: "baku-warning" });
    await until(() => (conn.current()?.update.view.notices.some((n) => n.event === "baku-warning") ?? false), 10_000, "the event");
    const before = conn.current()!;
    expect(before.update.briefing).toBe(sc.delegations.find((d) => d.id === "AM")!.briefing);
    expect(botLine(before)!.text).not.toMatch(CYRILLIC);

    const count = seen.length;
    setLang("ru");
    expect(lang()).toBe("ru");
    expect(seen.length).toBe(count + 1);
    const after = seen.at(-1)!;
    expect(after.events).toBe(0);
    expect(after.m).toBe(conn.current());
    expect(after.m.update.seq).toBe(before.update.seq);
    expect(after.m.welcome.scenario.items.find((i) => i.id === "karabakh-statement")!.title).toBe("Совместное заявление по Нагорному Карабаху");
    expect(after.m.update.briefing).toBe(sc.translations!.ru!.delegations!.AM!.briefing);
    expect(after.m.update.view.notices.find((n) => n.event === "baku-warning")!.title).toBe("Баку следит");
    expect(botLine(after.m)!.text).toMatch(CYRILLIC);
    expect(after.m.update.view.messages.length).toBe(before.update.view.messages.length);

    // Updates that arrive afterwards come in Russian too.
    await host.must({ type: "host.broadcast", text: "Five minutes left." });
    await until(() => conn.current()!.update.seq > before.update.seq, 5000, "a later update");
    expect(conn.current()!.welcome.scenario.title).toBe("Саммит ОДКБ, Ереван, 14 октября 2016 года");

    // An error the server sends is shown in the reader's language.
    const refused = await conn.act({ type: "vote", ballot: "no-such-ballot", choice: "yes" });
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? "" : refused.text).toMatch(CYRILLIC);

    setLang("en");
    expect(conn.current()!.welcome.scenario.items.find((i) => i.id === "karabakh-statement")!.title).toBe("Joint statement on Nagorno-Karabakh");
    expect(conn.current()!.update.briefing).toBe(before.update.briefing);
    off();
    await conn.close();
    await host.leave();
  });
});
