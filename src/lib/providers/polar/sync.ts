import { z } from "zod";
import type { RecordBatch } from "@/lib/sync/records";
import type { ProviderSync, SyncContext, SyncStream } from "@/lib/sync/types";
import type { DataType } from "../types";
import { getPolarJson, POLAR_API } from "./api";
import { polarExerciseFiles } from "./files";
import { polarExerciseListSchema, polarNightsSchema, polarRechargesSchema } from "./schemas";
import { dailyActivityStream, dailyActivityWindows } from "./sync-daily-activity";
import { physicalInfoStream } from "./sync-physical-info";
import { transformPolarExercise } from "./transform";
import { sleepScoreDay, transformPolarRecharge, transformPolarSleep } from "./transform-sleep";

// These lists take no window at all: Polar answers with what it still holds (exercises
// uploaded in the last 30 days, sleep and Nightly Recharge of the last 28), so every sync
// re-reads the whole list in one request. The cursor only records when that last happened.
const cursorSchema = z.object({ listedAt: z.iso.datetime() });

function listStream(
  key: string,
  dataTypes: readonly DataType[],
  webhookTypes: readonly string[],
  path: string,
  read: (body: unknown, context: SyncContext) => RecordBatch,
): SyncStream {
  return {
    key,
    dataTypes,
    webhookTypes,
    async fetchPage(context, rawCursor) {
      if (rawCursor) cursorSchema.parse(JSON.parse(rawCursor));
      const body = await getPolarJson(context, `${POLAR_API}${path}`, key);
      const records = body === null ? {} : read(body, context);
      return {
        records,
        nextCursor: null,
        resumeCursor: JSON.stringify({ listedAt: context.now.toISOString() }),
        progress: { done: 1, total: 1 },
      };
    },
  };
}

const exercises = listStream("exercises", ["activities"], ["EXERCISE"], "/exercises", (body) => {
  const list = polarExerciseListSchema.parse(body);
  return { activities: list.map(transformPolarExercise), originalFiles: polarExerciseFiles(list) };
});

const sleep = listStream("sleep", ["sleep"], ["SLEEP"], "/users/sleep", (body, context) => {
  const { nights } = polarNightsSchema.parse(body);
  return {
    sleepSessions: nights.map((night) => transformPolarSleep(night, context.externalUserId)),
    dailySummaries: nights.map(sleepScoreDay),
  };
});

// No Nightly Recharge event: Polar computes it with the night, so SLEEP stands for both.
const nightlyRecharge = listStream(
  "nightly-recharge",
  ["hrv", "recovery", "daily"],
  ["SLEEP"],
  "/users/nightly-recharge",
  (body) => ({
    dailySummaries: polarRechargesSchema.parse(body).recharges.map(transformPolarRecharge),
  }),
);

/** Polar's 429 (UNCONFIRMED) may carry only RateLimit-Reset, read as seconds until the window resets. */
export function polarRateLimitWaitMs(response: Response): number | undefined {
  if (response.headers.has("retry-after")) return undefined;
  const reset = Number(response.headers.get("ratelimit-reset"));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
}

export const polarSync: ProviderSync = {
  streams: [exercises, sleep, nightlyRecharge, dailyActivityStream, physicalInfoStream],
  // The lists reach back 28-30 days whatever we ask; daily activity takes `from` up to 365
  // days back, so a first sync reads that whole year, 28 days a request.
  backfillDays: 365,
  // Polar publishes no limit now; older AccessLink docs (UNCONFIRMED) gave 500 + 20 x users
  // requests per 15 minutes and 5000 + 100 x users per day for the whole client. 30 a minute
  // stays under the short window even with no users counted; 429s cover the daily one.
  requestsPerMinute: 30,
  budgetScope: "app",
  rateLimitWaitMs: polarRateLimitWaitMs,
};

/**
 * The fewest requests a first sync can make (for benchmarks): one each for the exercise,
 * sleep and Nightly Recharge lists and the physical info, plus one per 28-day window of
 * daily activity. Polar pages nothing, so no page size enters.
 */
export const polarMinimumFirstSyncRequests = (backfillDays = polarSync.backfillDays) =>
  4 + dailyActivityWindows(backfillDays);
