/**
 * Advisers over the network, with real SDK clients on 127.0.0.1: an adviser prepares a draft, the signatory
 * approves it with one message, the draft is tabled in the delegation's name — and a third delegation, a
 * spectator and the host never receive a byte of the prepared move before it is tabled.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeminar, Player, startTestServer, type TestServer } from "./harness";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

const marker = (label: string): string => `${label}-${randomBytes(6).toString("hex")}`;
const contains = (frames: Buffer[], s: string): boolean => frames.some((f) => f.includes(s));

describe("an adviser's prepared draft", () => {
  it("is approved by the signatory with one message and tabled for the delegation; outsiders never see it", async () => {
    const sem = await createSeminar(server, { scenario: "yerevan-2016", timing: "manual", bots: false });
    const table = sem.tables[0]!;
    const host = await new Player(server.url).join(table, { hostKey: sem.hostKey }, true);
    const spectator = await new Player(server.url).join(table, { code: sem.code, spectate: true }, true);
    const signer = await new Player(server.url).join(table, { code: sem.code, name: "Yerevan", delegation: "AM" }, true);
    const adviser = await new Player(server.url).join(table, { code: sem.code, name: "Aram the adviser", delegation: "AM" }, true);
    const ru = await new Player(server.url).join(table, { code: sem.code, name: "Moscow", delegation: "RU" }, true);
    const ruAdviser = await new Player(server.url).join(table, { code: sem.code, name: "Moscow adviser", delegation: "RU" }, true);
    await signer.sees((u) => u.you.signatory, "AM signs");
    await adviser.sees((u) => u.you.delegation === "AM" && !u.you.signatory, "AM adviser placed");
    await ruAdviser.sees((u) => u.you.delegation === "RU" && !u.you.signatory, "RU adviser placed");

    // The signatory gives the adviser the appointment; the legal list follows.
    await signer.must({ type: "team.portfolio", seat: adviser.seat, items: ["secretary-general"] });
    await adviser.sees((u) => u.view.portfolios.AM?.[adviser.seat]?.[0] === "secretary-general", "portfolio");
    await host.must({ type: "host.start" });
    await host.must({ type: "host.advance" });
    await host.must({ type: "host.advance" }); // drafting
    const legal = (await adviser.sees((u) => u.view.phase === "drafting" && u.legal.some((a) => a.type === "prepare"), "prepare offered")).legal;
    expect(legal.some((a) => a.type === "prepare" && a.move.type === "propose" && a.move.item === "karabakh-statement")).toBe(false);
    expect(await adviser.act({ type: "prepare", move: { type: "propose", item: "karabakh-statement", option: "firm" } })).toEqual({ ok: false, code: "NOT_IN_PORTFOLIO" });
    expect(await adviser.act({ type: "propose", item: "secretary-general", option: "ohanyan" })).toEqual({ ok: false, code: "NOT_SIGNATORY" });

    const note = marker("ADVISER-NOTE");
    const draftNote = marker("DRAFT-NOTE");
    await adviser.must({ type: "prepare", move: { type: "propose", item: "secretary-general", option: "ohanyan", note: draftNote }, note });
    const seen = await signer.sees((u) => u.view.prepared.some((m) => m.status === "pending"), "signatory sees the prepared draft");
    const entry = seen.view.prepared.find((m) => m.status === "pending")!;
    expect(entry).toMatchObject({ delegation: "AM", author: adviser.seat, authorName: "Aram the adviser", note, move: { type: "propose", item: "secretary-general", option: "ohanyan" } });
    expect(seen.legal).toContainEqual({ type: "prepared.approve", prepared: entry.id });
    expect(seen.view.messages.at(-1)).toMatchObject({ channel: "team:AM", seat: adviser.seat, prepared: { id: entry.id, step: "prepared" } });
    expect(seen.view.messages.at(-1)!.text).toContain("Aram the adviser");
    // The recording works: the team's own frames carry the note.
    await adviser.sees((u) => u.seq >= seen.seq, "the adviser's own update");
    for (const member of [signer, adviser]) expect(contains(member.bytes, note)).toBe(true);
    // Other AM members (the adviser too) see the entry; other delegations, the host and spectators do not, not even
    // as bytes. They hear nothing of it at all: a public line afterwards is the first thing they hear.
    const later = await ru.must({ type: "say", channel: "public", text: "Moscow is listening." });
    for (const outsider of [ru, ruAdviser, host, spectator]) {
      await outsider.sees((u) => u.seq >= later, "the next public line");
      expect(outsider.view.prepared).toEqual([]);
      expect(outsider.view.portfolios).toEqual({});
      for (const secret of [note, draftNote, "Aram the adviser prepared"]) expect(contains(outsider.bytes, secret)).toBe(false);
    }

    // One message from the signatory tables it.
    const before = signer.acks.length;
    await signer.must({ type: "prepared.approve", prepared: entry.id });
    expect(signer.acks.length).toBe(before + 1);
    const tabled = await ru.sees((u) => u.view.proposals.some((p) => p.item === "secretary-general"), "RU sees the draft");
    expect(tabled.view.proposals.find((p) => p.item === "secretary-general")).toMatchObject({ sponsor: "AM", option: "ohanyan", note: draftNote, status: "tabled" });
    const after = await adviser.sees((u) => u.view.prepared.some((m) => m.id === entry.id && m.status === "approved"), "adviser sees the approval");
    expect(after.view.messages.at(-1)).toMatchObject({ channel: "team:AM", prepared: { id: entry.id, step: "approved", author: adviser.seat } });
    expect(ru.view.prepared).toEqual([]);
    // The adviser's note to the signatory stays inside the team, even once the draft is public.
    for (const outsider of [ru, ruAdviser, host, spectator]) expect(contains(outsider.bytes, note)).toBe(false);
    // Approving twice is refused with a code.
    expect(await signer.act({ type: "prepared.approve", prepared: entry.id })).toEqual({ ok: false, code: "PREPARED_SETTLED" });
    expect(await ru.act({ type: "prepared.approve", prepared: entry.id })).toEqual({ ok: false, code: "NO_SUCH_PREPARED" });
    for (const x of [host, spectator, signer, adviser, ru, ruAdviser]) await x.leave();
  });
});
