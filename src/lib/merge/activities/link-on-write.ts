import type { Database } from "@/lib/db/client";
import {
  findFileHashes,
  findForwardedPairs,
  findGroupMembers,
  findLinksTouching,
  findRowsByKeys,
  findRowsNear,
  findRowsWrittenSince,
  insertActivityLinks,
} from "@/lib/db/queries/activity-links";
import { findDecisionsNaming } from "@/lib/db/queries/link-decisions";
import { UPLOAD_PROVIDER } from "@/lib/files/upload/upload-source";
import { PROVIDERS, findProvider } from "@/lib/providers";
import { findExactMatch, pairKey, type ExactContext } from "./exact";
import { GroupBook } from "./group-book";
import { measureApart, scoreMatch } from "./match";
import { regroup } from "./regroup";
import type { FoundLink, MatchRow } from "./types";

// How far apart a copy that names its origin may start: exact links need no close start, but
// candidates are read by start, and a copy's start is its origin's give or take a few minutes.
const EXACT_WINDOW_S = 15 * 60;
const COPY_PROVIDERS = PROVIDERS.filter((provider) => provider.copyOrigin).map((provider) => provider.slug);
const CHUNK = 5_000;

interface WriteOwner {
  userId: string;
  connectionId: string | null;
  provider: string;
  /** From lockActivityMerging: rows written since then are the ones to link. */
  writeStart: Date;
}

/**
 * Links the rows of `externalIds` this transaction wrote to the person's other copies of the
 * same activities, and re-chooses the primaries of the groups that changed. Exact links first
 * (a copy naming its origin, the forwarding log, the same original file, the person's own
 * join), then scored ones; never a pair the person split. Call it inside the write's
 * transaction, with the time lockActivityMerging returned before the write.
 */
export async function linkActivitiesOnWrite(db: Database, owner: WriteOwner, externalIds: string[]): Promise<void> {
  for (let start = 0; start < externalIds.length; start += CHUNK)
    await linkChunk(db, owner, externalIds.slice(start, start + CHUNK));
}

async function linkChunk(db: Database, owner: WriteOwner, externalIds: string[]) {
  const { userId } = owner;
  const rawProviders = COPY_PROVIDERS;
  const written = await findRowsWrittenSince(db, {
    userId,
    provider: owner.provider,
    externalIds,
    since: owner.writeStart,
    rawProviders,
  });
  if (written.length === 0) return;
  const writtenIds = written.map((row) => row.id);
  const [near, forwarded, decisions] = await Promise.all([
    findRowsNear(db, { userId, ids: writtenIds, windowS: EXACT_WINDOW_S, rawProviders }),
    findForwardedPairs(db, { userId, ids: writtenIds, connectionId: owner.connectionId, externalIds }),
    findDecisionsNaming(db, { userId, keys: written }),
  ]);

  // Rows the written ones name: the origin a copy names, the other end of a forwarding, a join.
  const named = { ids: [] as string[], keys: [] as Array<{ provider: string; externalId: string }> };
  for (const row of written) {
    const origin = findProvider(row.provider)?.copyOrigin?.(row.raw);
    if (origin?.kind === "source_activity") named.keys.push(origin);
    if (origin?.kind === "forwarded") named.ids.push(origin.activityId);
  }
  for (const entry of forwarded)
    named.ids.push(entry.sourceActivityId, ...(entry.matchedActivityId ? [entry.matchedActivityId] : []));
  for (const decision of decisions.filter((item) => item.decision === "join"))
    named.keys.push(
      { provider: decision.providerA, externalId: decision.externalIdA },
      { provider: decision.providerB, externalId: decision.externalIdB },
    );
  const extra = await findRowsByKeys(db, { userId, ...named, rawProviders });

  const candidates = new Map<string, MatchRow[]>(written.map((row) => [row.id, []]));
  for (const { nearId, row } of near) candidates.get(nearId)!.push(row);
  for (const row of written) candidates.get(row.id)!.push(...extra.filter((other) => other.id !== row.id));
  if (![...candidates.values()].some((rows) => rows.length > 0)) return;

  const allRows = new Map([...written, ...near.map((item) => item.row), ...extra].map((row) => [row.id, row]));
  const forwardedPairs = new Map<string, string>();
  for (const entry of forwarded) {
    const copy = entry.matchedActivityId
      ? entry.matchedActivityId
      : written.find(
          (row) => row.externalId === entry.matchedExternalId && entry.destinationConnectionId === owner.connectionId,
        )?.id;
    if (copy) forwardedPairs.set(pairKey(entry.sourceActivityId, copy), entry.sourceActivityId);
  }
  const context: ExactContext = {
    forwardedPairs,
    // Two rows share an original file only through an uploaded one (a provider's own file is
    // kept once per person, under the first row that had it), so without an upload there is none.
    fileHashes: [...allRows.values()].some((row) => row.provider === UPLOAD_PROVIDER)
      ? await findFileHashes(db, { userId, rows: [...allRows.values()], uploadProvider: UPLOAD_PROVIDER })
      : new Map(),
  };

  const primaryIds = [...allRows.values()].map((row) => row.mergedIntoId ?? row.id);
  const members = await findGroupMembers(db, { userId, primaryIds });
  const [memberDecisions, existing] = await Promise.all([
    findDecisionsNaming(db, { userId, keys: members }),
    findLinksTouching(db, { userId, ids: writtenIds }),
  ]);
  const book = new GroupBook(members, memberDecisions);
  const linked = new Set(existing.map((link) => pairKey(link.activityId, link.otherActivityId)));

  const found: FoundLink[] = [];
  const scored: Array<FoundLink & { score: number }> = [];
  for (const row of written) {
    for (const other of candidates.get(row.id)!) {
      if (linked.has(pairKey(row.id, other.id)) || book.isSplit(row, other)) continue;
      const apart = measureApart(row, other);
      const exact = findExactMatch(row, other, context);
      const joined = book.isJoined(row, other);
      if (exact || joined) {
        found.push({
          activityId: row.id,
          otherActivityId: other.id,
          method: exact?.method ?? "manual",
          evidence: { ...apart, score: null, ...(exact ? { exactReason: exact.reason } : {}) },
        });
        book.join(row.id, other.id);
        linked.add(pairKey(row.id, other.id));
        continue;
      }
      const evidence = scoreMatch(row, other);
      if (evidence)
        scored.push({
          activityId: row.id,
          otherActivityId: other.id,
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
  if (found.length === 0) return;
  await insertActivityLinks(db, { userId, links: found });
  await regroup(db, { userId, primaryIds: [...new Set(primaryIds)] });
}
