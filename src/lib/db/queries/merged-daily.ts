import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { dailySummaries, mergedDailyMetrics, metricSourcePriorities, samples, users } from "../schema";
import { mergeDay, type DayCandidate } from "@/lib/merge/daily/bucket-merge";
import {
  DAILY_MERGE_METRICS,
  SAMPLE_METRICS,
  type DailyMergeMetric,
  type OrderedMetric,
} from "@/lib/merge/daily/metrics";
import { dayWindows } from "@/lib/merge/daily/touched";
import type { DailyMergeExplanation, SourceRef } from "@/lib/merge/daily/types";

// Merged daily values (merged_daily_metrics): written for the days a write touched, read by the
// Health page and /api/metrics/query.

const DAILY_COLUMNS: Record<DailyMergeMetric, PgColumn> = {
  steps: dailySummaries.steps,
  distance: dailySummaries.distanceM,
  active_energy: dailySummaries.activeEnergyKcal,
  total_energy: dailySummaries.totalEnergyKcal,
  resting_heart_rate: dailySummaries.restingHeartRateBpm,
  hrv: dailySummaries.hrvMs,
  readiness: dailySummaries.readinessScore,
  recovery: dailySummaries.recoveryScore,
  strain: dailySummaries.strain,
  stress: dailySummaries.stressAvg,
  sleep_score: dailySummaries.sleepScore,
};
const METRIC_OF_SAMPLE = new Map(
  Object.entries(SAMPLE_METRICS).flatMap(([metric, names]) => names.map((name) => [name, metric as DailyMergeMetric])),
);
const INSERT_ROWS = 2_000;

export async function findUserTimeZone(db: Database, params: { userId: string }): Promise<string> {
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, params.userId));
  return row?.timeZone ?? "UTC";
}

/** The person's own order of sources, per metric they have ordered. */
export async function findPersonalOrders(
  db: Database,
  params: { userId: string },
): Promise<Partial<Record<OrderedMetric, SourceRef[]>>> {
  const rows = await db
    .select({ metric: metricSourcePriorities.metric, sources: metricSourcePriorities.sources })
    .from(metricSourcePriorities)
    .where(eq(metricSourcePriorities.userId, params.userId));
  return Object.fromEntries(rows.map((row) => [row.metric, row.sources]));
}

export async function savePersonalOrder(
  db: Database,
  params: { userId: string; metric: OrderedMetric; sources: SourceRef[] },
): Promise<void> {
  await db
    .insert(metricSourcePriorities)
    .values(params)
    .onConflictDoUpdate({
      target: [metricSourcePriorities.userId, metricSourcePriorities.metric],
      set: { sources: params.sources, updatedAt: new Date() },
    });
}

type SourceDay = { provider: string; sourceId: string; day: string };
const candidateKey = (row: SourceDay) => `${row.day}\u0000${row.provider}\u0000${row.sourceId}`;

/**
 * Merges the given local days again for every daily metric (or the ones named), from the
 * sources' daily totals and their hourly samples. Deletes and rewrites those days' merged
 * rows, so running it twice, or after a retried write, gives the same rows.
 */
export async function remergeDays(
  db: Database,
  params: { userId: string; days: Iterable<string>; metrics?: DailyMergeMetric[] },
): Promise<number> {
  const { userId } = params;
  const metrics = params.metrics ?? [...DAILY_MERGE_METRICS];
  const windows = dayWindows(params.days);
  if (!windows.length) return 0;
  const timeZone = await findUserTimeZone(db, { userId });
  const orders = await findPersonalOrders(db, { userId });
  const sampleNames = metrics.flatMap((metric) => SAMPLE_METRICS[metric] ?? []);
  let written = 0;

  for (const window of windows) {
    // Per metric, per day and source: its candidate.
    const byMetric = new Map<DailyMergeMetric, Map<string, DayCandidate & { day: string }>>(
      metrics.map((metric) => [metric, new Map()]),
    );
    const candidateOf = (metric: DailyMergeMetric, row: SourceDay) => {
      const map = byMetric.get(metric)!;
      let candidate = map.get(candidateKey(row));
      if (!candidate)
        map.set(candidateKey(row), (candidate = { provider: row.provider, sourceId: row.sourceId, day: row.day }));
      return candidate;
    };

    const dailies = await db
      .select({
        provider: dailySummaries.provider,
        sourceId: dailySummaries.sourceId,
        day: sql<string>`to_char(${dailySummaries.localDate}::timestamp, 'YYYY-MM-DD')`,
        ...Object.fromEntries(
          metrics.map((metric) => [metric, sql<number | string | null>`${DAILY_COLUMNS[metric]}::float8`]),
        ),
      })
      .from(dailySummaries)
      .where(
        and(
          eq(dailySummaries.userId, userId),
          gte(dailySummaries.localDate, window.start),
          lte(dailySummaries.localDate, window.end),
        ),
      );
    for (const row of dailies) {
      const values = row as unknown as Record<string, number | string | null>;
      for (const metric of metrics)
        if (values[metric] !== null) candidateOf(metric, row).total = Number(values[metric]);
    }

    if (sampleNames.length) {
      const zone = sql`${timeZone}::text`;
      // Summed per local hour first, named only after: the zone conversion and the day's text
      // once per hour instead of per sample (an export's worth of samples is the usual input).
      // Grouped by position: the zone is bound, and bound twice Postgres would not see SELECT and GROUP BY match.
      const perHour = db
        .select({
          provider: samples.provider,
          sourceId: samples.sourceId,
          metric: samples.metric,
          localHour: sql<string>`date_trunc('hour', ${samples.time} at time zone ${zone})`.as("local_hour"),
          value: sql<number | string>`sum(${samples.value})`.as("value"),
        })
        .from(samples)
        .where(
          and(
            eq(samples.userId, userId),
            inArray(samples.metric, sampleNames),
            sql`${samples.time} >= (${window.start}::date::timestamp at time zone ${zone})`,
            sql`${samples.time} < ((${window.end}::date + 1)::timestamp at time zone ${zone})`,
          ),
        )
        .groupBy(sql`1, 2, 3, 4`)
        .as("per_hour");
      const hourly = await db
        .select({
          provider: perHour.provider,
          sourceId: perHour.sourceId,
          metric: perHour.metric,
          day: sql<string>`to_char(${perHour.localHour}, 'YYYY-MM-DD')`,
          hour: sql<number>`extract(hour from ${perHour.localHour})::int`,
          value: perHour.value,
        })
        .from(perHour);
      for (const row of hourly) {
        const candidate = candidateOf(METRIC_OF_SAMPLE.get(row.metric)!, row);
        candidate.hours ??= new Map();
        const hour = Number(row.hour);
        candidate.hours.set(hour, (candidate.hours.get(hour) ?? 0) + Number(row.value));
      }
    }

    const rows: Array<typeof mergedDailyMetrics.$inferInsert> = [];
    const touched = new Set(window.days);
    for (const metric of metrics) {
      const perDay = new Map<string, DayCandidate[]>();
      for (const candidate of byMetric.get(metric)!.values()) {
        if (!touched.has(candidate.day)) continue;
        perDay.set(candidate.day, [...(perDay.get(candidate.day) ?? []), candidate]);
      }
      for (const [day, candidates] of perDay) {
        const merged = mergeDay(candidates, {
          isAdditive: SAMPLE_METRICS[metric] !== undefined,
          personalOrder: orders[metric],
        });
        if (!merged) continue;
        rows.push({
          userId,
          metric,
          localDate: day,
          value: merged.value,
          ...merged.primary,
          explanation: merged.explanation,
        });
      }
    }
    await db
      .delete(mergedDailyMetrics)
      .where(
        and(
          eq(mergedDailyMetrics.userId, userId),
          inArray(mergedDailyMetrics.metric, metrics),
          inArray(mergedDailyMetrics.localDate, window.days),
        ),
      );
    for (let start = 0; start < rows.length; start += INSERT_ROWS)
      await db.insert(mergedDailyMetrics).values(rows.slice(start, start + INSERT_ROWS));
    written += rows.length;
  }
  return written;
}

