import type { ProviderSync } from "@/lib/sync/types";
import { collectionStream } from "./sync-collection";
import { heartRateStream } from "./sync-heart-rate";
import { ouraDailyActivitySchema, ouraDailyReadinessSchema, ouraDailySleepSchema, ouraSleepSchema, ouraWorkoutSchema } from "./schemas";
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
  // Oura keeps the whole history; three years of daily collections is ~200 windowed
  // requests, so the first sync finishes in about a minute within the budget below.
  backfillDays: 3 * 365,
  // Oura's FAQ: 5000 requests per 5 minutes per access token, with an unpublished per-app
  // ceiling on top; 250 a minute stays under that and under the 300/min some clients assume.
  requestsPerMinute: 250,
  budgetScope: "connection",
};
