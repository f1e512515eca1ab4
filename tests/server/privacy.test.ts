/**
 * Private channels and secret priorities at the byte level: a third delegation, a spectator and the host
 * record every WebSocket frame they receive, and none of those frames may carry another delegation's
 * private words or priorities before the reveal.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dmChannel, teamChannel } from "../../shared/rules/channels";
import { getScenario } from "../../shared/scenarios";
import { createSeminar, Player, startTestServer, until, type TestServer } from "./harness";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

/** A marker no scenario text or id could contain by chance. */
const marker = (label: string): string => `${label}-${randomBytes(6).toString("hex")}`;
const contains = (frames: Buffer[], s: string): boolean => frames.some((f) => f.includes(s));
/** How many times `s` occurs in one frame. */
function count(frame: Buffer, s: string): number {
  let n = 0;
  for (let i = frame.indexOf(s); i !== -1; i = frame.indexOf(s, i + 1)) n++;
  return n;
}
/** Frames that carry a whole view (Colyseus frames name the message type and msgpack the keys in clear). */
const updates = (frames: Buffer[]): Buffer[] => frames.filter((f) => f.includes("olderMessages") && f.includes("presence"));
/** Frames that carry a patch. */
const patchFrames = (frames: Buffer[]): Buffer[] => frames.filter((f) => f.includes("ops") && f.includes("lines") && f.includes("rev"));

