/**
 * Questions for the debrief after a summit: a few that fit any session (the star around Moscow, the consensus rule,
 * public words against secret aims) and a few drawn from this session's record (who objected most, what was put
 * off or voted down, which promises were broken, how close the table came to history).
 */
import { commitmentRecords, negotiationNetwork, outcomesVsHistory } from "./debrief";
import { isAdopted } from "./outcomes";
import type { State } from "./state";

export interface ReflectionPrompt {
  /** "session": built from this summit's record; "generic": fits any summit. */
  kind: "session" | "generic";
  topic: "network" | "objections" | "postponed" | "rejected" | "adopted" | "commitments" | "history" | "consensus" | "fable" | "stance";
  /** The English text (exports, tests). */
  text: string;
  /** The same question as sentences with their values, for a client to word in its reader's language. */
  parts: PromptPart[];
}

/** A value in a prompt: a number, a yes/no, delegations or agenda items by id (worded by the client). */
export type PromptValue = number | { delegations: string[] } | { items: string[] } | { blocks: { who: string; items: string[] }[] };
export interface PromptPart { key: string; values?: Record<string, PromptValue> }

/** "A", "A and B", "A, B and C". */
function list(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

const times = (n: number): string => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/** Each delegation's "no" votes on closed ballots, and the ballots a lone "no" blocked under consensus or unanimity. */
function objections(s: State): { noes: Map<string, number>; loneBlocks: Map<string, string[]> } {
  const noes = new Map<string, number>();
  const loneBlocks = new Map<string, string[]>();
  for (const b of s.ballots) {
    if (b.result === "open") continue;
    const against = Object.entries(b.votes).filter(([, v]) => v === "no").map(([d]) => d);
    for (const d of against) noes.set(d, (noes.get(d) ?? 0) + 1);
    if (b.result === "failed" && against.length === 1 && (b.rule === "consensus" || b.rule === "unanimity")) {
      const d = against[0]!;
      loneBlocks.set(d, [...(loneBlocks.get(d) ?? []), b.item]);
    }
  }
  return { noes, loneBlocks };
}

/** The debrief's reflection questions for a finished summit (an unfinished one gets only the generic questions). */
export function reflectionPrompts(s: State): ReflectionPrompt[] {
  const name = (id: string) => s.scenario.delegations.find((d) => d.id === id)?.name ?? id;
  const title = (id: string) => s.scenario.items.find((i) => i.id === id)?.title ?? id;
  const out: ReflectionPrompt[] = [];
  const session = (topic: ReflectionPrompt["topic"], text: string, ...parts: PromptPart[]) => out.push({ kind: "session", topic, text, parts });
  const generic = (topic: ReflectionPrompt["topic"], text: string, ...parts: PromptPart[]) => out.push({ kind: "generic", topic, text, parts });
  const D = (...ids: string[]) => ({ delegations: ids });
  const I = (...ids: string[]) => ({ items: ids });
  const ended = s.status === "ended" && s.result !== null;

  // The star: who did the private talking, and with whom.
  const net = negotiationNetwork(s);
  if (ended && net.hub && net.edges.length > 0) {
    const c = net.centralization.toFixed(2);
    if (net.centralization >= 0.6) session("network", `Most private talk and promises ran through ${name(net.hub)} (centralization ${c}, where 1 is a perfect star). Why did the other delegations deal with ${name(net.hub)} rather than with one another, and what did that cost them?`,
      { key: "network.star", values: { hub: D(net.hub), c: Number(c) } });
    else session("network", `Private talk at your table was spread out (centralization ${c}; 1 would be a perfect star around one capital). The article calls the real alliance a star around Moscow. What made your delegations talk to each other directly, and would that have happened in 2016?`,
      { key: "network.spread", values: { c: Number(c) } });
  } else {
    generic("network", "The article describes the alliance as a star: Moscow keeps a separate link with each member, and the others barely deal with one another. Did your summit work that way? Why might smaller members prefer a line to Moscow over a coalition among themselves?", { key: "network.generic" });
  }

  if (ended) {
    const { noes, loneBlocks } = objections(s);
    const most = Math.max(0, ...noes.values());
    if (most > 0) {
      const top = s.scenario.delegations.filter((d) => noes.get(d.id) === most).map((d) => d.name);
      // In scenario order, each blocker once, each item once.
      const blockers = s.scenario.delegations.filter((d) => loneBlocks.has(d.id))
        .map((d) => ({ who: d.name, items: [...new Set(loneBlocks.get(d.id))].map(title) }));
      const blockerIds = s.scenario.delegations.filter((d) => loneBlocks.has(d.id)).map((d) => d.id);
      const blockItems = blockerIds.map((id) => [...new Set(loneBlocks.get(id))]);
      const block = blockers.length === 1
        ? ` A lone objection from ${blockers[0]!.who} blocked a text on ${list(blockers[0]!.items)}.`
        : blockers.length > 1 ? ` Lone objections blocked texts: ${blockers.map((b) => `${b.who} on ${list(b.items)}`).join("; ")}.` : "";
      session("objections", `${list(top)} voted no more than anyone (${times(most)}${top.length > 1 ? " each" : ""}).${block} What were they protecting, and could anyone have offered enough to change that vote?`,
        { key: top.length > 1 ? "objections.mainEach" : "objections.main", values: { top: D(...s.scenario.delegations.filter((d) => noes.get(d.id) === most).map((d) => d.id)), count: most } },
        ...(blockers.length === 1 ? [{ key: "objections.blockOne", values: { who: D(blockerIds[0]!), items: I(...blockItems[0]!) } }] : []),
        ...(blockers.length > 1 ? [{ key: "objections.blockMany", values: { blocks: { blocks: blockerIds.map((id, i) => ({ who: id, items: blockItems[i]! })) } } }] : []),
        { key: "objections.question" });
    }

    const outcomes = s.result!.outcomes;
    const withOutcome = (o: (x: string) => boolean) => s.scenario.items.filter((i) => o(outcomes[i.id] ?? "postponed")).map((i) => i.id);
    const postponed = withOutcome((o) => o === "postponed");
    if (postponed.length) {
      const real = postponed.some((i) => s.scenario.historical[i] === "postponed") ? " The real summit also put a decision off, to December in Moscow." : "";
      session("postponed", `${list(postponed.map(title))} ${postponed.length === 1 ? "was" : "were"} put off to a later summit.${real} Who gained from the delay, and who pushed for it?`,
        { key: "postponed.main", values: { items: I(...postponed), count: postponed.length } }, ...(real ? [{ key: "postponed.real" }] : []), { key: "postponed.question" });
    }
    const rejected = withOutcome((o) => o === "rejected");
    if (rejected.length) {
      session("rejected", `A text on ${list(rejected.map(title))} went to the vote and was blocked. Was a softer wording ever on the table, and why did it not pass?`, { key: "rejected", values: { items: I(...rejected) } });
    }
    const adopted = withOutcome(isAdopted);
    if (adopted.length === 1) session("adopted", `${title(adopted[0]!)} was the only item adopted. What made it the one thing every delegation could accept?`, { key: "adopted.one", values: { item: I(adopted[0]!) } });
    else if (adopted.length === 0) session("adopted", "Nothing was adopted. Was the summit a failure for everyone, or did some delegations get what they wanted by blocking?", { key: "adopted.none" });

    const records = Object.entries(commitmentRecords(s));
    const broken = records.reduce((a, [, r]) => a + r.broken, 0);
    const kept = records.reduce((a, [, r]) => a + r.kept, 0);
    if (broken > 0) {
      const worst = Math.max(...records.map(([, r]) => r.broken));
      const breakers = records.filter(([, r]) => r.broken === worst).map(([d]) => name(d));
      session("commitments", `${broken} promise${broken === 1 ? " was" : "s were"} broken (${kept} kept); ${list(breakers)} broke the most. Did breaking them pay, and did the others vote differently afterwards?`,
        { key: "commitments.broken", values: { count: broken, kept, breakers: D(...records.filter(([, r]) => r.broken === worst).map(([d]) => d)) } });
    } else if (kept > 0) {
      session("commitments", `Every promise that was tested was kept (${kept}). Which commitment mattered most to an outcome, and would the vote have gone the same way without it?`, { key: "commitments.allKept", values: { count: kept } });
    } else {
      session("commitments", "No recorded promise was ever tested by a vote. Would a written commitment have unlocked an item, and why did nobody make one stick?", { key: "commitments.none" });
    }

    const rows = outcomesVsHistory(s).filter((r) => r.matches !== null);
    if (rows.length) {
      const same = rows.filter((r) => r.matches).length;
      session("history", same === rows.length
        ? `Your table repeated history on all ${rows.length} items with a known outcome. Was that outcome inevitable, or did it take particular choices to reach it?`
        : `Your table matched history on ${same} of ${rows.length} items. Where it departed, which bargain or vote made the difference?`,
        same === rows.length ? { key: "history.all", values: { count: rows.length } } : { key: "history.some", values: { same, count: rows.length } });
    }
  }

  generic("consensus", "Under consensus one “no” blocks and an abstention does not. Which outcome would have changed under a simple majority, and would the alliance be stronger or weaker for it?", { key: "generic.consensus" });
  generic("fable", "The article borrows Krylov's fable of the swan, the pike and the crawfish pulling one cart in three directions. Who pulled which way at your table, and was anyone able to steer?", { key: "generic.fable" });
  generic("stance", "Where did your delegation's public words differ from its secret priorities? Did anyone read what you really wanted, and how?", { key: "generic.stance" });
  return out;
}
