import { and, desc, eq, ilike, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { activities } from "../schema";
import { onePerWorkoutOrSource } from "./activity-scope";

const listColumns = {
  id: activities.id,
  name: activities.name,
  type: activities.type,
  provider: activities.provider,
  startAt: activities.startAt,
  durationS: activities.durationS,
  distanceM: activities.distanceM,
};

export async function findRecentActivities(db: Database, params: { userId: string; limit: number }) {
  return db
    .select(listColumns)
    .from(activities)
    .where(and(eq(activities.userId, params.userId), isNull(activities.mergedIntoId)))
    .orderBy(desc(activities.startAt), desc(activities.id))
    .limit(params.limit);
}

/** Per primary, the sources of its copies ("also on Strava, Apple Health"), by the copies' index. */
export async function findCopySources(
  db: Database,
  params: { userId: string; primaryIds: string[] },
): Promise<Map<string, string[]>> {
  const bySource = new Map<string, string[]>();
  if (params.primaryIds.length === 0) return bySource;
  const copies = await db
    .select({ primaryId: activities.mergedIntoId, provider: activities.provider })
    .from(activities)
    .where(and(eq(activities.userId, params.userId), inArray(activities.mergedIntoId, params.primaryIds)))
    .orderBy(activities.provider);
  for (const copy of copies) {
    const sources = bySource.get(copy.primaryId!) ?? [];
    if (!sources.includes(copy.provider)) sources.push(copy.provider);
    bySource.set(copy.primaryId!, sources);
  }
  return bySource;
}

export interface ActivityFilters {
  type?: string;
  provider?: string;
  /** Inclusive dates, YYYY-MM-DD, on the person's calendar (see findActivitiesPage's timeZone). */
  from?: string;
  to?: string;
  text?: string;
}

/** Where the previous page ended: keyset pagination never repeats or skips a row, however deep. */
export interface ActivityCursor {
  startAt: Date;
  id: string;
}

export function encodeActivityCursor(cursor: ActivityCursor): string {
  return Buffer.from(`${cursor.startAt.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeActivityCursor(value: string | undefined): ActivityCursor | undefined {
  if (!value) return undefined;
  const [iso, id] = Buffer.from(value, "base64url").toString().split("|");
  const startAt = new Date(iso ?? "");
  return Number.isNaN(startAt.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id) ? undefined : { startAt, id };
}

/**
 * One page, newest first, plus the cursor of the next page when there is one. The date filter
 * runs from local midnight to local midnight in `timeZone`, as instants, so the index still serves it.
 */
export async function findActivitiesPage(
  db: Database,
  params: { userId: string; filters: ActivityFilters; timeZone: string; after?: ActivityCursor; limit: number },
) {
  const { filters, after } = params;
  const zone = sql`${params.timeZone}::text`;
  const conditions: Array<SQL | undefined> = [
    eq(activities.userId, params.userId),
    onePerWorkoutOrSource(filters.provider),
    filters.type ? eq(activities.type, filters.type) : undefined,
    filters.from ? sql`${activities.startAt} >= (${filters.from}::date::timestamp at time zone ${zone})` : undefined,
    filters.to ? sql`${activities.startAt} < ((${filters.to}::date + 1)::timestamp at time zone ${zone})` : undefined,
    filters.text ? ilike(activities.name, `%${filters.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`) : undefined,
    // A row comparison, not `start_at < x OR (start_at = x AND id < y)`: only this form becomes
    // an index condition, so a deep page starts at its cursor instead of reading every newer row.
    after
      ? sql`(${activities.startAt}, ${activities.id}) < (${after.startAt.toISOString()}::timestamptz, ${after.id}::uuid)`
      : undefined,
  ];
  const rows = await db
    .select(listColumns)
    .from(activities)
    .where(and(...conditions))
    .orderBy(desc(activities.startAt), desc(activities.id))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  const alsoOn = await findCopySources(db, { userId: params.userId, primaryIds: page.map((row) => row.id) });
  return {
    rows: page.map((row) => ({ ...row, alsoOn: alsoOn.get(row.id) ?? [] })),
    next: rows.length > params.limit && last ? encodeActivityCursor({ startAt: last.startAt, id: last.id }) : undefined,
  };
}

// postgres.js answers execute() with the rows themselves, PGlite with `{ rows }`.
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

// Postgres before 18 has no skip scan: SELECT DISTINCT reads every activity the person has.
// This walks the (user, type|provider, …) index one distinct value at a time instead, a few
// index entries per value.
async function listDistinct(
  db: Database,
  userId: string,
  column: typeof activities.type | typeof activities.provider,
): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive found(value) as (
      (select ${column} from ${activities} where ${activities.userId} = ${userId} order by ${column} limit 1)
      union all
      select (select ${column} from ${activities} where ${activities.userId} = ${userId} and ${column} > found.value order by ${column} limit 1)
      from found where found.value is not null
    )
    select value from found where value is not null`);
  return rowsOf<{ value: string }>(result).map((row) => row.value);
}

/** The types and sources this person has, for the filter menus. */
export async function listActivityFacets(db: Database, params: { userId: string }) {
  const [types, providers] = await Promise.all([
    listDistinct(db, params.userId, activities.type),
    listDistinct(db, params.userId, activities.provider),
  ]);
  return { types, providers };
}
