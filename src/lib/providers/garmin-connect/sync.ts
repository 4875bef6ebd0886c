import { getEnv } from "@/env";
import type { ProviderSync } from "@/lib/sync/types";
import type { GarminRegion } from "./regions";
import { activitiesStream, LIST_LIMIT } from "./sync-activities";
import { filesStream } from "./sync-files";
import { healthStreams } from "./sync-health";

/**
 * Garmin Connect publishes no limits for its private API and answers scripts it dislikes with
 * blocks, not quotas: a gentle pace, a per-account budget of list requests, and a 429 pauses
 * the account for hours (doubling) instead of being waited out.
 */
export function garminConnectSync(region: GarminRegion): ProviderSync {
  return {
    // Activities first: the files stream downloads what it brought in.
    streams: [activitiesStream(region), filesStream(region), ...healthStreams(region)],
    backfillDays: 90,
    requestsPerMinute: 30,
    budgetScope: "connection",
    onRateLimit: "pause",
    hourlyLimits: { [LIST_LIMIT]: () => getEnv().QT_CREDENTIAL_LIST_FETCHES_PER_HOUR },
  };
}
