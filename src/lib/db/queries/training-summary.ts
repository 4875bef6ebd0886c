import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { activities } from "../schema";
import { onePerWorkoutOrSource } from "./activity-scope";

export interface WeekTotalsRow {
  /** The Monday the week starts on, in the person's time zone. */
  week: string;
  type: string;
  provider: string;
  count: number;
  distanceM: number;
  durationS: number;
  elevationGainM: number;
}

/**
 * The person's activities from the week of `fromMonday` through the week of `toMonday`, summed
 * per local week (ISO, Monday first), type and source: a few hundred rows at most, whatever the
 * number of activities, served by the (user, start) index. A workout linked across sources
 * counts once, under its primary, unless one source is asked for.
 */
export async function sumActivitiesByWeek(
  db: Database,
  params: { userId: string; timeZone: string; fromMonday: string; toMonday: string; provider?: string },
): Promise<WeekTotalsRow[]> {
  const zone = sql`${params.timeZone}::text`;
  const week = sql<string>`to_char(date_trunc('week', ${activities.startAt} at time zone ${zone}), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      week,
      type: activities.type,
      provider: activities.provider,
      count: sql<number>`count(*)::int`,
      distanceM: sql<number>`coalesce(sum(${activities.distanceM}), 0)::float8`,
      durationS: sql<number>`coalesce(sum(coalesce(${activities.durationS}, ${activities.movingTimeS})), 0)::float8`,
      elevationGainM: sql<number>`coalesce(sum(${activities.elevationGainM}), 0)::float8`,
    })
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        onePerWorkoutOrSource(params.provider),
        sql`${activities.startAt} >= (${params.fromMonday}::date::timestamp at time zone ${zone})`,
        sql`${activities.startAt} < ((${params.toMonday}::date + 7)::timestamp at time zone ${zone})`,
      ),
    )
    // By position: the week expression binds the time zone as a parameter of its own each time
    // it is written, so Postgres would not see a second copy of it as the same expression.
    .groupBy(sql`1`, activities.type, activities.provider);
  return rows.map((row) => ({
    ...row,
    count: Number(row.count),
    distanceM: Number(row.distanceM),
    durationS: Number(row.durationS),
    elevationGainM: Number(row.elevationGainM),
  }));
}
