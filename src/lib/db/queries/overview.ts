import { and, count, desc, eq, gte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { activities, dailySummaries, providerConnections, sleepSessions } from "../schema";

export type OverviewCounts = { connections: number; activities: number; sleepNights: number; days: number };

export async function countUserData(db: Database, params: { userId: string }): Promise<OverviewCounts> {
  const countFor = async (table: typeof activities | typeof sleepSessions | typeof dailySummaries | typeof providerConnections) => {
    const [row] = await db.select({ value: count() }).from(table).where(eq(table.userId, params.userId));
    return row?.value ?? 0;
  };
  const [connections, activityCount, sleepNights, days] = await Promise.all([
    countFor(providerConnections),
    countFor(activities),
    countFor(sleepSessions),
    countFor(dailySummaries),
  ]);
  return { connections, activities: activityCount, sleepNights, days };
}

export interface WeekByType {
  type: string;
  sessions: number;
  durationS: number;
  distanceM: number;
}

/** Sessions, time and distance per activity type since `since` (the start of the week). */
export async function summarizeWeek(db: Database, params: { userId: string; since: Date }): Promise<WeekByType[]> {
  const rows = await db
    .select({
      type: activities.type,
      sessions: count(),
      durationS: sql<number>`coalesce(sum(${activities.durationS}), 0)::float8`,
      distanceM: sql<number>`coalesce(sum(${activities.distanceM}), 0)::float8`,
    })
    .from(activities)
    .where(and(eq(activities.userId, params.userId), gte(activities.startAt, params.since)))
    .groupBy(activities.type)
    .orderBy(desc(sql`sum(${activities.durationS})`));
  return rows.map((row) => ({ ...row, durationS: Number(row.durationS), distanceM: Number(row.distanceM) }));
}

/** The most recent night of sleep, from whichever source reported it. */
export async function findLastNight(db: Database, params: { userId: string }) {
  const [night] = await db
    .select()
    .from(sleepSessions)
    .where(eq(sleepSessions.userId, params.userId))
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
    .where(and(eq(dailySummaries.userId, params.userId), sql`(${dailySummaries.readinessScore} is not null or ${dailySummaries.recoveryScore} is not null)`))
    .orderBy(dailySummaries.provider, desc(dailySummaries.localDate));
}
