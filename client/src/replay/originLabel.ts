/** The replay library's label for where a session comes from: recorded here, or imported (signed elsewhere or not). */
import type { SessionOrigin } from "../../../shared/replayProtocol";
import { h } from "../dom/h";
import { t } from "../i18n";

const TEXT: Record<SessionOrigin, () => [label: string, hint: string]> = {
  recorded: () => [t("origin:recorded"), t("origin:recordedHint")],
  "signed-elsewhere": () => [t("origin:signedElsewhere"), t("origin:signedElsewhereHint")],
  unsigned: () => [t("origin:unsigned"), t("origin:unsignedHint")],
};

/** " · recorded here" quietly; an import's origin in bold, with what it does and does not prove as its tooltip. */
export function originLabel(origin: SessionOrigin): HTMLElement {
  const [label, hint] = TEXT[origin]();
  return h("span", { class: "help", title: hint, "data-origin": origin }, " · ", origin === "recorded" ? label : h("strong", {}, label));
}
