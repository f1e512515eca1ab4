/** What the client knows about a table: the server's welcome and its latest update for this client. */
import type { ServerMessages } from "../../shared/protocol";
import type { LiveUpdate } from "../../shared/liveSync";
import type { GameEvent } from "../../shared/state";
import { adoptedOption } from "../../shared/outcomes";
import type { BotMix } from "../../shared/botSeats";
import { t } from "./i18n";

export type Mode = "player" | "host" | "projector" | "replay";

export interface TableModel {
  mode: Mode;
  welcome: ServerMessages["welcome"];
  /** The latest view and envelope, rebuilt from the server's full view and the patches after it. */
  update: LiveUpdate;
  /** Milliseconds to add to Date.now() to get the server's clock. */
  clockSkew: number;
  /** Whether older messages than those held can be fetched (live tables only). */
  olderMessages?: boolean;
}

/** Listeners the scenes and panels use to follow a table. */
export interface TableFeed {
  current(): TableModel | null;
  /** Called with the new model and the events that produced it (empty for presence-only updates). */
  subscribe(fn: (model: TableModel, events: GameEvent[]) => void): () => void;
}

/** Seconds left on the phase clock, or null when hand-paced or paused without a deadline. */
export function secondsLeft(m: TableModel, now = Date.now()): number | null {
  const { endsAt, remaining } = m.update.view.clock;
  if (endsAt !== null) return Math.max(0, Math.round((endsAt - (now + m.clockSkew)) / 1000));
  if (remaining !== null) return Math.round(remaining / 1000);
  return null;
}

/** "12:05" from seconds. */
export const mmss = (secs: number): string => `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")}`;

const BOT_MIXES = ["mixed", "plain", "strong"] as const;

/** The host's bot-strength choices in words, in the current language (read at each use). */
export const BOT_MIX_LABEL: Record<BotMix, string> = new Proxy({} as Record<BotMix, string>, {
  get: (_t, mix) => (typeof mix === "string" && (BOT_MIXES as readonly string[]).includes(mix) ? t(`home:botMix.${mix}`) : undefined),
});

export { localiseModel } from "./localise";

const PHASES = ["opening", "consultations", "drafting", "voting", "results"] as const;

/** A phase's name in the current language (read at each use, so a language switch shows at once). */
export const PHASE_LABEL: Record<string, string> = new Proxy({} as Record<string, string>, {
  get: (_t, phase) => (typeof phase === "string" && (PHASES as readonly string[]).includes(phase) ? t(`phase.${phase}`) : undefined),
});

/** Plain words for an outcome key. */
export function outcomeLabel(m: TableModel, item: string, outcome: string | undefined): string {
  if (!outcome) return t("outcome.open");
  if (outcome === "rejected") return t("outcome.rejected");
  if (outcome === "postponed") return t("outcome.postponed");
  const option = adoptedOption(outcome) ?? outcome;
  const title = m.welcome.scenario.items.find((i) => i.id === item)?.options.find((o) => o.id === option)?.title;
  return t("outcome.adopted", { option: title ?? option });
}

/** Display name of a delegation id. */
export function delegationName(m: TableModel, id: string): string {
  return m.welcome.scenario.delegations.find((d) => d.id === id)?.name ?? id;
}
