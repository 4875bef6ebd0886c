import type { DailyRecord } from "@/lib/sync/records";
import type { ProviderSync } from "@/lib/sync/types";
import { garminActivitySchema, garminBodyCompSchema, garminDailySchema, garminHrvSchema, garminSleepSchema, garminStressDetailsSchema } from "./schemas";
import { summaryStream } from "./sync-stream";
import {
  garminSleepScoreDay,
  transformGarminActivity,
  transformGarminBodyComp,
  transformGarminDaily,
  transformGarminHrv,
  transformGarminSleep,
  transformGarminStressDetails,
} from "./transform";

const activities = summaryStream({
  key: "activities",
  dataTypes: ["activities"],
  summaryType: "activities",
  summary: garminActivitySchema,
  toRecords: (list) => ({ activities: list.map(transformGarminActivity) }),
});

const dailies = summaryStream({
  key: "dailies",
  dataTypes: ["daily", "steps", "heart_rate"],
  summaryType: "dailies",
  summary: garminDailySchema,
  toRecords: (list) => ({ dailySummaries: list.map(transformGarminDaily) }),
});

const sleeps = summaryStream({
  key: "sleeps",
  dataTypes: ["sleep"],
  summaryType: "sleeps",
  summary: garminSleepSchema,
  toRecords: (list) => ({
    sleepSessions: list.map(transformGarminSleep),
    dailySummaries: list.map(garminSleepScoreDay).filter((day): day is DailyRecord => day !== undefined),
  }),
});

const hrv = summaryStream({
  key: "hrv",
  dataTypes: ["hrv"],
  summaryType: "hrv",
  summary: garminHrvSchema,
  toRecords: (list) => ({ dailySummaries: list.map(transformGarminHrv) }),
});

const stress = summaryStream({
  key: "stressDetails",
  dataTypes: ["stress"],
  summaryType: "stressDetails",
  summary: garminStressDetailsSchema,
  toRecords: (list) => ({ dailySummaries: list.map(transformGarminStressDetails) }),
});

const bodyComps = summaryStream({
  key: "bodyComps",
  dataTypes: ["weight"],
  summaryType: "bodyComps",
  summary: garminBodyCompSchema,
  toRecords: (list) => ({ bodyMeasurements: list.map(transformGarminBodyComp) }),
});

export const garminSync: ProviderSync = {
  streams: [activities, dailies, sleeps, hrv, stress, bodyComps],
  // The period a first sync asks Garmin to backfill (OAuth 2.0), or pulls in upload windows
  // (legacy OAuth 1.0a). Garmin ties how far back backfill reaches to when the person
  // connected, so asking for more buys little.
  backfillDays: 14,
  // No published per-minute limit; evaluation keys are throttled per app (open-wearables
  // budgets 100/min). A legacy first sync of six streams over 14 days is 84 requests.
  requestsPerMinute: 60,
  budgetScope: "app",
};
