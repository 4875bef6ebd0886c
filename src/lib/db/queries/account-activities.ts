import { and, desc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { activities, activityFiles } from "../schema";

export interface AccountActivityFilters {
  /** Normalized types (activities.type); empty or absent means every type. */
  types?: readonly string[];
  /** Inclusive dates, YYYY-MM-DD, on the person's calendar in `timeZone`. */
  from?: string;
  to?: string;
}

/**
 * One account's activities, newest first, with whether a file is kept for each: what the CLI
 * numbers for `qt list` and resolves `qt download --index N` against, so both read one order.
 */
export async function listAccountActivities(
  db: Database,
  params: { userId: string; connectionId: string; filters: AccountActivityFilters; timeZone: string; limit: number },
) {
  const { filters } = params;
  const zone = sql`${params.timeZone}::text`;
  const conditions: Array<SQL | undefined> = [
    eq(activities.userId, params.userId),
    eq(activities.connectionId, params.connectionId),
    filters.types?.length ? inArray(activities.type, [...filters.types]) : undefined,
    filters.from ? sql`${activities.startAt} >= (${filters.from}::date::timestamp at time zone ${zone})` : undefined,
    filters.to ? sql`${activities.startAt} < ((${filters.to}::date + 1)::timestamp at time zone ${zone})` : undefined,
  ];
  const hasFile = exists(
    db
      .select({ one: sql`1` })
      .from(activityFiles)
      .where(and(eq(activityFiles.userId, params.userId), eq(activityFiles.activityId, activities.id))),
  );
  return db
    .select({
      id: activities.id,
      externalId: activities.externalId,
      type: activities.type,
      name: activities.name,
      startAt: activities.startAt,
      utcOffsetSeconds: activities.utcOffsetSeconds,
      durationS: activities.durationS,
      distanceM: activities.distanceM,
      hasFile: sql<boolean>`${hasFile}`.mapWith(Boolean),
    })
    .from(activities)
    .where(and(...conditions))
    .orderBy(desc(activities.startAt), desc(activities.id))
    .limit(params.limit);
}

export type AccountActivity = Awaited<ReturnType<typeof listAccountActivities>>[number];

/** One of the account's activities by our id or by the provider's own id for it. */
export async function findAccountActivity(
  db: Database,
  params: { userId: string; connectionId: string; id: string },
): Promise<{ id: string } | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.id);
  const [row] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        eq(activities.connectionId, params.connectionId),
        isUuid
          ? or(eq(activities.id, params.id), eq(activities.externalId, params.id))
          : eq(activities.externalId, params.id),
      ),
    )
    .limit(1);
  return row;
}
