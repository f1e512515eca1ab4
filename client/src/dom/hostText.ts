/** The host screens' sentences built from several words: why a table refused, and the seminar's settings. */
import { t } from "../i18n";
import type { Presence, SeminarInfo } from "../../../shared/protocol";
import { botStrength } from "../hostModel";

/** Why a table refused a host action, in words. */
export function refusalText(code: string | undefined, fallback?: string): string {
  switch (code) {
    case "NOT_IN_LOBBY": return t("host:refusal.NOT_IN_LOBBY");
    case "NOT_RUNNING": return t("host:refusal.NOT_RUNNING");
    case "NOT_PAUSED": return t("host:refusal.NOT_PAUSED");
    case "SUMMIT_ENDED": return t("host:refusal.SUMMIT_ENDED");
    case "NO_DEADLINE": return t("host:refusal.NO_DEADLINE");
    default: return fallback ?? t("host:refusal.other", { code: code ?? "?" });
  }
}

/** The settings line: pacing, what bots do, how strong they play. */
export function settingsLine(d: Pick<SeminarInfo, "timing" | "bots" | "botStrength">): string {
  return t("host:settings.line", {
    pacing: d.timing === "manual" ? t("host:settings.manual") : t("minutes", { count: Number(d.timing) }),
    bots: d.bots ? t("host:settings.botsFill") : t("host:settings.botsStandIn"),
    strength: t(`host:settings.strength.${d.botStrength}`),
  });
}

/** The one mark a seat carries: "bot" (with how it plays) for a bot seat, "autopilot" for a person a bot stands in for, else here or away. */
export function seatMarkText(seat: { name: string; bot: boolean }, presence: Presence): string {
  if (seat.bot) {
    const strength = botStrength(seat);
    return strength ? t("host:seats.botStrength", { strength: t(`host:seats.strength.${strength}`, { defaultValue: strength }) }) : t("host:seats.bot");
  }
  return presence === "bot" ? t("host:seats.autopilot") : presence === "here" ? t("host:seats.here") : t("host:seats.away");
}
