/** Plain words for an error code, in the reader's language (the errors namespace; shared/errors.ts lists the codes). */
import { t } from "./i18n";

/** The words for `code`; a code the client does not know shows `fallback` (the server's English) or the code itself. */
export function errorMessage(code: string, fallback?: string): string {
  const words = /^[A-Z_]{2,40}$/.test(code) ? t(`errors:${code}`, { defaultValue: "" }) : "";
  return words || fallback || t("errors:unknown", { code });
}
