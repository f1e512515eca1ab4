/** The scenario format: a JSON file an instructor can write without code, checked by a schema. */
import { z } from "zod";
import { adoptedOption, OUTCOME_KEY } from "./outcomes";
import { hash } from "./hash";
import { checkTranslations, type Translations } from "./scenarioTexts";

export const PHASES = ["opening", "consultations", "drafting", "voting", "results"] as const;
export type Phase = (typeof PHASES)[number];

export const VOTING_RULES = ["consensus", "unanimity", "majority", "qualified"] as const;
export type VotingRule = (typeof VOTING_RULES)[number];

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be 1–40 lower-case letters, digits or dashes");
const delegationId = z.string().regex(/^[A-Z]{2,3}$/, "must be a 2–3 letter upper-case code such as AM");
const text = (max: number) => z.string().min(1).max(max);
const outcomeKey = z.string().regex(OUTCOME_KEY, 'must be "adopted:<option id>", "rejected" or "postponed"');
/**
 * What in an item, option or event is not historical, and why it was added: a short text, or `true` when the author
 * gives no reason. Shown to players beside the invented thing, and in the debrief.
 */
const invented = z.union([z.boolean(), text(400)], { error: "must be true, false or a short text saying what is invented and why" }).optional();
const phaseSeconds = z.object({
  opening: z.number().int().min(10).max(3600),
  consultations: z.number().int().min(10).max(3600),
  drafting: z.number().int().min(10).max(3600),
  voting: z.number().int().min(10).max(3600),
  results: z.number().int().min(10).max(3600),
}).strict();

// A scenario's texts in other languages: overrides by id (shared/scenarioTexts.ts, docs/SCENARIOS.md).
const translatedOption = z.object({ title: text(120).optional(), text: text(1000).optional(), invented: text(400).optional() }).strict();
const translationSchema = z.object({
  title: text(120).optional(),
  summary: text(2000).optional(),
  place: text(80).optional(),
  delegations: z.record(z.string(), z.object({
    name: text(60).optional(), leader: text(80).optional(), publicStance: text(1000).optional(), briefing: text(2000).optional(),
  }).strict()).optional(),
  items: z.record(z.string(), z.object({
    title: text(120).optional(), description: text(1000).optional(), invented: text(400).optional(),
    options: z.record(z.string(), translatedOption).optional(),
  }).strict()).optional(),
  events: z.record(z.string(), z.object({ title: text(120).optional(), text: text(1000).optional(), invented: text(400).optional() }).strict()).optional(),
}).strict();
const translationsSchema = z.object({ ru: translationSchema.optional() }).strict();

// The hand-written type and the schema must agree (the client uses the type without loading zod).
const _agrees: [Translations, z.output<typeof translationsSchema>] = [{} as z.output<typeof translationsSchema>, {} as Translations];
void _agrees;

const effect = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("priority"), delegation: delegationId, item: id, outcome: outcomeKey, delta: z.number().min(-20).max(20) }).strict(),
  z.object({ kind: z.literal("relation"), between: z.tuple([delegationId, delegationId]), delta: z.number().min(-1).max(1) }).strict(),
]);

