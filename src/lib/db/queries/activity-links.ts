import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { activities, activityFiles, activityLinks, originalFileFetches } from "../schema";
import type { FoundLink, GroupMember, MatchRow } from "@/lib/merge/activities/types";

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

/** The primaries of every group the person has, for re-choosing them all (a changed source order). */
export async function listGroupPrimaryIds(db: Database, params: { userId: string }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: activities.mergedIntoId })
    .from(activities)
    .where(and(eq(activities.userId, params.userId), sql`${activities.mergedIntoId} is not null`));
  return rows.map((row) => row.id!);
}
