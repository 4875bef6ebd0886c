import { and, eq, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { activities, activityFiles, activityLinks, forwardingLog, originalFileFetches } from "../schema";
import type { FoundLink, GroupMember, MatchRow } from "@/lib/merge/activities/types";

type ActivityTable = typeof activities | ReturnType<typeof alias<typeof activities, string>>;

function matchColumns(table: ActivityTable, rawProviders: readonly string[]) {
  // The payload is read only where it can name an origin: it is the widest column by far.
  const raw: SQL<unknown> = rawProviders.length
    ? sql`case when ${table.provider} in (${sql.join(
        rawProviders.map((slug) => sql`${slug}`),
        sql`, `,
      )}) then ${table.raw} end`.mapWith(table.raw as PgColumn)
    : sql<unknown>`null`;
  return {
    id: table.id,
    provider: table.provider,
    externalId: table.externalId,
    type: table.type,
    name: table.name,
    startAt: table.startAt,
    durationS: table.durationS,
    distanceM: table.distanceM,
    mergedIntoId: table.mergedIntoId,
    raw,
  };
}

/**
 * The rows of `externalIds` inserted or changed since `since` (a now() read before the write):
 * upsertRows sets updated_at to now() and the column defaults to it. A row the page left
 * unchanged was matched when it was written and needs no second look.
 */
export async function findRowsWrittenSince(
  db: Database,
  params: { userId: string; provider: string; externalIds: string[]; since: Date; rawProviders: readonly string[] },
): Promise<MatchRow[]> {
  if (params.externalIds.length === 0) return [];
  return db
    .select(matchColumns(activities, params.rawProviders))
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        eq(activities.provider, params.provider),
        inArray(activities.externalId, params.externalIds),
        gte(activities.updatedAt, params.since),
      ),
    );
}

/** Other sources' rows starting within `windowS` of each of `rows`, for each the row it is near. */
export async function findRowsNear(
  db: Database,
  params: { userId: string; ids: string[]; windowS: number; rawProviders: readonly string[] },
): Promise<Array<{ nearId: string; row: MatchRow }>> {
  if (params.ids.length === 0) return [];
  const near = alias(activities, "near");
  const window = sql`make_interval(secs => ${params.windowS})`;
  return db
    .select({ nearId: activities.id, row: matchColumns(near, params.rawProviders) })
    .from(activities)
    .innerJoin(
      near,
      and(
        eq(near.userId, activities.userId),
        ne(near.provider, activities.provider),
        gte(near.startAt, sql`${activities.startAt} - ${window}`),
        lte(near.startAt, sql`${activities.startAt} + ${window}`),
      ),
    )
    .where(and(eq(activities.userId, params.userId), inArray(activities.id, params.ids)));
}

/** The person's rows by id or by (source, source's id): the origins copies name. */
export async function findRowsByKeys(
  db: Database,
  params: {
    userId: string;
    ids: string[];
    keys: Array<{ provider: string; externalId: string }>;
    rawProviders: readonly string[];
  },
): Promise<MatchRow[]> {
  const conditions = [
    params.ids.length ? inArray(activities.id, params.ids) : undefined,
    ...params.keys.map((key) => and(eq(activities.provider, key.provider), eq(activities.externalId, key.externalId))),
  ].filter(Boolean);
  if (conditions.length === 0) return [];
  return db
    .select(matchColumns(activities, params.rawProviders))
    .from(activities)
    .where(and(eq(activities.userId, params.userId), or(...conditions)));
}

/**
 * Forwarding-log entries that tie `ids` (as the forwarded source) or `externalIds` of the
 * destination connection (as the copy it became) to another row.
 */
export async function findForwardedPairs(
  db: Database,
  params: { userId: string; ids: string[]; connectionId: string | null; externalIds: string[] },
) {
  if (params.ids.length === 0) return [];
  const asCopy =
    params.connectionId && params.externalIds.length
      ? and(
          eq(forwardingLog.destinationConnectionId, params.connectionId),
          inArray(forwardingLog.matchedExternalId, params.externalIds),
        )
      : undefined;
  return db
    .select({
      sourceActivityId: forwardingLog.sourceActivityId,
      matchedActivityId: forwardingLog.matchedActivityId,
      matchedExternalId: forwardingLog.matchedExternalId,
      destinationConnectionId: forwardingLog.destinationConnectionId,
    })
    .from(forwardingLog)
    .where(
      and(eq(forwardingLog.userId, params.userId), or(inArray(forwardingLog.sourceActivityId, params.ids), asCopy)),
    );
}

/**
 * The content hashes of the original files each row has: files tied to it, files its source's
 * fetch stored (which may be tied to another row that had the same bytes first), and for an
 * uploaded file's row its own hash (its external id).
 */
