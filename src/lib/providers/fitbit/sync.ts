import type { ProviderSync } from "@/lib/sync/types";
import { heartRateStream } from "./sync-heart-rate";
import {
  activeEnergyStream,
  bodyStream,
  dailyCaloriesStream,
  distanceStream,
  exerciseStream,
  hrvStream,
  LIST_PAGE_SIZE,
  restingHeartRateStream,
  ROLLUP_MAX_DAYS,
  SESSION_PAGE_SIZE,
  sleepStream,
  stepsStream,
} from "./sync-streams";
import { HORIZON_DAYS } from "./sync-window";

export const fitbitSync: ProviderSync = {
  streams: [
    exerciseStream,
    sleepStream,
    stepsStream,
    distanceStream,
    activeEnergyStream,
    dailyCaloriesStream,
    restingHeartRateStream,
    hrvStream,
    bodyStream,
    heartRateStream,
  ],
  // A year: Google serves the history it migrated from Fitbit, but a year covers trends and
  // training load while keeping the first sync to a few dozen requests. Intraday heart rate
  // reaches back two weeks only (sync-heart-rate.ts).
  backfillDays: 365,
  // Published: 300 requests per minute per user.
  requestsPerMinute: 300,
  budgetScope: "connection",
};

/** The list types a first sync reads, with the most points Google puts on one page of each. */
export const FITBIT_LIST_PAGE_SIZES = {
  exercise: SESSION_PAGE_SIZE,
  sleep: SESSION_PAGE_SIZE,
  "daily-resting-heart-rate": LIST_PAGE_SIZE,
  "daily-heart-rate-variability": LIST_PAGE_SIZE,
  weight: LIST_PAGE_SIZE,
  "body-fat": LIST_PAGE_SIZE,
  "heart-rate": LIST_PAGE_SIZE,
} as const;
export type FitbitListType = keyof typeof FITBIT_LIST_PAGE_SIZES;

/**
 * The fewest requests a first sync can make (for benchmarks and tests). A list has no
 * documented range limit, so each is one query over the whole span, paged at Google's largest
 * page (25 for exercise and sleep, 10,000 otherwise; a server may fill pages with fewer), at
 * least one request even when empty. dailyRollUp is one request per 90 days of each summed type,
 * per 14 of total-calories, over the civil days from the backfill start to the horizon.
 */
export function fitbitMinimumFirstSyncRequests(input: {
  /** Points each list holds inside the span a first sync reads. */
  points: Record<FitbitListType, number>;
  /** Where the server fills pages with fewer than Google's largest (the sandbox's heart rate). */
  pageFill?: Partial<Record<FitbitListType, number>>;
  backfillDays?: number;
}): number {
  const days = (input.backfillDays ?? fitbitSync.backfillDays) + HORIZON_DAYS;
  const lists = (Object.keys(FITBIT_LIST_PAGE_SIZES) as FitbitListType[]).reduce((sum, type) => {
    const pageSize = Math.min(FITBIT_LIST_PAGE_SIZES[type], input.pageFill?.[type] ?? Number.POSITIVE_INFINITY);
    return sum + Math.max(1, Math.ceil(input.points[type] / pageSize));
  }, 0);
  return lists + Object.values(ROLLUP_MAX_DAYS).reduce((sum, maxDays) => sum + Math.ceil(days / maxDays), 0);
}
