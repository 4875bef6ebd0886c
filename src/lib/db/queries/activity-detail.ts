import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Database } from "../client";
import { activities, samples } from "../schema";

export const detailColumns = {
  id: activities.id,
  provider: activities.provider,
  externalId: activities.externalId,
  type: activities.type,
  providerType: activities.providerType,
  name: activities.name,
  startAt: activities.startAt,
  utcOffsetSeconds: activities.utcOffsetSeconds,
  durationS: activities.durationS,
  movingTimeS: activities.movingTimeS,
  distanceM: activities.distanceM,
  elevationGainM: activities.elevationGainM,
  energyKcal: activities.energyKcal,
  avgHeartRateBpm: activities.avgHeartRateBpm,
  maxHeartRateBpm: activities.maxHeartRateBpm,
  avgPowerW: activities.avgPowerW,
  avgSpeedMps: activities.avgSpeedMps,
  maxSpeedMps: activities.maxSpeedMps,
  device: activities.device,
  polyline: activities.polyline,
};

export type ActivityDetailRow = Awaited<ReturnType<typeof findActivityForUser>> & {};

/**
 * One activity, only when it belongs to `userId`: someone else's id finds nothing, exactly
 * like an id that never existed. `activityId` must already be a well-formed uuid (Postgres
 * rejects anything else with an error, not an empty result).
 */
export async function findActivityForUser(db: Database, params: { userId: string; activityId: string }) {
  const [row] = await db
    .select(detailColumns)
    .from(activities)
    .where(and(eq(activities.id, params.activityId), eq(activities.userId, params.userId)))
    .limit(1);
  return row;
}

// A day of one-second samples from two devices is ~170 000 rows; more than this is no
// longer one activity's worth and the chart only draws a few hundred points anyway.
const MAX_WINDOW_SAMPLES = 200_000;

/** The user's samples of `metrics` taken from `from` to `to`, both inclusive, oldest first. */
export async function findSamplesInWindow(
  db: Database,
  params: { userId: string; metrics: readonly string[]; from: Date; to: Date },
) {
  if (params.metrics.length === 0) return [];
  return db
    .select({
      metric: samples.metric,
      time: samples.time,
      value: samples.value,
      unit: samples.unit,
      provider: samples.provider,
      sourceId: samples.sourceId,
    })
    .from(samples)
    .where(
      and(
        eq(samples.userId, params.userId),
        inArray(samples.metric, [...params.metrics]),
        gte(samples.time, params.from),
        lte(samples.time, params.to),
      ),
    )
    .orderBy(asc(samples.time))
    .limit(MAX_WINDOW_SAMPLES);
}

export type WindowSample = Awaited<ReturnType<typeof findSamplesInWindow>>[number];