export const scenarioSchema = z.object({
  format: z.literal(1),
  id,
  version: z.number().int().min(1),
  title: text(120),
  summary: text(2000),
  place: text(80),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2016-10-14"),
  rounds: z.number().int().min(1).max(5),
  // "35" and "75" are optional: a preset left out is derived from the nearest one listed (shared/timing.ts).
  timings: z.object({ "35": phaseSeconds.optional(), "45": phaseSeconds, "75": phaseSeconds.optional(), "90": phaseSeconds }).strict(),
  maxTeamSize: z.number().int().min(1).max(5).default(5),
  /** Seconds each ballot stays open; a signatory who has not voted by then is counted as abstaining. */
  ballotSeconds: z.number().int().min(10).max(600).default(60),
  /** Objections (a "no" under consensus or unanimity) each delegation may raise in the whole summit. */
  objections: z.number().int().min(0).max(20).default(4),
  /** Items the summit must adopt for anyone to win: an alliance that decides nothing fails everyone. */
  minAdopted: z.number().int().min(0).max(8).default(1),
  delegations: z.array(z.object({
    id: delegationId,
    name: text(60),
    leader: text(80),
    colors: z.array(z.string().regex(/^#[0-9a-f]{6}$/, "must be a colour like #d52b1e")).min(1).max(4),
    publicStance: text(1000),
    briefing: text(2000),
    priorities: z.record(id, z.record(outcomeKey, z.number().min(-20).max(20))),
  }).strict()).min(2).max(12),
  relations: z.array(z.object({ between: z.tuple([delegationId, delegationId]), value: z.number().min(-1).max(1) }).strict()).default([]),
  items: z.array(z.object({
    id,
    title: text(120),
    kind: z.enum(["statement", "appointment", "strategy"]),
    description: text(1000),
    rule: z.enum(VOTING_RULES).default("consensus"),
    postponeRule: z.enum(VOTING_RULES).default("majority"),
    options: z.array(z.object({ id, title: text(120), text: text(1000), invented }).strict()).min(1).max(6),
    invented,
  }).strict()).min(1).max(8),
  events: z.array(z.object({
    id,
    title: text(120),
    text: text(1000),
    at: z.object({ round: z.number().int().min(1), phase: z.enum(PHASES) }).strict().optional(),
    effects: z.array(effect).max(12).default([]),
    invented,
  }).strict()).max(20).default([]),
  historical: z.record(id, outcomeKey).default({}),
  /** The player-visible texts in other languages, by id (shared/scenarioTexts.ts); not part of the rules. */
  translations: translationsSchema.optional(),
}).strict();

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioItem = Scenario["items"][number];
export type ScenarioEvent = Scenario["events"][number];
export type Effect = ScenarioEvent["effects"][number];
/** Utility of each outcome key of each item, for one delegation. */
export type Priorities = Record<string, Record<string, number>>;

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string; path: string };

/** Checks a parsed JSON value against the format and its cross-references; names the first bad field. */
export function parseScenario(json: unknown): ScenarioResult {
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map(String).join(".") : "";
    return { ok: false, path, error: `${path || "(root)"}: ${issue?.message ?? "invalid"}` };
  }
  const s = parsed.data;
  const bad = (path: string, msg: string): ScenarioResult => ({ ok: false, path, error: `${path}: ${msg}` });
  const delegations = new Set<string>();
  for (const [i, d] of s.delegations.entries()) {
    if (delegations.has(d.id)) return bad(`delegations.${i}.id`, `duplicate delegation "${d.id}"`);
    delegations.add(d.id);
  }
  const items = new Map<string, Set<string>>();
  for (const [i, item] of s.items.entries()) {
    if (items.has(item.id)) return bad(`items.${i}.id`, `duplicate item "${item.id}"`);
    const options = new Set<string>();
    for (const [j, o] of item.options.entries()) {
      if (options.has(o.id) || o.id === "postpone") return bad(`items.${i}.options.${j}.id`, `duplicate or reserved option "${o.id}"`);
      options.add(o.id);
    }
    items.set(item.id, options);
  }
  const checkOutcome = (path: string, item: string, outcome: string): ScenarioResult | null => {
    const options = items.get(item);
    if (!options) return bad(path, `unknown agenda item "${item}"`);
    const option = adoptedOption(outcome);
    if (option !== null && !options.has(option)) return bad(path, `item "${item}" has no option "${option}"`);
    return null;
  };
  for (const [i, d] of s.delegations.entries()) {
    for (const [item, outcomes] of Object.entries(d.priorities)) {
      if (!items.has(item)) return bad(`delegations.${i}.priorities.${item}`, `unknown agenda item "${item}"`);
      for (const outcome of Object.keys(outcomes)) {
        const err = checkOutcome(`delegations.${i}.priorities.${item}.${outcome}`, item, outcome);
        if (err) return err;
      }
    }
  }
  const pairs = new Set<string>();
  for (const [i, r] of s.relations.entries()) {
    for (const [j, d] of r.between.entries()) if (!delegations.has(d)) return bad(`relations.${i}.between.${j}`, `unknown delegation "${d}"`);
    if (r.between[0] === r.between[1]) return bad(`relations.${i}.between`, "a delegation has no relation with itself");
    const key = [...r.between].sort().join("|");
    if (pairs.has(key)) return bad(`relations.${i}.between`, `the pair ${r.between.join("–")} is listed twice`);
    pairs.add(key);
  }
  const eventIds = new Set<string>();
  for (const [i, e] of s.events.entries()) {
    if (eventIds.has(e.id)) return bad(`events.${i}.id`, `duplicate event "${e.id}"`);
    eventIds.add(e.id);
    if (e.at && e.at.round > s.rounds) return bad(`events.${i}.at.round`, `the scenario has only ${s.rounds} round(s)`);
    for (const [j, f] of e.effects.entries()) {
      const path = `events.${i}.effects.${j}`;
      if (f.kind === "priority") {
        if (!delegations.has(f.delegation)) return bad(`${path}.delegation`, `unknown delegation "${f.delegation}"`);
        if (!items.has(f.item)) return bad(`${path}.item`, `unknown agenda item "${f.item}"`);
        const err = checkOutcome(`${path}.outcome`, f.item, f.outcome);
        if (err) return err;
      } else {
        for (const [k, d] of f.between.entries()) if (!delegations.has(d)) return bad(`${path}.between.${k}`, `unknown delegation "${d}"`);
        if (f.between[0] === f.between[1]) return bad(`${path}.between`, "a delegation has no relation with itself");
      }
    }
  }
  for (const [item, outcome] of Object.entries(s.historical)) {
    const err = checkOutcome(`historical.${item}`, item, outcome);
    if (err) return err;
  }
  const tr = checkTranslations(s);
  if (tr) return bad(tr.path, tr.error);
  return { ok: true, scenario: s };
}

/**
 * The content hash a session file records for its scenario: everything but the translations, which change no rule
 * and no state. A scenario without translations hashes exactly as it did before they existed.
 */
export function scenarioHash(s: Scenario): string {
  return hash({ ...s, translations: undefined });
}
