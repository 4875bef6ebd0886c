import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { dailySummaries, mergedDailyMetrics } from "@/lib/db/schema";
import { explainDailyMerge } from "@/lib/merge/daily/explain";
import type { DailyMergeMetric } from "@/lib/merge/daily/metrics";
import { labelSource } from "@/lib/merge/daily/source-label";
import type { DailyMergeExplanation } from "@/lib/merge/daily/types";
import { encodeCursor } from "../cursor";
import type { DailyMetricRow, DatedQuery, MergedDailyField, Page } from "../schemas";
import { dateRange, toPage } from "./range";

// The read of daily metrics. Without a source, one row a local date merged across sources
// (merged_daily_metrics, lib/merge/daily) with what each value is made of; with one, that
// source's own rows (one per account or device and date).

const columns = {
  id: dailySummaries.id,
  provider: dailySummaries.provider,
  sourceId: dailySummaries.sourceId,
  localDate: dailySummaries.localDate,
  steps: dailySummaries.steps,
  distanceM: dailySummaries.distanceM,
  activeEnergyKcal: dailySummaries.activeEnergyKcal,
  totalEnergyKcal: dailySummaries.totalEnergyKcal,
  restingHeartRateBpm: dailySummaries.restingHeartRateBpm,
  hrvMs: dailySummaries.hrvMs,
  readinessScore: dailySummaries.readinessScore,
  recoveryScore: dailySummaries.recoveryScore,
  strain: dailySummaries.strain,
  stressAvg: dailySummaries.stressAvg,
  bodyBatteryHigh: dailySummaries.bodyBatteryHigh,
  bodyBatteryLow: dailySummaries.bodyBatteryLow,
  sleepScore: dailySummaries.sleepScore,
};

const FIELD_OF: Record<DailyMergeMetric, MergedDailyField> = {
  steps: "steps",
  distance: "distanceM",
  active_energy: "activeEnergyKcal",
  total_energy: "totalEnergyKcal",
  resting_heart_rate: "restingHeartRateBpm",
  hrv: "hrvMs",
  readiness: "readinessScore",
  recovery: "recoveryScore",
  strain: "strain",
  stress: "stressAvg",
  sleep_score: "sleepScore",
};

// A merged day has no row id of its own: its cursor's id part is the nil UUID, and since there
// is one merged row a date, the date alone places it.
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * One page of the person's daily metrics, newest day first: merged across sources unless the
 * query names a source or `allSources` asks for every source's own rows (the export's table dump).
 */
export async function readDailyMetricsPage(
  db: Database,
  params: { userId: string; query: DatedQuery; allSources?: boolean },
): Promise<Page<DailyMetricRow>> {
  const { query } = params;
  if (!query.source && !params.allSources) return readMergedDailyPage(db, params);
  const after = query.cursor;
  const rows = await db
    .select(columns)
    .from(dailySummaries)
    .where(
      and(
        eq(dailySummaries.userId, params.userId),
        query.source ? eq(dailySummaries.provider, query.source) : undefined,
        ...dateRange(dailySummaries.localDate, query),
        after
          ? sql`(${dailySummaries.localDate}, ${dailySummaries.id}) < (${after[0]}::date, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(dailySummaries.localDate), desc(dailySummaries.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    ({ provider, localDate, ...rest }) => ({ ...rest, source: provider, date: localDate, explanations: null }),
    (row) => [row.localDate, row.id],
    encodeCursor,
  );
}

type MergedEntry = { value: number; provider: string; sourceId: string; explanation: DailyMergeExplanation };

async function readMergedDailyPage(
  db: Database,
  params: { userId: string; query: DatedQuery },
): Promise<Page<DailyMetricRow>> {
  const { query } = params;
  const after = query.cursor;
  const date = sql<string>`to_char(${mergedDailyMetrics.localDate}::timestamp, 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      date,
      metrics: sql<Record<string, MergedEntry>>`jsonb_object_agg(${mergedDailyMetrics.metric}, jsonb_build_object(
        'value', ${mergedDailyMetrics.value}, 'provider', ${mergedDailyMetrics.provider},
        'sourceId', ${mergedDailyMetrics.sourceId}, 'explanation', ${mergedDailyMetrics.explanation}))`,
    })
    .from(mergedDailyMetrics)
    .where(
      and(
        eq(mergedDailyMetrics.userId, params.userId),
        ...dateRange(mergedDailyMetrics.localDate, query),
        after ? sql`${mergedDailyMetrics.localDate} < ${after[0]}::date` : undefined,
      ),
    )
    .groupBy(mergedDailyMetrics.localDate)
    .orderBy(desc(mergedDailyMetrics.localDate))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentMergedDay, (row) => [row.date, NIL_UUID], encodeCursor);
}

function presentMergedDay(row: { date: string; metrics: Record<string, MergedEntry> | string }): DailyMetricRow {
  // Drivers differ on whether jsonb arrives parsed.
  const metrics =
    typeof row.metrics === "string" ? (JSON.parse(row.metrics) as Record<string, MergedEntry>) : row.metrics;
  const day: DailyMetricRow = {
    id: null,
    source: "merged",
    sourceId: "",
    date: row.date,
    steps: null,
    distanceM: null,
    activeEnergyKcal: null,
    totalEnergyKcal: null,
    restingHeartRateBpm: null,
    hrvMs: null,
    readinessScore: null,
    recoveryScore: null,
    strain: null,
    stressAvg: null,
    bodyBatteryHigh: null,
    bodyBatteryLow: null,
    sleepScore: null,
    explanations: {},
  };
  for (const [metric, entry] of Object.entries(metrics)) {
    const field = FIELD_OF[metric as DailyMergeMetric];
    if (!field) continue;
    const { explanation } = entry;
    // Steps are whole; a phone's hourly sums can carry a fraction.
    day[field] = field === "steps" ? Math.round(entry.value) : entry.value;
    day.explanations![field] = {
      source: entry.provider,
      sourceId: entry.sourceId,
      method: explanation.method,
      text: explainDailyMerge(metric as DailyMergeMetric, entry.value, explanation, labelSource),
      parts: explanation.parts.map(({ provider, ...part }) => ({ source: provider, ...part })),
      others: explanation.others.map(({ provider, ...other }) => ({ source: provider, ...other })),
    };
  }
  return day;
}
