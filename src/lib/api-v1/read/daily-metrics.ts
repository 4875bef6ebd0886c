import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { dailySummaries } from "@/lib/db/schema";
import { encodeCursor } from "../cursor";
import type { DailyMetricRow, DatedQuery, Page } from "../schemas";
import { dateRange, toPage } from "./range";

// The read of daily metrics (one row per source and local date). Every source unless one is
// named; merged days will replace the unnamed case here only.

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

/** One page of the person's daily metrics, newest day first. */
export async function readDailyMetricsPage(
  db: Database,
  params: { userId: string; query: DatedQuery },
): Promise<Page<DailyMetricRow>> {
  const { query } = params;
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
    ({ provider, localDate, ...rest }) => ({ ...rest, source: provider, date: localDate }),
    (row) => [row.localDate, row.id],
    encodeCursor,
  );
}
