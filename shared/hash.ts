/** Stable hashing of plain JSON values: key order never changes the hash. */

/** Object keys already quoted for output, with their colon: the same few dozen keys recur in every state. */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;

/**
 * Serialises a JSON value with object keys sorted, so equal states give equal text. Its output must never change
 * (session files store hashes of it); it is written as plain loops because every replay hashes each phase boundary.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) {
    let out = "[";
    // A hole stays empty, as it did when this was written with map and join.
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + (i in value ? canonicalJson(value[i]) : "");
    return out + "]";
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length > 1) keys.sort();
  let out = "{";
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    let quoted = quotedKeys.get(k);
    if (quoted === undefined) {
      quoted = JSON.stringify(k) + ":";
      if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(k, quoted);
    }
    out += (out.length > 1 ? "," : "") + quoted + canonicalJson(v);
  }
  return out + "}";
}

/** cyrb53-style 2×32-bit hash of a string, as 16 hex digits. */
function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** Hash of a game state (or any JSON value), stable across key order and processes. */
export function hash(value: unknown): string {
  return hashString(canonicalJson(value));
}
