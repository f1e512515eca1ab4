/**
 * The same load on the bare relay: rooms of eight clients, six of which send a message shaped and sized like
 * our players' actions at the same human pace; a message's latency runs from its send until all eight clients
 * (the sender included) have received it back.
 */
import type { Room } from "@colyseus/sdk";
import { SeededRandom } from "../seededRandom";
import { chatLine } from "./humanMove";
import { type Connection, humanDelay, type LoadWindow, mapLimit, type Sent, waitFor } from "./loadWindow";
import { RELAY_ROOM, type SetupOptions, type SetupResult } from "./wire";

const CLIENTS = 8;
const SENDERS = 6;
const CHANNELS = ["public", "public", "dm:AM-BY", "dm:KZ-RU", "dm:KG-TJ", "team:AM"];

interface RelayMessage { ref: number; from: number; action: { type: "say"; channel: string; text: string } }
interface Pending { sent: Sent; left: number }
interface RoomLoad { id: string; pending: Map<string, Pending> }

export class RelayLoad {
  private rooms: RoomLoad[] = [];
  private senders: { conn: Connection; room: RoomLoad; from: number; rng: SeededRandom; ref: number }[] = [];
  private timers = new Set<NodeJS.Timeout>();

  constructor(readonly o: SetupOptions, readonly w: LoadWindow) {}

  async setup(): Promise<SetupResult> {
    const t0 = performance.now();
    this.rooms = await mapLimit(Array.from({ length: this.o.summits }, (_, i) => i), 16, async (i) => {
      const first = await this.w.connect((sdk) => sdk.create(RELAY_ROOM, {}));
      const r: RoomLoad = { id: first.room.roomId, pending: new Map() };
      this.listen(first.room, r);
      const conns = [first];
      for (let k = 1; k < CLIENTS; k++) {
        const c = await this.w.connect((sdk) => sdk.joinById(r.id, {}));
        this.listen(c.room, r);
        conns.push(c);
      }
      conns.slice(0, SENDERS).forEach((conn, from) => this.senders.push({ conn, room: r, from, rng: new SeededRandom(this.o.seed * 1000 + i * 10 + from), ref: 0 }));
      return r;
    });
    return { clients: this.w.connections.length, tables: this.rooms.map((r) => r.id), setupMs: Math.round(performance.now() - t0), joinRetries: this.w.joinRetries };
  }

  private listen(room: Room, r: RoomLoad): void {
    room.onMessage("act", (m: RelayMessage) => {
      const key = `${m.from}:${m.ref}`;
      const p = r.pending.get(key);
      if (!p || --p.left > 0) return;
      r.pending.delete(key);
      this.w.complete(p.sent);
    });
  }

  pace(on: boolean): void {
    this.w.pacing = on;
    if (!on) { for (const t of this.timers) clearTimeout(t); this.timers.clear(); return; }
    for (const s of this.senders) {
      const tick = (delay: number) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (!this.w.pacing) return;
          const msg: RelayMessage = { ref: ++s.ref, from: s.from, action: { type: "say", channel: s.rng.pick(CHANNELS), text: chatLine(s.rng) } };
          s.room.pending.set(`${s.from}:${msg.ref}`, { sent: this.w.send("say"), left: CLIENTS });
          s.conn.room.send("act", msg);
          tick(humanDelay(s.rng));
        }, delay);
        this.timers.add(timer);
      };
      tick(s.rng.float() * 5000);
    }
  }

  /** Every message sent has reached every client (there is no seq to compare on the relay). */
  async settle(ms: number): Promise<{ clients: number; behind: number; waitedMs: number }> {
    const t0 = performance.now();
    const left = () => this.rooms.reduce((n, r) => n + r.pending.size, 0);
    await waitFor(() => left() === 0, ms, 50);
    return { clients: this.w.connections.length, behind: left(), waitedMs: Math.round(performance.now() - t0) };
  }
}
