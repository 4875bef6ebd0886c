import type { ProviderSync } from "@/lib/sync/types";
import { heartRateStream } from "./sync-heart-rate";
import { activeEnergyStream, bodyStream, dailyCaloriesStream, distanceStream, exerciseStream, hrvStream, restingHeartRateStream, sleepStream, stepsStream } from "./sync-streams";

export const fitbitSync: ProviderSync = {
  streams: [exerciseStream, sleepStream, stepsStream, distanceStream, activeEnergyStream, dailyCaloriesStream, restingHeartRateStream, hrvStream, bodyStream, heartRateStream],
  // A year: Google serves the history it migrated from Fitbit, but a year covers trends and
  // training load while keeping the first sync to a few dozen requests. Intraday heart rate
  // reaches back two weeks only (sync-heart-rate.ts).
  backfillDays: 365,
  // Published: 300 requests per minute per user.
  requestsPerMinute: 300,
  budgetScope: "connection",
};
