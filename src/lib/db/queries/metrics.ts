import { and, asc, eq, gte, lt, notExists, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { bodyMeasurements, dailySummaries, samples, sleepSessionCopies, sleepSessions } from "../schema";
import type { DailyMergeMetric } from "@/lib/merge/daily/metrics";
import type { DailyMergeExplanation, SourceRef } from "@/lib/merge/daily/types";
import { findMergedDaily } from "./merged-daily";
import { findNightCopies } from "./merged-copies";
import { ownRowsBetween } from "./own-rows";

// One metric name for every source, whichever table it lives in. Units are SI, as stored.
const DAILY = {
  steps: [dailySummaries.steps, "count"],
  distance: [dailySummaries.distanceM, "m"],
  active_energy: [dailySummaries.activeEnergyKcal, "kcal"],
  total_energy: [dailySummaries.totalEnergyKcal, "kcal"],
  resting_heart_rate: [dailySummaries.restingHeartRateBpm, "bpm"],
  hrv: [dailySummaries.hrvMs, "ms"],
  readiness: [dailySummaries.readinessScore, "score"],
  recovery: [dailySummaries.recoveryScore, "score"],
  strain: [dailySummaries.strain, "score"],
  stress: [dailySummaries.stressAvg, "score"],
  sleep_score: [dailySummaries.sleepScore, "score"],
} as const satisfies Record<string, [PgColumn, string]>;
const BODY = {
  weight: [bodyMeasurements.weightKg, "kg"],
  bmi: [bodyMeasurements.bmi, "kg/m2"],
  body_fat: [bodyMeasurements.bodyFatPercent, "%"],
} as const;
const SLEEP = {
  sleep_duration: [sleepSessions.asleepS, "s"],
  deep_sleep: [sleepSessions.deepS, "s"],
  rem_sleep: [sleepSessions.remS, "s"],
} as const;

export interface MetricPoint {
  /** A local date (YYYY-MM-DD) for daily metrics, an ISO instant otherwise. */
  at: string;
  value: number;
  provider: string;
  sourceId: string;
  /** Merged daily values: what the value is made of. */
  explanation?: DailyMergeExplanation;
  /** Merged nights: the same night as other sources recorded it, not counted. */
  copies?: Array<SourceRef & { value: number }>;
}

export async function queryMetric(
  db: Database,
  params: { userId: string; metric: string; provider?: string; start: string; end: string; isMerged?: boolean },
): Promise<{ metric: string; unit: string; isMerged: boolean; points: MetricPoint[] }> {
  const { userId, metric, provider, start, end } = params;
  const byProvider = (column: PgColumn): SQL | undefined => (provider ? eq(column, provider) : undefined);
  // One source asked for is that source's own rows; otherwise merged where a merge exists.
  const isMerged = Boolean(params.isMerged) && !provider && (metric in DAILY || metric in SLEEP);

  if (isMerged && metric in DAILY) {
    const [, unit] = DAILY[metric as keyof typeof DAILY];
    const points = await findMergedDaily(db, { userId, metric: metric as DailyMergeMetric, start, end });
    return { metric, unit, isMerged, points: points.map(({ date, ...point }) => ({ at: date, ...point })) };
  }
  if (metric in DAILY) {
    const [column, unit] = DAILY[metric as keyof typeof DAILY];
    const rows = await db
      .select({
        at: dailySummaries.localDate,
        value: column,
        provider: dailySummaries.provider,
        sourceId: dailySummaries.sourceId,
      })
      .from(dailySummaries)
      .where(
        ownRowsBetween(
          dailySummaries,
          { userId, column: dailySummaries.localDate, start, end },
          byProvider(dailySummaries.provider),
        ),
      )
      .orderBy(asc(dailySummaries.localDate));
    return {
      metric,
      unit,
      isMerged,
      points: rows.filter((row) => row.value !== null).map((row) => ({ ...row, value: Number(row.value) })),
    };
  }
  if (metric in SLEEP) {
    const [column, unit] = SLEEP[metric as keyof typeof SLEEP];
    const rows = await db
      .select({
        id: sleepSessions.id,
        at: sleepSessions.localDate,
        value: column,
        provider: sleepSessions.provider,
        sourceId: sleepSessions.sourceId,
      })
      .from(sleepSessions)
      .where(
        ownRowsBetween(
          sleepSessions,
          { userId, column: sleepSessions.localDate, start, end },
          byProvider(sleepSessions.provider),
          // Merged: a night another source recorded first counts once, as that source's.
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
      .orderBy(asc(sleepSessions.localDate));
    const copies = isMerged
      ? await findNightCopies(db, { userId, primaryIds: rows.map((row) => row.id), column })
      : null;
    return {
      metric,
      unit,
      isMerged,
      points: rows
        .filter((row) => row.value !== null)
        .map(({ id, ...row }) => ({
          ...row,
          value: Number(row.value),
          ...(copies ? { copies: copies.get(id) ?? [] } : {}),
        })),
    };
  }
  const from = new Date(`${start}T00:00:00Z`);
  const until = new Date(new Date(`${end}T00:00:00Z`).getTime() + 86_400_000);
  if (metric in BODY) {
    const [column, unit] = BODY[metric as keyof typeof BODY];
    const rows = await db
      .select({
        at: bodyMeasurements.measuredAt,
        value: column,
        provider: bodyMeasurements.provider,
        sourceId: bodyMeasurements.sourceId,
      })
      .from(bodyMeasurements)
      .where(
        and(
          eq(bodyMeasurements.userId, userId),
          byProvider(bodyMeasurements.provider),
          gte(bodyMeasurements.measuredAt, from),
          lt(bodyMeasurements.measuredAt, until),
        ),
      )
      .orderBy(asc(bodyMeasurements.measuredAt));
    return {
      metric,
      unit,
      isMerged,
      points: rows
        .filter((row) => row.value !== null)
        .map((row) => ({ ...row, at: row.at.toISOString(), value: Number(row.value) })),
    };
  }
  // Anything else is a sample series under its own name (heart_rate, spo2, …).
  const rows = await db
    .select({
      at: samples.time,
      value: samples.value,
      unit: samples.unit,
      provider: samples.provider,
      sourceId: samples.sourceId,
    })
    .from(samples)
    .where(
      and(
        eq(samples.userId, userId),
        eq(samples.metric, metric),
        byProvider(samples.provider),
        gte(samples.time, from),
        lt(samples.time, until),
      ),
    )
    .orderBy(asc(samples.time))
    .limit(100_000);
  return {
    metric,
    unit: rows[0]?.unit ?? "",
    isMerged,
    points: rows.map((row) => ({
      at: row.at.toISOString(),
      value: row.value,
      provider: row.provider,
      sourceId: row.sourceId,
    })),
  };
}
