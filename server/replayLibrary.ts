/** The replay library: which sessions can be reviewed, with what anyone may know of them, and which were imported. */
import type { ReplayLibrary, ReplayListing, ReplayQuery, SessionOrigin } from "../shared/replayProtocol";
import { getScenario } from "../shared/scenarios";
import type { LibraryRow, Storage } from "./storage/types";

type Row = { importedAt: number | null; origin: string | null };

function originOfRow(r: Row): SessionOrigin {
  if (r.importedAt == null) return "recorded";
  return r.origin === "recorded" || r.origin === "signed-elsewhere" ? r.origin : "unsigned";
}

function listingOfRow(r: LibraryRow): ReplayListing {
  const { startedAt, lastAt, summary } = r;
  return {
    table: r.id,
    seminar: r.seminar,
    seminarTitle: r.seminarTitle,
    index: r.index,
    tables: r.tableCount,
    scenario: { id: r.header.scenarioId, version: r.header.scenarioVersion, title: r.scenarioTitle ?? getScenario(r.header.scenarioId)?.title ?? r.header.scenarioId },
    status: r.status as ReplayListing["status"],
    createdAt: r.createdAt,
    startedAt,
    lastAt,
    minutes: startedAt !== null && lastAt !== null ? Math.round((lastAt - startedAt) / 6000) / 10 : 0,
    actions: r.actionCount,
    round: summary?.round ?? 0,
    phase: summary?.phase ?? null,
    outcomes: summary?.outcomes ?? {},
    winners: summary?.status === "ended" ? summary.winners : [],
    imported: r.importedAt != null,
    origin: originOfRow(r),
    parent: r.parent,
    forkSeq: r.forkSeq,
    link: `/replay/${r.id}`,
  };
}

/** Sessions worth reviewing (started ones: running, paused or ended), newest first, filtered. */
export async function listReplays(store: Storage, q: Required<Pick<ReplayQuery, "status" | "limit" | "offset">> & ReplayQuery): Promise<ReplayLibrary> {
  const { rows, total } = await store.library({
    status: q.status === "ended" ? "ended" : q.status === "live" ? "live" : "all",
    scenario: q.scenario || undefined, seminar: q.seminar || undefined, text: q.q || undefined,
    fromMs: q.from ? Date.parse(`${q.from}T00:00:00Z`) : undefined,
    toMs: q.to ? Date.parse(`${q.to}T00:00:00Z`) + 86_400_000 : undefined,
    limit: Number(q.limit), offset: Number(q.offset),
  });
  return { replays: await Promise.all(rows.map((r) => withForkOrigin(store, listingOfRow(r)))), total };
}

/** One table's listing (whatever its status), or null. */
export async function listingOf(store: Storage, table: string): Promise<ReplayListing | null> {
  const r = await store.libraryRow(table);
  return r ? withForkOrigin(store, listingOfRow(r)) : null;
}

/**
 * Where a table's session comes from: recorded here, or imported (and how it was signed). A fork played here from an
 * imported session starts with that session's log, so it has its parent's origin: this server did not see all of it.
 */
export async function originOf(store: Storage, table: string): Promise<SessionOrigin> {
  let id: string | null = table;
  // Forks of forks: followed a bounded number of steps.
  for (let step = 0; id !== null && step < 32; step++) {
    const r = await store.importOf(id);
    if (r) return originOfRow(r);
    id = (await store.table(id))?.parent ?? null;
  }
  return "recorded";
}

async function withForkOrigin(store: Storage, l: ReplayListing): Promise<ReplayListing> {
  return l.parent !== null && !l.imported ? { ...l, origin: await originOf(store, l.table) } : l;
}