describe("private channels and secrets never reach the wrong client", () => {
  it("dm, caucus and commitment markers reach only their parties; priorities stay home until the reveal", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey }, true);
    const spectator = await new Player(server.url).join(table, { code: sem.code, spectate: true }, true);
    const am = await new Player(server.url).join(table, { code: sem.code, name: "Yerevan", delegation: "AM" }, true);
    const amAdviser = await new Player(server.url).join(table, { code: sem.code, name: "Yerevan adviser", delegation: "AM" }, true);
    const ru = await new Player(server.url).join(table, { code: sem.code, name: "Moscow", delegation: "RU" }, true);
    const by = await new Player(server.url).join(table, { code: sem.code, name: "Minsk", delegation: "BY" }, true);
    await am.sees((u) => u.you.signatory, "AM signs");
    await ru.sees((u) => u.you.signatory, "RU signs");
    await by.sees((u) => u.you.delegation === "BY", "BY seated");
    // The recording starts early enough to hold the welcome: nothing slips past before it.
    for (const x of [host, spectator, am, ru, by]) expect(contains(x.bytes, "welcome")).toBe(true);

    await host.must({ type: "host.start" });
    await host.must({ type: "host.advance" }); // consultations
    const m = {
      dmAmRu: marker("DM-AM-RU"), dmRuAm: marker("DM-RU-AM"), caucusAm: marker("CAUCUS-AM"), caucusRu: marker("CAUCUS-RU"),
      commitNote: marker("COMMIT-NOTE"),
    };
    const pub = marker("PUBLIC");
    await am.must({ type: "say", channel: "dm:AM-RU", text: `Armenia to Russia, privately: ${m.dmAmRu}` });
    await ru.must({ type: "say", channel: "dm:AM-RU", text: `Russia to Armenia, privately: ${m.dmRuAm}` });
    await amAdviser.must({ type: "say", channel: "team:AM", text: `Adviser to the team: ${m.caucusAm}` });
    await ru.must({ type: "say", channel: "team:RU", text: `Moscow caucus: ${m.caucusRu}` });
    await am.must({
      type: "commit.offer", to: "RU", note: m.commitNote,
      give: { item: "missile-defence", target: "condemn", vote: "yes" }, want: { item: "karabakh-statement", target: "firm", vote: "yes" },
    });
    // A public statement is the positive control: everyone's recording must hold it.
    await by.must({ type: "say", channel: "public", text: `Belarus speaks openly: ${pub}` });
    const latecomer = await new Player(server.url).join(table, { code: sem.code, spectate: true }, true);
    const everyone = [host, spectator, am, amAdviser, ru, by, latecomer];
    for (const x of everyone) await until(() => contains(x.bytes, pub), 5000, "public marker everywhere");

    // The parties see their own channels, in decoded views and in bytes.
    for (const x of [am, amAdviser, ru]) {
      await x.sees((u) => u.view.messages.some((msg) => msg.text.includes(m.dmRuAm)), "dm reply");
      expect(contains(x.bytes, m.dmAmRu) && contains(x.bytes, m.dmRuAm) && contains(x.bytes, m.commitNote)).toBe(true);
    }
    expect(contains(am.bytes, m.caucusAm) && contains(amAdviser.bytes, m.caucusAm)).toBe(true);
    expect(contains(ru.bytes, m.caucusRu)).toBe(true);
    expect(contains(ru.bytes, m.caucusAm)).toBe(false);
    expect(contains(am.bytes, m.caucusRu) || contains(amAdviser.bytes, m.caucusRu)).toBe(false);
    expect(ru.view.commitments.some((c) => c.note === m.commitNote)).toBe(true);

    // Nobody else ever received a byte of them.
    for (const x of [by, spectator, host, latecomer]) {
      for (const secret of Object.values(m)) expect(contains(x.bytes, secret), `${secret} leaked`).toBe(false);
      expect(x.view.messages.every((msg) => msg.channel === "public")).toBe(true);
      expect(x.view.commitments).toEqual([]);
    }
    // The host and the projector may know that private talk happens, never what was said.
    expect(host.view.privateTraffic).toEqual({ "dm:AM-RU": 2, "team:AM": 1, "team:RU": 1 });
    expect(spectator.view.privateTraffic).toEqual({});

    // Priorities: each delegation's whole views carry exactly one "priorities" object (its own), the others none;
    // a patch touches priorities only under its own delegation.
    for (const x of [am, ru, by]) {
      const frames = updates(x.bytes);
      expect(frames.length).toBeGreaterThan(0);
      for (const f of frames) expect(count(f, "priorities")).toBe(1);
      expect(patchFrames(x.bytes).length).toBeGreaterThan(3);
      const own = x.update!.you.delegation!;
      for (const p of x.patches) {
        for (const op of p.ops) {
          if (op.path.includes("priorities") || JSON.stringify(op).includes("priorities")) expect(op.path.startsWith(`/delegations/${own}`), op.path).toBe(true);
        }
      }
      for (const u of x.updates) {
        for (const [d, info] of Object.entries(u.view.delegations)) expect(info.priorities !== undefined).toBe(d === own);
      }
    }
    for (const x of [host, spectator, latecomer]) {
      expect(updates(x.bytes).length).toBeGreaterThan(0);
      expect(contains(x.bytes, "priorities")).toBe(false);
      expect(x.updates.every((u) => Object.values(u.view.delegations).every((d) => d.priorities === undefined))).toBe(true);
    }
    // The welcome's scenario is the public one: no delegation carries its priorities there.
    expect(Object.values(by.welcome!.scenario.delegations).every((d) => !("priorities" in d))).toBe(true);
    // Briefings spell priorities out in words: each reaches its own team only.
    const briefing = (d: string): string => getScenario("yerevan-2016")!.delegations.find((x) => x.id === d)!.briefing.slice(0, 80);
    for (const [x, own] of [[am, "AM"], [amAdviser, "AM"], [ru, "RU"], [by, "BY"]] as const) {
      for (const d of ["AM", "RU", "BY", "KZ", "KG", "TJ"]) expect(contains(x.bytes, briefing(d)), `${own} holds ${d}'s briefing`).toBe(d === own);
      expect(x.update!.briefing).toBe(getScenario("yerevan-2016")!.delegations.find((y) => y.id === own)!.briefing);
    }
    for (const x of [host, spectator, latecomer]) {
      for (const d of ["AM", "RU", "BY", "KZ", "KG", "TJ"]) expect(contains(x.bytes, briefing(d))).toBe(false);
    }

    // At the end everything is revealed to everyone, which also proves the byte search above can see it.
    const before = spectator.bytes.length;
    await host.must({ type: "host.end" });
    await spectator.sees((u) => u.view.status === "ended", "end");
    const after = updates(spectator.bytes.slice(before));
    expect(after.some((f) => count(f, "priorities") === 6)).toBe(true);
    expect(contains(spectator.bytes.slice(before), m.dmAmRu)).toBe(true);
    for (const x of everyone) await x.leave();
  });

  it("Russian texts follow the same rules: each briefing to its own team, an event's text only once it has fired", async () => {
    const sc = getScenario("yerevan-2016")!;
    const ru = sc.translations!.ru!;
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey }, true);
    const spectator = await new Player(server.url).join(table, { code: sem.code, spectate: true }, true);
    const am = await new Player(server.url).join(table, { code: sem.code, name: "Ереван", delegation: "AM" }, true);
    const by = await new Player(server.url).join(table, { code: sem.code, name: "Минск", delegation: "BY" }, true);
    await am.sees((u) => u.you.signatory, "AM signs");
    await by.sees((u) => u.you.signatory, "BY signs");
    await host.must({ type: "host.start" });
    await host.must({ type: "host.inject", event: "arms-deal" });
    for (const x of [host, spectator, am, by]) await x.sees((u) => u.view.notices.some((n) => n.event === "arms-deal"), "the event");
    const briefing = (d: string): string => ru.delegations![d]!.briefing!.slice(0, 60);
    // The public translations come with everyone's welcome: the positive control for a byte search in Cyrillic.
    for (const x of [host, spectator, am, by]) {
      expect(x.welcome!.scenario.translations?.ru?.items?.["karabakh-statement"]?.title).toBe("Совместное заявление по Нагорному Карабаху");
      expect(contains(x.bytes, "Совместное заявление по Нагорному Карабаху")).toBe(true);
      expect(x.welcome!.scenario.translations?.ru?.events).toBeUndefined();
      // The fired event, in Russian, to everyone.
      expect(contains(x.bytes, ru.events!["arms-deal"]!.text!.slice(0, 60))).toBe(true);
      // No unfired event's Russian text, to anyone (the host sees titles it may inject, never the texts).
      for (const [id, e] of Object.entries(ru.events!)) if (id !== "arms-deal") expect(contains(x.bytes, e.text!.slice(0, 60)), `${id} leaked`).toBe(false);
    }
    for (const [x, own] of [[am, "AM"], [by, "BY"]] as const) {
      for (const d of ["AM", "RU", "BY", "KZ", "KG", "TJ"]) expect(contains(x.bytes, briefing(d)), `${own} holds ${d}'s Russian briefing`).toBe(d === own);
      expect(x.view.texts?.ru?.delegations?.[own]?.briefing).toBe(ru.delegations![own]!.briefing);
    }
    for (const x of [host, spectator]) for (const d of ["AM", "RU", "BY", "KZ", "KG", "TJ"]) expect(contains(x.bytes, briefing(d))).toBe(false);
    expect(host.view.texts?.ru?.events?.["baku-warning"]).toEqual({ title: "Баку следит" });
    // At the end every Russian briefing reaches everyone.
    await host.must({ type: "host.end" });
    await spectator.sees((u) => u.view.status === "ended", "end");
    for (const d of ["AM", "RU", "BY", "KZ", "KG", "TJ"]) await until(() => contains(spectator.bytes, briefing(d)), 5000, `${d}'s briefing revealed`);
    for (const x of [host, spectator, am, by]) await x.leave();
  });

  it("a private message is not among the events another delegation receives, and foreign channels are refused", async () => {
    const sem = await createSeminar(server, { scenario: "tutorial", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey });
    const ids = host.welcome!.scenario.delegations.map((d) => d.id);
    const [a, b, c] = ids as [string, string, string];
    const pa = await new Player(server.url).join(table, { code: sem.code, name: "A", delegation: a }, true);
    const pb = await new Player(server.url).join(table, { code: sem.code, name: "B", delegation: b }, true);
    const pc = await new Player(server.url).join(table, { code: sem.code, name: "C", delegation: c }, true);
    await pc.sees((u) => u.you.signatory, "C seated");
    await host.must({ type: "host.start" });
    const secret = marker("TUTORIAL-DM");
    const channel = dmChannel(a, b);
    await pa.must({ type: "say", channel, text: secret });
    await pb.sees((u) => u.events.some((e) => e.type === "message"), "b hears the dm as an event");
    // C gets nothing at all for that action: nothing it may see changed. The next public line reaches it alone.
    const seq = pb.update!.seq;
    const seq2 = await pb.must({ type: "say", channel: "public", text: "Hello, everyone." });
    await pc.sees((u) => u.seq === seq2, "c gets the public line");
    expect(pc.patches.some((p) => p.seq === seq)).toBe(false);
    expect(pc.update!.events.map((e) => e.type)).toEqual(["message"]);
    expect(pc.view.messages.map((m) => m.text)).toEqual(["Hello, everyone."]);
    expect(contains(pc.bytes, secret)).toBe(false);
    // A channel a delegation is not part of is refused, and writes nothing.
    const otherChannel = dmChannel(b, c);
    expect(await pa.act({ type: "say", channel: otherChannel, text: "eavesdrop" })).toEqual({ ok: false, code: "NO_SUCH_CHANNEL" });
    expect(await pa.act({ type: "say", channel: teamChannel(b), text: "eavesdrop" })).toEqual({ ok: false, code: "NO_SUCH_CHANNEL" });
    for (const x of [host, pa, pb, pc]) await x.leave();
  });
});
