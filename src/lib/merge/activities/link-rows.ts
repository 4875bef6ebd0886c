import type { Database } from "@/lib/db/client";
import { findFileHashes } from "@/lib/db/queries/activity-links";
import {
  findLinkCandidates,
  findMergeSettings,
  saveLinksAndMoves,
  type LinkSeed,
} from "@/lib/db/queries/link-candidates";
import { UPLOAD_PROVIDER } from "@/lib/files/upload/upload-source";
import { PROVIDERS, findProvider } from "@/lib/providers";
import { findExactMatch, pairKey, type ExactContext } from "./exact";
import { GroupBook } from "./group-book";
import { measureApart, scoreMatch } from "./match";
import { planRegroup } from "./regroup";
import type { FoundLink, LoadedRow } from "./types";

// How far apart a copy that names its origin may start: exact links need no close start, but
// candidates are read by start, and a copy's start is its origin's give or take a few minutes.
const EXACT_WINDOW_S = 15 * 60;
const COPY_PROVIDERS = PROVIDERS.filter((provider) => provider.copyOrigin).map((provider) => provider.slug);

type SourceKey = { provider: string; externalId: string };
const keyOf = (row: SourceKey) => `${row.provider}\u0000${row.externalId}`;

/** What each seed names outside its start window: the origin it copies, a forwarding's other end, a join. */
function findNamed(seeds: LoadedRow[], decisions: Awaited<ReturnType<typeof findMergeSettings>>["decisions"]) {
  const bySeed = new Map<string, Array<{ id: string } | SourceKey>>(seeds.map((seed) => [seed.id, []]));
  const seedByKey = new Map(seeds.map((seed) => [keyOf(seed), seed]));
  for (const seed of seeds) {
    const origin = findProvider(seed.provider)?.copyOrigin?.(seed.raw);
    if (origin?.kind === "source_activity") bySeed.get(seed.id)!.push(origin);
    if (origin?.kind === "forwarded") bySeed.get(seed.id)!.push({ id: origin.activityId });
    for (const entry of seed.forwarded)
      for (const id of [entry.source, entry.copy]) if (id && id !== seed.id) bySeed.get(seed.id)!.push({ id });
  }
  for (const decision of decisions.filter((item) => item.decision === "join")) {
    const a = { provider: decision.providerA, externalId: decision.externalIdA };
    const b = { provider: decision.providerB, externalId: decision.externalIdB };
    const seedA = seedByKey.get(keyOf(a));
    const seedB = seedByKey.get(keyOf(b));
    if (seedA) bySeed.get(seedA.id)!.push(b);
    if (seedB) bySeed.get(seedB.id)!.push(a);
  }
  return bySeed;
}

/**
 * Links `seed`'s rows to the person's other copies of the same activities and re-chooses the
 * primaries of the groups that changed. Exact links first (a copy naming its origin, the
 * forwarding log, the same original file, the person's own join), then scored ones; never a
 * pair the person split. Reads in two or three statements and writes in one, whatever the
 * number of rows. Call it under lockActivityMerging, inside a transaction. `isNewerFirst`
 * stores each link with the row written later as activityId (for rows not written just now).
 */
