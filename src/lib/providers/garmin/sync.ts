import type { ProviderSync } from "@/lib/sync/types";
import { GARMIN_SUMMARY_KINDS } from "./summary-specs";
import { summaryStream } from "./sync-stream";

export const garminSync: ProviderSync = {
  streams: GARMIN_SUMMARY_KINDS.map((kind) => summaryStream(kind.spec)),
  // The period a first sync asks Garmin to backfill (OAuth 2.0), or pulls in upload windows
  // (legacy OAuth 1.0a). Garmin ties how far back backfill reaches to when the person
  // connected, so asking for more buys little.
  backfillDays: 14,
  // No published per-minute limit; evaluation keys are throttled per app (open-wearables
  // budgets 100/min). A legacy first sync of six streams over 14 days is 84 requests.
  requestsPerMinute: 60,
  budgetScope: "app",
};
