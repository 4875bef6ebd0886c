import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { activities, activityFiles, type ActivityFile } from "../schema";
import { detailColumns, type ActivityDetailRow } from "./activity-detail";

export interface ExportWindow {
  /** Inclusive local dates, YYYY-MM-DD, on the person's calendar in `timeZone`. */
  from?: string;
  to?: string;
  timeZone: string;
}

/**
 * One page of the activities an export holds, oldest first, after `after` (keyset on start
 * and id, so 10,000 activities are read a page at a time and none is skipped or repeated).
 */
export async function findExportActivities(
  db: Database,
  params: { userId: string; window: ExportWindow; after?: { startAt: Date; id: string }; limit: number },
): Promise<ActivityDetailRow[]> {
  const { window, after } = params;
  const zone = sql`${window.timeZone}::text`;
  const conditions: Array<SQL | undefined> = [
    eq(activities.userId, params.userId),
    window.from ? sql`${activities.startAt} >= (${window.from}::date::timestamp at time zone ${zone})` : undefined,
    window.to ? sql`${activities.startAt} < ((${window.to}::date + 1)::timestamp at time zone ${zone})` : undefined,
    after
      ? sql`(${activities.startAt}, ${activities.id}) > (${after.startAt.toISOString()}::timestamptz, ${after.id}::uuid)`
      : undefined,
  ];
  return db
    .select(detailColumns)
    .from(activities)
    .where(and(...conditions))
    .orderBy(asc(activities.startAt), asc(activities.id))
    .limit(params.limit);
}

/** The newest kept file of each of these activities (the one a download serves), by activity id. */
export async function findNewestActivityFiles(
  db: Database,
  params: { userId: string; activityIds: string[] },
): Promise<Map<string, ActivityFile>> {
  if (params.activityIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(activityFiles)
    .where(and(eq(activityFiles.userId, params.userId), inArray(activityFiles.activityId, params.activityIds)))
    .orderBy(desc(activityFiles.createdAt), desc(activityFiles.id));
  const newest = new Map<string, ActivityFile>();
  for (const row of rows) if (row.activityId && !newest.has(row.activityId)) newest.set(row.activityId, row);
  return newest;
}
