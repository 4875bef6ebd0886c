import type { ProviderSync } from "@/lib/sync/types";
import { collectionStream } from "./sync-collection";
import { heartRateStream, heartRateWindows } from "./sync-heart-rate";
import {
  ouraDailyActivitySchema,
  ouraDailyReadinessSchema,
  ouraDailySleepSchema,
  ouraSleepSchema,
  ouraWorkoutSchema,
} from "./schemas";
import {
  dailyFromMainSleep,
  isCountedSleep,
  transformOuraDailyActivity,
  transformOuraDailySleep,
  transformOuraReadiness,
  transformOuraSleep,
  transformOuraWorkout,
} from "./transform";

const sleep = collectionStream({
  key: "sleep",
  dataTypes: ["sleep", "hrv"],
  webhookTypes: ["sleep"],
  collection: "sleep",
  scope: "daily",
  document: ouraSleepSchema,
  dayOf: (document) => document.day,
  toRecords(documents) {
    const periods = documents.filter(isCountedSleep);
    return {
      sleepSessions: periods.map(transformOuraSleep),
      dailySummaries: periods.flatMap((period) => dailyFromMainSleep(period) ?? []),
    };
  },
});

const dailySleep = collectionStream({
  key: "daily_sleep",
  dataTypes: ["sleep"],
  webhookTypes: ["daily_sleep"],
  collection: "daily_sleep",
  scope: "daily",
  document: ouraDailySleepSchema,
  dayOf: (document) => document.day,
  toRecords: (documents) => ({ dailySummaries: documents.map(transformOuraDailySleep) }),
});

const readiness = collectionStream({
  key: "daily_readiness",
  dataTypes: ["readiness"],
  webhookTypes: ["daily_readiness"],
  collection: "daily_readiness",
  scope: "daily",
  document: ouraDailyReadinessSchema,
  dayOf: (document) => document.day,
  toRecords: (documents) => ({ dailySummaries: documents.map(transformOuraReadiness) }),
});

const dailyActivity = collectionStream({
  key: "daily_activity",
  dataTypes: ["daily", "steps"],
  webhookTypes: ["daily_activity"],
  collection: "daily_activity",
  scope: "daily",
  document: ouraDailyActivitySchema,
  dayOf: (document) => document.day,
  toRecords: (documents) => ({ dailySummaries: documents.map(transformOuraDailyActivity) }),
});

const workouts = collectionStream({
  key: "workouts",
  dataTypes: ["activities"],
  webhookTypes: ["workout"],
  collection: "workout",
  scope: "workout",
  document: ouraWorkoutSchema,
  dayOf: (document) => document.day,
  toRecords: (documents) => ({ activities: documents.map(transformOuraWorkout) }),
});

export const ouraSync: ProviderSync = {
  streams: [sleep, dailySleep, readiness, dailyActivity, workouts, heartRateStream],
  // Oura keeps the whole history; each daily collection reads three years in one paged
  // query, so a first sync costs the pages its documents fill (a few dozen), not windows.
  backfillDays: 3 * 365,
  // Oura's FAQ: 5000 requests per 5 minutes per access token, with an unpublished per-app
  // ceiling on top; 250 a minute stays under that and under the 300/min some clients assume.
  requestsPerMinute: 250,
  budgetScope: "connection",
};

/** The collections a first sync reads, by the path segment after /v2/usercollection/. */
export const OURA_SYNC_COLLECTIONS = ["sleep", "daily_sleep", "daily_readiness", "daily_activity", "workout"] as const;

/**
 * The fewest requests a first sync can make (for benchmarks). Oura takes no page size, so
 * the pages are its own: each collection is one query over the whole backfill, at least one
 * request even when empty; heart rate is read in 30-day windows, each paged the same way.
 */
export function ouraMinimumFirstSyncRequests(input: {
  /** Documents each collection holds inside the backfill. */
  documents: Record<(typeof OURA_SYNC_COLLECTIONS)[number], number>;
  /** Heart-rate samples in each backfill window (one window for the default 30 days). */
  heartRateSamplesPerWindow: number[];
  pageSize: number;
  heartRatePageSize: number;
  backfillDays?: number;
}): number {
  const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));
  const windows = heartRateWindows(input.backfillDays ?? ouraSync.backfillDays);
  const heartRate = Array.from({ length: windows }, (_, index) =>
    pages(input.heartRateSamplesPerWindow[index] ?? 0, input.heartRatePageSize),
  );
  return (
    OURA_SYNC_COLLECTIONS.reduce((sum, collection) => sum + pages(input.documents[collection], input.pageSize), 0) +
    heartRate.reduce((sum, count) => sum + count, 0)
  );
}
