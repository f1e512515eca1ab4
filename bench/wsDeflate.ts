/**
 * What a stream of frames would weigh with WebSocket compression as the `ws` server sends it (permessage-deflate,
 * its defaults): one raw-deflate context per connection kept across messages, each message flushed on its own,
 * messages under the threshold (1 KiB by default) sent uncompressed. Colyseus's WebSocketTransport turns it off.
 */
import { constants, createDeflateRaw } from "node:zlib";

const wsHeader = (n: number): number => (n < 126 ? 2 : n < 65_536 ? 4 : 10);

/** Bytes on the wire for `frames` (each a whole message) sent over one compressed connection. */
export async function deflatedSize(frames: readonly Uint8Array[], threshold = 1024, windowBits = 15, memLevel = 8): Promise<number> {
  const deflate = createDeflateRaw({ windowBits, memLevel });
  let out = 0;
  let produced = 0;
  deflate.on("data", (chunk: Buffer) => { produced += chunk.length; });
  for (const f of frames) {
    if (f.length < threshold) { out += f.length + wsHeader(f.length); continue; }
    produced = 0;
    await new Promise<void>((done) => { deflate.write(f); deflate.flush(constants.Z_SYNC_FLUSH, () => done()); });
    // The flush ends with an empty block, 00 00 ff ff, which permessage-deflate leaves off.
    out += produced - 4 + wsHeader(produced - 4);
  }
  deflate.close();
  return out;
}
