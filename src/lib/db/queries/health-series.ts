import { and, eq, isNotNull, notExists, sql } from "drizzle-orm";
import { union, type PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { bodyMeasurements, dailySummaries, providerConnections, sleepSessionCopies, sleepSessions } from "../schema";
import { averagePerBucket, onLocalDays, type SeriesParams } from "./health-buckets";
import { MERGED_SOURCE } from "./merged-series";

// Time series for the Health page, one row per source and bucket (see health-buckets.ts).

import type { DailyBucketRow } from "./health-buckets";
export { BUCKETS, type Bucket, type DailyBucketRow, type SeriesParams } from "./health-buckets";

/** Daily metrics per source, averaged per bucket; one scan for every metric the page charts. */
export async function findDailySeries(db: Database, params: SeriesParams): Promise<DailyBucketRow[]> {
  const { hrvMs, restingHeartRateBpm, readinessScore, recoveryScore, strain, steps } = dailySummaries;
  const rows = await averagePerBucket(db, {
    from: dailySummaries,
    where: onLocalDays(dailySummaries, params),
    bucket: params.bucket,
    columns: { hrvMs, restingHeartRateBpm, readinessScore, recoveryScore, strain, steps },
  });
  return rows.map(({ count, ...row }) => ({ ...row, days: count }));
}

export interface BodyBucketRow {
  provider: string;
  sourceId: string;
  date: string;
  weightKg: number | null;
  bmi: number | null;
}

/**
 * Weight and BMI per source, averaged per bucket (several weigh-ins a day become one point).
 * Measurements keep no local offset, so their day is the day in the person's time zone.
 */
export async function findBodySeries(
  db: Database,
  params: SeriesParams & { timeZone: string },
): Promise<BodyBucketRow[]> {
  const zone = sql`${params.timeZone}::text`;
  // The local day is worked out once in a subquery: its bound zone would otherwise appear in
  // both SELECT and GROUP BY, and as two different parameters Postgres would not match them.
  const measurements = db
    .select({
      provider: bodyMeasurements.provider,
      sourceId: bodyMeasurements.sourceId,
      localDate: sql<string>`(${bodyMeasurements.measuredAt} at time zone ${zone})::date`.as("local_date"),
      weightKg: bodyMeasurements.weightKg,
      bmi: bodyMeasurements.bmi,
    })
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, params.userId),
        sql`${bodyMeasurements.measuredAt} >= (${params.start}::date::timestamp at time zone ${zone})`,
        sql`${bodyMeasurements.measuredAt} < ((${params.end}::date + 1)::timestamp at time zone ${zone})`,
      ),
    )
    .as("measurements");
  const rows = await averagePerBucket(db, {
    from: measurements,
    bucket: params.bucket,
    columns: { weightKg: measurements.weightKg, bmi: measurements.bmi },
  });
  return rows.map(({ provider, sourceId, date, weightKg, bmi }) => ({ provider, sourceId, date, weightKg, bmi }));
}

export interface SleepBucketRow {
  provider: string;
  sourceId: string;
  date: string;
  deepS: number | null;
  remS: number | null;
  lightS: number | null;
  awakeS: number | null;
  asleepS: number | null;
  /** Nights the averages are taken over. */
  nights: number;
}

/**
 * Sleep stages per night and source (a night's sessions, naps included, summed), then the
 * average night per bucket. `isMerged`: one night per date whatever the sources, copies left
 * out (lib/merge/daily), as the source "merged".
 */
export async function findSleepSeries(
  db: Database,
  params: SeriesParams & { isMerged?: boolean },
): Promise<SleepBucketRow[]> {
  const isMerged = Boolean(params.isMerged);
  const nights = db
    .select({
      provider: (isMerged ? sql<string>`${MERGED_SOURCE.provider}::text` : sql<string>`${sleepSessions.provider}`).as(
        "provider",
      ),
      sourceId: (isMerged ? sql<string>`''::text` : sql<string>`${sleepSessions.sourceId}`).as("source_id"),
      localDate: sleepSessions.localDate,
      deepS: sql<number | null>`sum(${sleepSessions.deepS})`.as("deep_s"),
      remS: sql<number | null>`sum(${sleepSessions.remS})`.as("rem_s"),
      lightS: sql<number | null>`sum(${sleepSessions.lightS})`.as("light_s"),
      awakeS: sql<number | null>`sum(${sleepSessions.awakeS})`.as("awake_s"),
      asleepS: sql<number | null>`sum(${sleepSessions.asleepS})`.as("asleep_s"),
    })
    .from(sleepSessions)
    .where(
      and(
        onLocalDays(sleepSessions, params),
        isMerged
          ? notExists(
              db
                .select({ one: sql`1` })
                .from(sleepSessionCopies)
                .where(eq(sleepSessionCopies.sessionId, sleepSessions.id)),
            )
          : undefined,
      ),
    )
    .groupBy(
      ...(isMerged
        ? [sleepSessions.localDate]
        : [sleepSessions.provider, sleepSessions.sourceId, sleepSessions.localDate]),
    )
    .as("nights");
  const { deepS, remS, lightS, awakeS, asleepS } = nights;
  const rows = await averagePerBucket(db, {
    from: nights,
    bucket: params.bucket,
    columns: { deepS, remS, lightS, awakeS, asleepS },
  });
  return rows.map(({ count, ...row }) => ({ ...row, nights: count }));
}

