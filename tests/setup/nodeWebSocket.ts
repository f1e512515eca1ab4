/**
 * Test processes give the Colyseus SDK the `ws` package's WebSocket. The SDK takes `globalThis.WebSocket`
 * when there is one (Node ≥ 22 has undici's), but several tests reach under the SDK's socket: raw frames
 * (abuse), bytes on the wire (live updates, the load generator) and abrupt drops (reconnect). Only the
 * `ws` client offers those. The server does not depend on this: it reads only `WebSocket.OPEN`.
 */
import { WebSocket } from "ws";

(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