/** Every day the person has daily totals or merged samples for: what a changed order of sources merges again. */
export async function findDaysWithData(db: Database, params: { userId: string }): Promise<string[]> {
  const timeZone = await findUserTimeZone(db, params);
  const zone = sql`${timeZone}::text`;
  const daily = await db
    .selectDistinct({ day: sql<string>`to_char(${dailySummaries.localDate}::timestamp, 'YYYY-MM-DD')` })
    .from(dailySummaries)
    .where(eq(dailySummaries.userId, params.userId));
  const sampled = await db
    .selectDistinct({ day: sql<string>`to_char(${samples.time} at time zone ${zone}, 'YYYY-MM-DD')` })
    .from(samples)
    .where(and(eq(samples.userId, params.userId), inArray(samples.metric, Object.values(SAMPLE_METRICS).flat())));
  return [...new Set([...daily, ...sampled].map((row) => row.day))].sort();
}

export interface MergedDailyPoint {
  date: string;
  value: number;
  provider: string;
  sourceId: string;
  explanation: DailyMergeExplanation;
}

/** One metric's merged values from `start` to `end` (local dates, inclusive), oldest first. */
export async function findMergedDaily(
  db: Database,
  params: { userId: string; metric: DailyMergeMetric; start: string; end: string; newest?: number },
): Promise<MergedDailyPoint[]> {
  const query = db
    .select({
      date: sql<string>`to_char(${mergedDailyMetrics.localDate}::timestamp, 'YYYY-MM-DD')`,
      value: mergedDailyMetrics.value,
      provider: mergedDailyMetrics.provider,
      sourceId: mergedDailyMetrics.sourceId,
      explanation: mergedDailyMetrics.explanation,
    })
    .from(mergedDailyMetrics)
    .where(
      and(
        eq(mergedDailyMetrics.userId, params.userId),
        eq(mergedDailyMetrics.metric, params.metric),
        gte(mergedDailyMetrics.localDate, params.start),
        lte(mergedDailyMetrics.localDate, params.end),
      ),
    );
  // `newest`: only the last days with a value (the Health page explains a week, not the year).
  const rows =
    params.newest === undefined
      ? await query.orderBy(asc(mergedDailyMetrics.localDate))
      : (await query.orderBy(desc(mergedDailyMetrics.localDate)).limit(params.newest)).reverse();
  return rows.map((row) => ({ ...row, value: Number(row.value) }));
}

/** The sources any merged day of a metric drew on or compared: what Settings -> Sources orders. */
export async function findMergedSources(
  db: Database,
  params: { userId: string; metric: DailyMergeMetric },
): Promise<SourceRef[]> {
  const rows = await db.execute<{ provider: string; source_id: string }>(sql`
    select distinct part ->> 'provider' as provider, part ->> 'sourceId' as source_id
    from ${mergedDailyMetrics},
      jsonb_array_elements((${mergedDailyMetrics.explanation} -> 'parts') || (${mergedDailyMetrics.explanation} -> 'others')) as part
    where ${mergedDailyMetrics.userId} = ${params.userId} and ${mergedDailyMetrics.metric} = ${params.metric}`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: Array<{ provider: string; source_id: string }> }).rows;
  return list.map((row) => ({ provider: row.provider, sourceId: row.source_id }));
}
