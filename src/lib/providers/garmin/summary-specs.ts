import type { z } from "zod";
import type { DailyRecord, RecordBatch } from "@/lib/sync/records";
import {
  garminActivitySchema,
  garminBodyCompSchema,
  garminDailySchema,
  garminHrvSchema,
  garminSleepSchema,
  garminStressDetailsSchema,
} from "./schemas";
import type { SummaryStreamSpec } from "./sync-stream";
import {
  garminSleepScoreDay,
  transformGarminActivity,
  transformGarminBodyComp,
  transformGarminDaily,
  transformGarminHrv,
  transformGarminSleep,
  transformGarminStressDetails,
} from "./transform";

// The summary types we store, each with its schema and transform: the sync reads them from
// ping callbacks (and legacy pulls), the push job from kept push bodies; both write the same rows.

export interface GarminSummaryKind {
  spec: SummaryStreamSpec<z.ZodType>;
  /** One summary checked against its schema (throws a ZodError naming the field). */
  parse(summary: unknown): unknown;
  /** Summaries that passed `parse`, as rows. */
  toRecords(summaries: unknown[]): RecordBatch;
}

function summaryKind<T extends z.ZodType>(spec: SummaryStreamSpec<T>): GarminSummaryKind {
  return {
    spec: spec as unknown as SummaryStreamSpec<z.ZodType>,
    parse: (summary) => spec.summary.parse(summary),
    toRecords: (summaries) => spec.toRecords(summaries as z.infer<T>[]),
  };
}

export const GARMIN_SUMMARY_KINDS: readonly GarminSummaryKind[] = [
  summaryKind({
    key: "activities",
    dataTypes: ["activities"],
    summaryType: "activities",
    summary: garminActivitySchema,
    toRecords: (list) => ({ activities: list.map(transformGarminActivity) }),
  }),
  summaryKind({
    key: "dailies",
    dataTypes: ["daily", "steps", "heart_rate"],
    summaryType: "dailies",
    summary: garminDailySchema,
    toRecords: (list) => ({ dailySummaries: list.map(transformGarminDaily) }),
  }),
  summaryKind({
    key: "sleeps",
    dataTypes: ["sleep"],
    summaryType: "sleeps",
    summary: garminSleepSchema,
    toRecords: (list) => ({
      sleepSessions: list.map(transformGarminSleep),
      dailySummaries: list.map(garminSleepScoreDay).filter((day): day is DailyRecord => day !== undefined),
    }),
  }),
  summaryKind({
    key: "hrv",
    dataTypes: ["hrv"],
    summaryType: "hrv",
    summary: garminHrvSchema,
    toRecords: (list) => ({ dailySummaries: list.map(transformGarminHrv) }),
  }),
  summaryKind({
    key: "stressDetails",
    dataTypes: ["stress"],
    summaryType: "stressDetails",
    summary: garminStressDetailsSchema,
    toRecords: (list) => ({ dailySummaries: list.map(transformGarminStressDetails) }),
  }),
  summaryKind({
    key: "bodyComps",
    dataTypes: ["weight"],
    summaryType: "bodyComps",
    summary: garminBodyCompSchema,
    toRecords: (list) => ({ bodyMeasurements: list.map(transformGarminBodyComp) }),
  }),
];

/** The kind a notification's top-level key names, if we store it. */
export const findSummaryKind = (summaryType: string) =>
  GARMIN_SUMMARY_KINDS.find((kind) => kind.spec.summaryType === summaryType);