export async function linkSeedRows(
  db: Database,
  params: { userId: string; seed: LinkSeed; isNewerFirst?: boolean },
): Promise<{ seeds: LoadedRow[]; links: number }> {
  const { userId } = params;
  const rawProviders = COPY_PROVIDERS;
  const [loaded, settings] = await Promise.all([
    findLinkCandidates(db, { userId, seed: params.seed, windowS: EXACT_WINDOW_S, rawProviders }),
    findMergeSettings(db, { userId }),
  ]);
  // In Postgres's order (start, then the uuid's bytes): the last is the history pass's cursor.
  const seeds = loaded
    .filter((row) => row.isSeed)
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (seeds.length === 0) return { seeds, links: 0 };

  const rows = new Map(loaded.map((row) => [row.id, row]));
  const byKey = new Map(loaded.map((row) => [keyOf(row), row]));
  const named = findNamed(seeds, settings.decisions);
  const missing = { ids: new Set<string>(), keys: new Map<string, SourceKey>() };
  for (const names of named.values())
    for (const name of names)
      if ("id" in name) {
        if (!rows.has(name.id)) missing.ids.add(name.id);
      } else if (!byKey.has(keyOf(name))) missing.keys.set(keyOf(name), name);
  if (missing.ids.size || missing.keys.size) {
    const extra = await findLinkCandidates(db, {
      userId,
      seed: { kind: "named", ids: [...missing.ids], keys: [...missing.keys.values()] },
      windowS: null,
      rawProviders,
    });
    for (const row of extra)
      if (!rows.has(row.id)) {
        const other = { ...row, isSeed: false };
        rows.set(row.id, other);
        byKey.set(keyOf(row), other);
      }
  }

  const candidates = new Map<string, LoadedRow[]>(seeds.map((seed) => [seed.id, []]));
  for (const row of rows.values()) for (const seedId of row.nearIds) candidates.get(seedId)?.push(row);
  for (const [seedId, names] of named) {
    const list = candidates.get(seedId)!;
    for (const name of names) {
      const row = "id" in name ? rows.get(name.id) : byKey.get(keyOf(name));
      if (row && row.id !== seedId && !list.includes(row)) list.push(row);
    }
  }
  if (![...candidates.values()].some((list) => list.length > 0)) return { seeds, links: 0 };

  const forwardedPairs = new Map<string, string>();
  for (const seed of seeds)
    for (const entry of seed.forwarded)
      if (entry.copy) forwardedPairs.set(pairKey(entry.source, entry.copy), entry.source);
  const involved = [...rows.values()];
  const context: ExactContext = {
    forwardedPairs,
    // Two rows share an original file only through an uploaded one (a provider's own file is
    // kept once per person, under the first row that had it), so without an upload there is none.
    fileHashes: involved.some((row) => row.provider === UPLOAD_PROVIDER)
      ? await findFileHashes(db, { userId, rows: involved, uploadProvider: UPLOAD_PROVIDER })
      : new Map(),
  };

  const book = new GroupBook(involved, settings.decisions);
  const linked = new Set(involved.flatMap((row) => row.linkedIds.map((other) => pairKey(row.id, other))));
  const orient = (row: LoadedRow, other: LoadedRow): [LoadedRow, LoadedRow] =>
    params.isNewerFirst && other.createdAt.getTime() > row.createdAt.getTime() ? [other, row] : [row, other];

  const found: FoundLink[] = [];
  const scored: Array<FoundLink & { score: number }> = [];
  for (const seed of seeds) {
    for (const other of candidates.get(seed.id)!) {
      if (linked.has(pairKey(seed.id, other.id)) || book.isSplit(seed, other)) continue;
      const [first, second] = orient(seed, other);
      const exact = findExactMatch(seed, other, context);
      if (exact || book.isJoined(seed, other)) {
        found.push({
          activityId: first.id,
          otherActivityId: second.id,
          method: exact?.method ?? "manual",
          evidence: { ...measureApart(seed, other), score: null, ...(exact ? { exactReason: exact.reason } : {}) },
        });
        book.join(seed.id, other.id);
        linked.add(pairKey(seed.id, other.id));
        continue;
      }
      const evidence = scoreMatch(seed, other);
      if (evidence)
        scored.push({
          activityId: first.id,
          otherActivityId: second.id,
          method: "scored",
          evidence,
          score: evidence.score!,
        });
    }
  }
  // Best matches first: a copy that fits two rows of one source goes to the closer one.
  for (const candidate of scored.sort((a, b) => b.score - a.score)) {
    const { activityId, otherActivityId, method, evidence } = candidate;
    if (!book.canScoredJoin(activityId, otherActivityId)) continue;
    found.push({ activityId, otherActivityId, method, evidence });
    book.join(activityId, otherActivityId);
  }
  if (found.length === 0) return { seeds, links: 0 };

  const edges = [
    ...involved.flatMap((row) => row.linkedIds.map((other): [string, string] => [row.id, other])),
    ...found.map((link): [string, string] => [link.activityId, link.otherActivityId]),
  ];
  const moves = planRegroup(involved, edges, settings.priorities);
  await saveLinksAndMoves(db, { userId, links: found, moves });
  return { seeds, links: found.length };
}
