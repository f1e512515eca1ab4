/**
 * The address students are told to open: PUBLIC_URL when it is set, else the address the asker used (as before).
 * Join links and QR codes are built here and nowhere else on the server.
 */
import type { Config } from "./config";

/** Headers of the request, as Express and Colyseus's AuthContext both offer them. */
type HeaderGet = (name: string) => string | null | undefined;

/** The origin for links: PUBLIC_URL, or the scheme and Host of the request. */
export function publicOrigin(config: Pick<Config, "publicUrl">, header: HeaderGet, secure = false): string {
  if (config.publicUrl) return config.publicUrl;
  // Behind a TLS-terminating proxy the request itself is plain http: the proxy's header says how the user came.
  const proto = (header("x-forwarded-proto") ?? "").split(",")[0]?.trim() || (secure ? "https" : "http");
  const host = header("x-forwarded-host")?.split(",")[0]?.trim() || header("host") || "localhost";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** Whether a link's host is this machine only (127.x, localhost, ::1): students' phones cannot open it. */
export function isLoopbackUrl(link: string): boolean {
  let host: string;
  try {
    host = new URL(link).hostname.toLowerCase();
  } catch {
    return false;
  }
  host = host.replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || host === "0:0:0:0:0:0:0:1"
    || /^127(\.\d{1,3}){3}$/.test(host) || host === "0.0.0.0" || host === "::ffff:127.0.0.1";
}

/** The link a student opens to join a seminar by its code. */
export const joinUrl = (origin: string, code: string): string => `${origin}/join/${encodeURIComponent(code)}`;
