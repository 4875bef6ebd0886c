import type { ProviderSync } from "@/lib/sync/types";
import { GARMIN_SUMMARY_KINDS } from "./summary-specs";
import { summaryStream } from "./sync-stream";

export const garminSync: ProviderSync = {
  streams: GARMIN_SUMMARY_KINDS.map((kind) => summaryStream(kind.spec)),
  // What a legacy OAuth 1.0a first sync pulls in 24-hour upload windows (one request per day
  // and type). OAuth 2.0 connections ask Garmin to backfill instead, as far back as their
  // history setting says (history.ts; GARMIN_HISTORY_DAYS, 90 days by default).
  backfillDays: 14,
  // No published per-minute limit; evaluation keys are throttled per app (open-wearables
  // budgets 100/min). A legacy first sync of six streams over 14 days is 84 requests.
  requestsPerMinute: 60,
  budgetScope: "app",
};
