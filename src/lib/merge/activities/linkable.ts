import { and, eq, gte, lte, notInArray } from "drizzle-orm";
import { activitySource } from "@/lib/activity/source";
import type { Database } from "@/lib/db/client";
import { activities } from "@/lib/db/schema";

// Copies the scored match missed are still close in time: a phone that logged the session
// late, a manual entry made after. Further than this is not worth offering.
const LINKABLE_WINDOW_MS = 6 * 3_600_000;

/** Other rows near an activity that the person may link to it by hand. */
export async function findLinkableActivities(
  db: Database,
  params: { userId: string; startAt: Date; excludeIds: string[] },
) {
  const at = params.startAt.getTime();
  const rows = await db
    .select({
      id: activities.id,
      provider: activities.provider,
      externalId: activities.externalId,
      name: activities.name,
      startAt: activities.startAt,
    })
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        gte(activities.startAt, new Date(at - LINKABLE_WINDOW_MS)),
        lte(activities.startAt, new Date(at + LINKABLE_WINDOW_MS)),
        params.excludeIds.length ? notInArray(activities.id, params.excludeIds) : undefined,
      ),
    )
    .orderBy(activities.startAt)
    .limit(20);
  return rows.map((row) => ({ ...row, source: activitySource(row.provider, row.externalId).name }));
}
