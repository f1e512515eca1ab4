/**
 * The baseline for the live-load bench: a bare Colyseus server with the same packages and transport options as
 * server/app.ts, whose rooms only relay each message they receive to all their clients. Our capacity is
 * reported as a ratio to this one, measured in the same run on the same machine.
 */
import { type Client, Room, Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { transportOptions } from "../../server/app";
import http from "node:http";
import { WebSocket as WsWebSocket } from "ws";
import { serveStats, type ServerReady } from "./processStats";

if (!(globalThis as { WebSocket?: unknown }).WebSocket) (globalThis as { WebSocket?: unknown }).WebSocket = WsWebSocket;

export const RELAY_ROOM = "relay";

/** Echoes every message to every client of the room, the sender included. */
class RelayRoom extends Room {
  override maxClients = 8;

  override onCreate(): void {
    this.maxMessagesPerSecond = Number(process.env.MAX_MESSAGES_PER_SECOND ?? 20);
    this.onMessage("*", (_client: Client, type: string | number, message: unknown) => this.broadcast(String(type), message));
  }
}

const httpServer = http.createServer();
// The same transport and server options as server/app.ts (compression included, WS_DEFLATE=0 turns it off in both).
const transport = new WebSocketTransport({ server: httpServer, ...transportOptions({ compress: process.env.WS_DEFLATE !== "0" }) });
const gameServer = new Server({ transport, greet: false, gracefullyShutdown: false });
gameServer.define(RELAY_ROOM, RelayRoom);
await gameServer.listen(0, "127.0.0.1");
const address = httpServer.address();

serveStats(() => null, async () => { await gameServer.gracefullyShutdown(false).catch(() => undefined); });
process.send?.({ type: "ready", port: typeof address === "object" && address ? address.port : 0 } satisfies ServerReady);