export const HEALTH_METRICS = [
  "sleep",
  "hrv",
  "resting_heart_rate",
  "readiness",
  "recovery",
  "strain",
  "steps",
  "weight",
  "bmi",
] as const;
export type HealthMetric = (typeof HEALTH_METRICS)[number];

export interface HealthCoverage {
  /** The first and last day with any health data, for the "all" range. */
  first: string | null;
  last: string | null;
  /** Which metrics the user has ever had, so an empty chart can say "connect" or "none in range". */
  has: Record<HealthMetric, boolean>;
  /** Every source with health data, whatever the range, so names and colours stay put when it changes. */
  sources: Array<{ provider: string; sourceId: string }>;
}

const hasAny = (column: PgColumn) => sql<boolean | null>`bool_or(${column} is not null)`;

/** `timeZone` places weigh-ins, which carry no local date of their own, on the person's calendar. */
export async function findHealthCoverage(
  db: Database,
  params: { userId: string; timeZone: string },
): Promise<HealthCoverage> {
  const zone = sql`${params.timeZone}::text`;
  const [[daily], [sleep], [body], sources] = await Promise.all([
    db
      .select({
        first: sql<string | null>`to_char(min(${dailySummaries.localDate})::timestamp, 'YYYY-MM-DD')`,
        last: sql<string | null>`to_char(max(${dailySummaries.localDate})::timestamp, 'YYYY-MM-DD')`,
        hrv: hasAny(dailySummaries.hrvMs),
        restingHeartRate: hasAny(dailySummaries.restingHeartRateBpm),
        readiness: hasAny(dailySummaries.readinessScore),
        recovery: hasAny(dailySummaries.recoveryScore),
        strain: hasAny(dailySummaries.strain),
        steps: hasAny(dailySummaries.steps),
      })
      .from(dailySummaries)
      .where(eq(dailySummaries.userId, params.userId)),
    db
      .select({
        first: sql<string | null>`to_char(min(${sleepSessions.localDate})::timestamp, 'YYYY-MM-DD')`,
        last: sql<string | null>`to_char(max(${sleepSessions.localDate})::timestamp, 'YYYY-MM-DD')`,
      })
      .from(sleepSessions)
      .where(eq(sleepSessions.userId, params.userId)),
    db
      .select({
        first: sql<string | null>`to_char(min(${bodyMeasurements.measuredAt}) at time zone ${zone}, 'YYYY-MM-DD')`,
        last: sql<string | null>`to_char(max(${bodyMeasurements.measuredAt}) at time zone ${zone}, 'YYYY-MM-DD')`,
        weight: hasAny(bodyMeasurements.weightKg),
        bmi: hasAny(bodyMeasurements.bmi),
      })
      .from(bodyMeasurements)
      .where(eq(bodyMeasurements.userId, params.userId)),
    findHealthSources(db, { userId: params.userId }),
  ]);
  const firsts = [daily?.first, sleep?.first, body?.first].filter((day): day is string => Boolean(day)).sort();
  const lasts = [daily?.last, sleep?.last, body?.last].filter((day): day is string => Boolean(day)).sort();
  return {
    first: firsts[0] ?? null,
    last: lasts.at(-1) ?? null,
    has: {
      sleep: Boolean(sleep?.first),
      hrv: Boolean(daily?.hrv),
      resting_heart_rate: Boolean(daily?.restingHeartRate),
      readiness: Boolean(daily?.readiness),
      recovery: Boolean(daily?.recovery),
      strain: Boolean(daily?.strain),
      steps: Boolean(daily?.steps),
      weight: Boolean(body?.weight),
      bmi: Boolean(body?.bmi),
    },
    sources,
  };
}

async function findHealthSources(db: Database, params: { userId: string }) {
  const sourcesOf = (table: typeof dailySummaries | typeof sleepSessions | typeof bodyMeasurements) =>
    db
      .select({ provider: table.provider, sourceId: table.sourceId })
      .from(table)
      .where(eq(table.userId, params.userId));
  // One statement (UNION drops the repeats): every source that ever sent a day, a night or a weigh-in.
  const sources = await union(sourcesOf(dailySummaries), sourcesOf(sleepSessions), sourcesOf(bodyMeasurements));
  return sources.sort((a, b) => a.provider.localeCompare(b.provider) || a.sourceId.localeCompare(b.sourceId));
}

/** The labels people gave their accounts ("Work Garmin"), keyed like the series' sources. */
export async function findSourceLabels(
  db: Database,
  params: { userId: string },
): Promise<Array<{ provider: string; sourceId: string; label: string }>> {
  const rows = await db
    .select({
      provider: providerConnections.provider,
      sourceId: providerConnections.externalUserId,
      label: providerConnections.label,
    })
    .from(providerConnections)
    .where(and(eq(providerConnections.userId, params.userId), isNotNull(providerConnections.label)));
  return rows.map((row) => ({ ...row, label: row.label ?? "" }));
}
