import { and, count, desc, eq, getTableColumns, isNull, notExists, sql } from "drizzle-orm";
import type { Database } from "../client";
import { activities, dailySummaries, sleepSessionCopies, sleepSessions, users } from "../schema";

/**
 * Whether the person has any activity, night or day to show. EXISTS stops at the first index
 * entry, where counting read every row a long-time user has.
 */
export async function hasUserData(db: Database, params: { userId: string }): Promise<boolean> {
  const anyRow = (table: typeof activities | typeof sleepSessions | typeof dailySummaries) =>
    sql`exists (select 1 from ${table} where ${table.userId} = ${params.userId})`;
  const [row] = await db
    .select({ value: sql<boolean>`${anyRow(activities)} or ${anyRow(sleepSessions)} or ${anyRow(dailySummaries)}` })
    .from(users)
    .where(eq(users.id, params.userId));
  return Boolean(row?.value);
}

export interface WeekByType {
  type: string;
  sessions: number;
  durationS: number;
  distanceM: number;
}

/**
 * Sessions, time and distance per activity type in the week around `now`, Monday to Sunday on
 * the person's own calendar. The bounds are computed on local wall-clock time, then turned back
 * into instants, so the index on start_at still serves the range (and a DST week is 167 or 169 hours).
 */
export async function summarizeWeek(
  db: Database,
  params: { userId: string; timeZone: string; now: Date },
): Promise<WeekByType[]> {
  const zone = sql`${params.timeZone}::text`;
  const weekStart = sql`date_trunc('week', ${params.now.toISOString()}::timestamptz at time zone ${zone})`;
  const rows = await db
    .select({
      type: activities.type,
      sessions: count(),
      durationS: sql<number>`coalesce(sum(${activities.durationS}), 0)::float8`,
      distanceM: sql<number>`coalesce(sum(${activities.distanceM}), 0)::float8`,
    })
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        // A run on Garmin and Strava is one session: copies are counted through their primary.
        isNull(activities.mergedIntoId),
        sql`${activities.startAt} >= (${weekStart} at time zone ${zone})`,
        sql`${activities.startAt} < ((${weekStart} + interval '1 week') at time zone ${zone})`,
      ),
    )
    .groupBy(activities.type)
    .orderBy(desc(sql`sum(${activities.durationS})`));
  return rows.map((row) => ({ ...row, durationS: Number(row.durationS), distanceM: Number(row.distanceM) }));
}

/**
 * The most recent night of sleep, from whichever source reported it; a night several sources
 * recorded is the counted source's (sleep_session_copies), as on the Health page.
 */
export async function findLastNight(db: Database, params: { userId: string }) {
  const [night] = await db
    .select(getTableColumns(sleepSessions))
    .from(sleepSessions)
    .where(
      and(
        eq(sleepSessions.userId, params.userId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(sleepSessionCopies)
            .where(eq(sleepSessionCopies.sessionId, sleepSessions.id)),
        ),
      ),
    )
    .orderBy(desc(sleepSessions.localDate), desc(sleepSessions.asleepS))
    .limit(1);
  return night ?? null;
}

/** The latest day with a readiness or recovery score, per source. */
export async function findLatestScores(db: Database, params: { userId: string }) {
  return db
    .selectDistinctOn([dailySummaries.provider], {
      provider: dailySummaries.provider,
      localDate: dailySummaries.localDate,
      readinessScore: dailySummaries.readinessScore,
      recoveryScore: dailySummaries.recoveryScore,
      hrvMs: dailySummaries.hrvMs,
      restingHeartRateBpm: dailySummaries.restingHeartRateBpm,
    })
    .from(dailySummaries)
    .where(
      and(
        eq(dailySummaries.userId, params.userId),
        sql`(${dailySummaries.readinessScore} is not null or ${dailySummaries.recoveryScore} is not null)`,
      ),
    )
    .orderBy(dailySummaries.provider, desc(dailySummaries.localDate));
}
