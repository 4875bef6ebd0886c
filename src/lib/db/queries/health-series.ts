import { and, eq, isNotNull, notExists, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { bodyMeasurements, dailySummaries, providerConnections, sleepSessionCopies, sleepSessions } from "../schema";
import { averagePerBucket, onLocalDays, type SeriesParams } from "./health-buckets";
import { MERGED_SOURCE } from "./merged-series";

// Time series for the Health page, one row per source and bucket (see health-buckets.ts).

import type { DailyBucketRow } from "./health-buckets";
import { onLocalDaysIn } from "./local-days";
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
    .where(and(eq(bodyMeasurements.userId, params.userId), onLocalDaysIn(bodyMeasurements.measuredAt, params)))
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

/**
 * `timeZone` places weigh-ins, which carry no local date of their own, on the person's calendar.
 * One statement (each table's aggregate is one row, so the cross joins make one row): the Health
 * page waits for it on "All", and a statement costs more here than these index scans do.
 */
export async function findHealthCoverage(
  db: Database,
  params: { userId: string; timeZone: string },
): Promise<HealthCoverage> {
  const zone = sql`${params.timeZone}::text`;
  const daily = db
    .select({
      first: sql<string | null>`to_char(min(${dailySummaries.localDate})::timestamp, 'YYYY-MM-DD')`.as("daily_first"),
      last: sql<string | null>`to_char(max(${dailySummaries.localDate})::timestamp, 'YYYY-MM-DD')`.as("daily_last"),
      hrv: hasAny(dailySummaries.hrvMs).as("has_hrv"),
      restingHeartRate: hasAny(dailySummaries.restingHeartRateBpm).as("has_resting_heart_rate"),
      readiness: hasAny(dailySummaries.readinessScore).as("has_readiness"),
      recovery: hasAny(dailySummaries.recoveryScore).as("has_recovery"),
      strain: hasAny(dailySummaries.strain).as("has_strain"),
      steps: hasAny(dailySummaries.steps).as("has_steps"),
    })
    .from(dailySummaries)
    .where(eq(dailySummaries.userId, params.userId))
    .as("daily");
  const sleep = db
    .select({
      first: sql<string | null>`to_char(min(${sleepSessions.localDate})::timestamp, 'YYYY-MM-DD')`.as("sleep_first"),
      last: sql<string | null>`to_char(max(${sleepSessions.localDate})::timestamp, 'YYYY-MM-DD')`.as("sleep_last"),
    })
    .from(sleepSessions)
    .where(eq(sleepSessions.userId, params.userId))
    .as("sleep");
  const body = db
    .select({
      first: sql<string | null>`to_char(min(${bodyMeasurements.measuredAt}) at time zone ${zone}, 'YYYY-MM-DD')`.as(
        "body_first",
      ),
      last: sql<string | null>`to_char(max(${bodyMeasurements.measuredAt}) at time zone ${zone}, 'YYYY-MM-DD')`.as(
        "body_last",
      ),
      weight: hasAny(bodyMeasurements.weightKg).as("has_weight"),
      bmi: hasAny(bodyMeasurements.bmi).as("has_bmi"),
    })
    .from(bodyMeasurements)
    .where(eq(bodyMeasurements.userId, params.userId))
    .as("body");
  const [row] = await db
    .select({
      daily: {
        first: daily.first,
        last: daily.last,
        hrv: daily.hrv,
        restingHeartRate: daily.restingHeartRate,
        readiness: daily.readiness,
        recovery: daily.recovery,
        strain: daily.strain,
        steps: daily.steps,
      },
      sleep: { first: sleep.first, last: sleep.last },
      body: { first: body.first, last: body.last, weight: body.weight, bmi: body.bmi },
      sources: healthSources(params.userId),
    })
    .from(daily)
    .crossJoin(sleep)
    .crossJoin(body);
  const firsts = [row?.daily.first, row?.sleep.first, row?.body.first].filter((day): day is string => Boolean(day));
  const lasts = [row?.daily.last, row?.sleep.last, row?.body.last].filter((day): day is string => Boolean(day));
  return {
    first: firsts.sort()[0] ?? null,
    last: lasts.sort().at(-1) ?? null,
    has: {
      sleep: Boolean(row?.sleep.first),
      hrv: Boolean(row?.daily.hrv),
      resting_heart_rate: Boolean(row?.daily.restingHeartRate),
      readiness: Boolean(row?.daily.readiness),
      recovery: Boolean(row?.daily.recovery),
      strain: Boolean(row?.daily.strain),
      steps: Boolean(row?.daily.steps),
      weight: Boolean(row?.body.weight),
      bmi: Boolean(row?.body.bmi),
    },
    sources: [...(row?.sources ?? [])].sort(
      (a, b) => a.provider.localeCompare(b.provider) || a.sourceId.localeCompare(b.sourceId),
    ),
  };
}

/** Every source that ever sent a day, a night or a weigh-in (UNION drops the repeats), as a JSON list. */
function healthSources(userId: string) {
  const sourcesOf = (table: typeof dailySummaries | typeof sleepSessions | typeof bodyMeasurements) =>
    sql`select ${table.provider} as provider, ${table.sourceId} as source_id from ${table} where ${table.userId} = ${userId}`;
  return sql<Array<{ provider: string; sourceId: string }>>`(
    select coalesce(json_agg(json_build_object('provider', provider, 'sourceId', source_id)), '[]'::json)
    from (${sourcesOf(dailySummaries)} union ${sourcesOf(sleepSessions)} union ${sourcesOf(bodyMeasurements)}) as sources
  )`;
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
