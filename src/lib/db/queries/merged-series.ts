import { and, count, countDistinct, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { mergedDailyMetrics, sleepSessionCopies, sleepSessions } from "../schema";
import type { SourceRef } from "@/lib/merge/daily/types";
import { averagePerBucket, bucketOf, onLocalDays, type DailyBucketRow, type SeriesParams } from "./health-buckets";

// The Health page's merged line: merged_daily_metrics as one more "source" of its daily
// series, averaged per bucket like the others. One row per day and metric, so this reads a
// few thousand rows for three years however many samples lie behind them.

export const MERGED_SOURCE = { provider: "merged", sourceId: "" } as const;

const CHARTED_METRICS = ["hrv", "resting_heart_rate", "readiness", "recovery", "strain", "steps"] as const;

const pick = (metric: (typeof CHARTED_METRICS)[number]) =>
  sql<
    number | null
  >`max(${mergedDailyMetrics.value}) filter (where ${mergedDailyMetrics.metric} = ${sql.raw(`'${metric}'`)})`;

export async function findMergedDailySeries(db: Database, params: SeriesParams): Promise<DailyBucketRow[]> {
  // One row per day with each metric in its column (metric names inlined: GROUP BY in the outer query repeats none of them).
  const days = db
    .select({
      provider: sql<string>`${MERGED_SOURCE.provider}::text`.as("provider"),
      sourceId: sql<string>`''::text`.as("source_id"),
      localDate: mergedDailyMetrics.localDate,
      hrvMs: pick("hrv").as("hrv_ms"),
      restingHeartRateBpm: pick("resting_heart_rate").as("resting_heart_rate_bpm"),
      readinessScore: pick("readiness").as("readiness_score"),
      recoveryScore: pick("recovery").as("recovery_score"),
      strain: pick("strain").as("strain"),
      steps: pick("steps").as("steps"),
    })
    .from(mergedDailyMetrics)
    // Only the charted metrics: the primary key (user, metric, day) then finds them, and distance
    // or energy days are never read.
    .where(and(onLocalDays(mergedDailyMetrics, params), inArray(mergedDailyMetrics.metric, [...CHARTED_METRICS])))
    .groupBy(mergedDailyMetrics.localDate)
    .as("merged_days");
  const { hrvMs, restingHeartRateBpm, readinessScore, recoveryScore, strain, steps } = days;
  const rows = await averagePerBucket(db, {
    from: days,
    bucket: params.bucket,
    columns: { hrvMs, restingHeartRateBpm, readinessScore, recoveryScore, strain, steps },
  });
  return rows.map(({ count, ...row }) => ({ ...row, days: count }));
}

export interface SleepCopySource extends SourceRef {
  /** The bucket's first day, as the merged sleep series has it. */
  date: string;
  /** Nights of the bucket this source also recorded, as copies of another source's. */
  nights: number;
}

/**
 * Per bucket, the sources whose nights were left out of the merged sleep as copies: the
 * Health page's "also from" beside each merged night. Bucketed by the counted night's date,
 * so a copy lands beside the night it is a copy of.
 */
export async function findSleepCopySources(db: Database, params: SeriesParams): Promise<SleepCopySource[]> {
  const primary = alias(sleepSessions, "primary_night");
  const date = bucketOf(params.bucket, primary.localDate);
  const rows = await db
    .select({
      date,
      provider: sleepSessions.provider,
      sourceId: sleepSessions.sourceId,
      nights: countDistinct(primary.localDate),
    })
    .from(sleepSessionCopies)
    .innerJoin(sleepSessions, eq(sleepSessions.id, sleepSessionCopies.sessionId))
    .innerJoin(primary, eq(primary.id, sleepSessionCopies.primarySessionId))
    .where(and(eq(sleepSessionCopies.userId, params.userId), onLocalDays(primary, params)))
    .groupBy(date, sleepSessions.provider, sleepSessions.sourceId)
    .orderBy(date, sleepSessions.provider, sleepSessions.sourceId);
  return rows.map((row) => ({ ...row, nights: Number(row.nights) }));
}

export const TOTAL_METRICS = ["steps", "distance"] as const;
export type MergedTotals = Record<(typeof TOTAL_METRICS)[number], { total: number; days: number } | null>;

/**
 * The Health page's steps and distance over a range, from the merged days: an hour two
 * sources counted, or a day two services reported, is in the total once.
 */
export async function findMergedTotals(
  db: Database,
  params: { userId: string; start: string; end: string },
): Promise<MergedTotals> {
  const rows = await db
    .select({
      metric: mergedDailyMetrics.metric,
      total: sql<number | string>`sum(${mergedDailyMetrics.value})::float8`,
      days: count(),
    })
    .from(mergedDailyMetrics)
    .where(
      and(
        eq(mergedDailyMetrics.userId, params.userId),
        inArray(mergedDailyMetrics.metric, [...TOTAL_METRICS]),
        gte(mergedDailyMetrics.localDate, params.start),
        lte(mergedDailyMetrics.localDate, params.end),
      ),
    )
    .groupBy(mergedDailyMetrics.metric);
  const of = (metric: string) => {
    const row = rows.find((candidate) => candidate.metric === metric);
    return row ? { total: Number(row.total), days: Number(row.days) } : null;
  };
  return { steps: of("steps"), distance: of("distance") };
}
