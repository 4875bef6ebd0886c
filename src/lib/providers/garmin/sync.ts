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
  // What a legacy OAuth 1.0a first sync pulls in 24-hour upload windows (one request per day
  // and type). OAuth 2.0 connections ask Garmin to backfill instead, as far back as their
  // history setting says (history.ts; GARMIN_HISTORY_DAYS, 90 days by default).
  backfillDays: 14,
  // No published per-minute limit; evaluation keys are throttled per app (open-wearables
  // budgets 100/min). A legacy first sync of six streams over 14 days is 84 requests.
  requestsPerMinute: 60,
  budgetScope: "app",
};
