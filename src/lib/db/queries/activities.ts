import { and, asc, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { activities } from "../schema";

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
  return db.select(listColumns).from(activities).where(eq(activities.userId, params.userId)).orderBy(desc(activities.startAt), desc(activities.id)).limit(params.limit);
}

export interface ActivityFilters {
  type?: string;
  provider?: string;
  /** Inclusive UTC dates, YYYY-MM-DD. */
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

/** One page, newest first, plus the cursor of the next page when there is one. */
export async function findActivitiesPage(db: Database, params: { userId: string; filters: ActivityFilters; after?: ActivityCursor; limit: number }) {
  const { filters, after } = params;
  const conditions: Array<SQL | undefined> = [
    eq(activities.userId, params.userId),
    filters.type ? eq(activities.type, filters.type) : undefined,
    filters.provider ? eq(activities.provider, filters.provider) : undefined,
    filters.from ? gte(activities.startAt, new Date(`${filters.from}T00:00:00Z`)) : undefined,
    filters.to ? lt(activities.startAt, new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000)) : undefined,
    filters.text ? ilike(activities.name, `%${filters.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`) : undefined,
    after ? or(lt(activities.startAt, after.startAt), and(eq(activities.startAt, after.startAt), lt(activities.id, after.id))) : undefined,
  ];
  const rows = await db
    .select(listColumns)
    .from(activities)
    .where(and(...conditions))
    .orderBy(desc(activities.startAt), desc(activities.id))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > params.limit && last ? encodeActivityCursor({ startAt: last.startAt, id: last.id }) : undefined };
}

/** The types and sources this person has, for the filter menus. */
export async function listActivityFacets(db: Database, params: { userId: string }) {
  const [types, providers] = await Promise.all([
    db.selectDistinct({ value: activities.type }).from(activities).where(eq(activities.userId, params.userId)).orderBy(asc(activities.type)),
    db.selectDistinct({ value: activities.provider }).from(activities).where(eq(activities.userId, params.userId)).orderBy(asc(activities.provider)),
  ]);
  return { types: types.map((row) => row.value), providers: providers.map((row) => row.value) };
}