export async function findFileHashes(
  db: Database,
  params: { userId: string; rows: MatchRow[]; uploadProvider: string },
): Promise<Map<string, Set<string>>> {
  const hashes = new Map<string, Set<string>>(params.rows.map((row) => [row.id, new Set<string>()]));
  if (params.rows.length === 0) return hashes;
  for (const row of params.rows) if (row.provider === params.uploadProvider) hashes.get(row.id)!.add(row.externalId);
  const tied = await db
    .select({ activityId: activityFiles.activityId, hash: activityFiles.contentHash })
    .from(activityFiles)
    .where(
      and(
        eq(activityFiles.userId, params.userId),
        inArray(
          activityFiles.activityId,
          params.rows.map((row) => row.id),
        ),
      ),
    );
  for (const file of tied) if (file.activityId) hashes.get(file.activityId)?.add(file.hash);
  const fetched = await db
    .select({
      provider: originalFileFetches.provider,
      externalId: originalFileFetches.activityExternalId,
      hash: activityFiles.contentHash,
    })
    .from(originalFileFetches)
    .innerJoin(activityFiles, eq(activityFiles.id, originalFileFetches.fileId))
    .where(
      and(
        eq(originalFileFetches.userId, params.userId),
        or(
          ...params.rows.map((row) =>
            and(
              eq(originalFileFetches.provider, row.provider),
              eq(originalFileFetches.activityExternalId, row.externalId),
            ),
          ),
        ),
      ),
    );
  for (const file of fetched)
    for (const row of params.rows)
      if (row.provider === file.provider && row.externalId === file.externalId) hashes.get(row.id)!.add(file.hash);
  return hashes;
}

/** Every row of the groups `primaryIds` head (the primaries and their copies). */
export async function findGroupMembers(
  db: Database,
  params: { userId: string; primaryIds: string[] },
): Promise<GroupMember[]> {
  if (params.primaryIds.length === 0) return [];
  return db
    .select({
      id: activities.id,
      provider: activities.provider,
      externalId: activities.externalId,
      type: activities.type,
      mergedIntoId: activities.mergedIntoId,
      richness: sql<number>`num_nonnulls(${activities.durationS}, ${activities.movingTimeS}, ${activities.distanceM},
        ${activities.elevationGainM}, ${activities.energyKcal}, ${activities.avgHeartRateBpm},
        ${activities.maxHeartRateBpm}, ${activities.avgPowerW}, ${activities.avgSpeedMps}, ${activities.maxSpeedMps},
        ${activities.device}, ${activities.polyline})::int`.mapWith(Number),
      createdAt: activities.createdAt,
    })
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        or(inArray(activities.id, params.primaryIds), inArray(activities.mergedIntoId, params.primaryIds)),
      ),
    );
}

/** The links that touch any of `ids`. */
export async function findLinksTouching(db: Database, params: { userId: string; ids: string[] }) {
  if (params.ids.length === 0) return [];
  return db
    .select()
    .from(activityLinks)
    .where(
      and(
        eq(activityLinks.userId, params.userId),
        or(inArray(activityLinks.activityId, params.ids), inArray(activityLinks.otherActivityId, params.ids)),
      ),
    );
}

export async function insertActivityLinks(db: Database, params: { userId: string; links: FoundLink[] }) {
  if (params.links.length === 0) return;
  await db
    .insert(activityLinks)
    .values(params.links.map((link) => ({ ...link, userId: params.userId })))
    .onConflictDoNothing();
}

/** Removes every link between `id` and any of `otherIds` (either direction). */
export async function deleteLinksBetween(db: Database, params: { userId: string; id: string; otherIds: string[] }) {
  if (params.otherIds.length === 0) return;
  await db
    .delete(activityLinks)
    .where(
      and(
        eq(activityLinks.userId, params.userId),
        or(
          and(eq(activityLinks.activityId, params.id), inArray(activityLinks.otherActivityId, params.otherIds)),
          and(eq(activityLinks.otherActivityId, params.id), inArray(activityLinks.activityId, params.otherIds)),
        ),
      ),
    );
}

/** Points `ids` at their primary (null: shown on their own). */
export async function setMergedInto(
  db: Database,
  params: { userId: string; ids: string[]; mergedIntoId: string | null },
) {
  if (params.ids.length === 0) return;
  await db
    .update(activities)
    .set({ mergedIntoId: params.mergedIntoId })
    .where(and(eq(activities.userId, params.userId), inArray(activities.id, params.ids)));
}

/** The primaries of every group the person has, for re-choosing them all (a changed source order). */
export async function listGroupPrimaryIds(db: Database, params: { userId: string }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: activities.mergedIntoId })
    .from(activities)
    .where(and(eq(activities.userId, params.userId), sql`${activities.mergedIntoId} is not null`));
  return rows.map((row) => row.id!);
}
