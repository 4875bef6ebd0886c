import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { activities } from "../schema";

const matchColumns = {
  id: activities.id,
  provider: activities.provider,
  externalId: activities.externalId,
  type: activities.type,
  name: activities.name,
  startAt: activities.startAt,
};

export type ActivityMatch = Awaited<ReturnType<typeof findActivityByExternalId>> & {};

/** One of the user's activities by its source's own id. */
export async function findActivityByExternalId(
  db: Database,
  params: { userId: string; provider: string; externalId: string },
) {
  const [row] = await db
    .select(matchColumns)
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        eq(activities.provider, params.provider),
        eq(activities.externalId, params.externalId),
      ),
    )
    .limit(1);
  return row;
}

/**
 * The user's activity of one of `types` whose start is nearest `startAt`, at most `toleranceMs`
 * away either side; the range is served by the (user, start) index. Ties go to the oldest row,
 * the one every earlier duplicate was linked to.
 */
export async function findNearestActivity(
  db: Database,
  params: { userId: string; types: string[]; startAt: Date; toleranceMs: number },
): Promise<ActivityMatch | undefined> {
  if (params.types.length === 0) return undefined;
  const at = params.startAt.toISOString();
  const [row] = await db
    .select(matchColumns)
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        inArray(activities.type, params.types),
        gte(activities.startAt, new Date(params.startAt.getTime() - params.toleranceMs)),
        lte(activities.startAt, new Date(params.startAt.getTime() + params.toleranceMs)),
      ),
    )
    .orderBy(
      sql`abs(extract(epoch from (${activities.startAt} - ${at}::timestamptz)))`,
      asc(activities.createdAt),
      asc(activities.id),
    )
    .limit(1);
  return row;
}
