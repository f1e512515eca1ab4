/**
 * Signed exports: each server keeps a random secret in its data directory and signs the session files of the tables it
 * recorded with an HMAC-SHA256 over their canonical content. Only a holder of the secret can make or check that MAC,
 * so a file carrying a valid one was exported by this server, unchanged; a MAC under any other key proves nothing here.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalSessionContent, type SessionFile, type SessionSignature } from "../shared/sessionFile";

/** The file in DATA_DIR holding the secret (64 hex digits), readable by the server's user only. */
export const SECRET_FILE = "server-secret";

/**
 * This server's secret: read from DATA_DIR, or created there on first start (32 random bytes, mode 0600). A file
 * left readable by others is narrowed to 0600. With `create: false` (the command line) a missing secret gives null.
 */
export function loadServerSecret(dataDir: string, options: { create?: boolean } = {}): Buffer | null {
  const path = join(dataDir, SECRET_FILE);
  if (!existsSync(path)) {
    if (options.create === false) return null;
    mkdirSync(dataDir, { recursive: true });
    try {
      // "wx": two servers starting on one directory at once keep the first one's secret.
      writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  if ((statSync(path).mode & 0o077) !== 0 && options.create !== false) chmodSync(path, 0o600);
  const text = readFileSync(path, "utf8").trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${path}: not a server secret (64 hex digits expected)`);
  return Buffer.from(text, "hex");
}

/** A public name for a secret: who signed, without revealing the secret. */
export function keyIdOf(secret: Buffer): string {
  return createHmac("sha256", secret).update("csto-summit signing key id").digest("hex").slice(0, 16);
}

const macOf = (file: SessionFile, secret: Buffer): string =>
  createHmac("sha256", secret).update(canonicalSessionContent(file)).digest("hex");

/** The file with this server's signature (any earlier one replaced). */
export function signSession(file: SessionFile, secret: Buffer): SessionFile {
  const signature: SessionSignature = { alg: "HMAC-SHA256", key: keyIdOf(secret), mac: macOf({ ...file, signature: undefined }, secret) };
  return { ...file, signature };
}

/**
 * "ours": signed by this server and unchanged since; "altered": it names this server's key but the MAC does not
 * match (edited after export, or a forged signature); "other": signed under a key this server does not hold;
 * "none": unsigned.
 */
export type SignatureCheck = "ours" | "altered" | "other" | "none";

export function checkSignature(file: SessionFile, secret: Buffer | null): SignatureCheck {
  const sig = file.signature;
  if (!sig) return "none";
  if (!secret || sig.key !== keyIdOf(secret)) return "other";
  const want = Buffer.from(macOf(file, secret), "hex");
  const got = Buffer.from(sig.mac, "hex");
  return got.length === want.length && timingSafeEqual(got, want) ? "ours" : "altered";
}

/** The SHA-256 of a file's canonical content: equal for two copies of one session, whatever their formatting or signature. */
export function contentDigest(file: SessionFile): string {
  return createHash("sha256").update(canonicalSessionContent(file)).digest("hex");
}
