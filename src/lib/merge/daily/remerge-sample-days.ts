import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { remergeDays } from "@/lib/db/queries/merged-daily";
import { samples } from "@/lib/db/schema";
import { DAILY_MERGE_METRICS, SAMPLE_METRICS, type DailyMergeMetric } from "./metrics";

// A sample keeps its instant only; which local day (and hour) it counts in follows the person's
// time zone. When that zone changes, the days merged from samples are merged again: the days
// the samples fell on before (their merged rows must go or change) and the days they fall on now.

/** Up to this many days are merged again inside the change's own transaction; more go to a job. */
export const INLINE_REMERGE_MAX_DAYS = 400;

export const SAMPLE_MERGED_METRICS = DAILY_MERGE_METRICS.filter(
  (metric) => SAMPLE_METRICS[metric] !== undefined,
) as DailyMergeMetric[];
const SAMPLE_NAMES = SAMPLE_MERGED_METRICS.flatMap((metric) => SAMPLE_METRICS[metric] ?? []);

/** The local days the person's merged samples fall on in any of `timeZones`, sorted. */
export async function findSampleDays(db: Database, params: { userId: string; timeZones: string[] }): Promise<string[]> {
  const days = new Set<string>();
  for (const timeZone of new Set(params.timeZones)) {
    const zone = sql`${timeZone}::text`;
    const rows = await db
      .selectDistinct({ day: sql<string>`to_char(${samples.time} at time zone ${zone}, 'YYYY-MM-DD')` })
      .from(samples)
      .where(and(eq(samples.userId, params.userId), inArray(samples.metric, SAMPLE_NAMES)));
    for (const row of rows) days.add(row.day);
  }
  return [...days].sort();
}

/** Merges the given days' sample-made metrics again, in the person's current time zone. */
export function remergeSampleDays(db: Database, params: { userId: string; days: string[] }): Promise<number> {
  return remergeDays(db, { ...params, metrics: SAMPLE_MERGED_METRICS });
}

/**
 * After the person's time zone changed from `previousTimeZone` (call it in the change's
 * transaction, after the new zone is saved): a few hundred days are merged again at once;
 * more are left to a job, whose payload this returns.
 */
export async function remergeAfterTimeZoneChange(
  db: Database,
  params: { userId: string; previousTimeZone: string; timeZone: string },
): Promise<{ days: number; job: { previousTimeZone: string; timeZone: string } | null }> {
  const { userId, previousTimeZone, timeZone } = params;
  if (previousTimeZone === timeZone) return { days: 0, job: null };
  const days = await findSampleDays(db, { userId, timeZones: [previousTimeZone, timeZone] });
  if (days.length >= INLINE_REMERGE_MAX_DAYS) return { days: days.length, job: { previousTimeZone, timeZone } };
  await remergeSampleDays(db, { userId, days });
  return { days: days.length, job: null };
}
