import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { detailColumns } from "@/lib/db/queries/activity-detail";
import { onePerWorkoutOrSource } from "@/lib/db/queries/activity-scope";
import { activities, type Activity } from "@/lib/db/schema";
import { encodeCursor } from "../cursor";
import { isoLocal, isoUtc } from "../local-time";
import type { ActivitiesQuery, ActivityRow, Page } from "../schemas";
import { instantRange, notFromSources, toPage } from "./range";

// The read of activities for /api/v1, exports and the MCP server. Without `source` it is the
// merged history: one row per activity, its primary (copies carry merged_into_id; see
// lib/merge/activities). With `source`, that source's own rows, copies included.

// The same columns the activity page reads: one list to keep in step with the table.
export const activityColumns = detailColumns;

type StoredActivity = Pick<Activity, keyof typeof activityColumns>;

export function presentActivity(row: StoredActivity): ActivityRow {
  const { provider, startAt, ...rest } = row;
  return {
    ...rest,
    source: provider,
    startAt: isoUtc(startAt),
    startLocal: isoLocal(startAt, row.utcOffsetSeconds),
  };
}

/** One page of the person's activities, newest first. */
export async function readActivitiesPage(
  db: Database,
  params: {
    userId: string;
    timeZone: string;
    query: Omit<ActivitiesQuery, "limit"> & { limit: number };
    /** Sources left out whatever the query says (those the person keeps from AI tools). */
    excludedSources?: readonly string[];
  },
): Promise<Page<ActivityRow>> {
  const { query } = params;
  const after = query.cursor;
  const rows = await db
    .select(activityColumns)
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        onePerWorkoutOrSource(query.source),
        notFromSources(activities.provider, params.excludedSources),
        query.type ? eq(activities.type, query.type) : undefined,
        ...instantRange(activities.startAt, query, params.timeZone),
        // A row comparison, which the (user, start_at desc, id desc) index serves as its start.
        after
          ? sql`(${activities.startAt}, ${activities.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(activities.startAt), desc(activities.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentActivity, (row) => [isoUtc(row.startAt), row.id], encodeCursor);
}

/** One activity of the person's; someone else's id finds nothing, like an id that never existed. */
export async function readActivity(db: Database, params: { userId: string; activityId: string }) {
  const [row] = await db
    .select(activityColumns)
    .from(activities)
    .where(and(eq(activities.id, params.activityId), eq(activities.userId, params.userId)))
    .limit(1);
  return row ?? null;
}
