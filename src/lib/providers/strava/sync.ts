import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ProviderSync, SyncStream } from "@/lib/sync/types";
import { stravaActivityListSchema } from "./schemas";
import { transformStravaActivity } from "./transform";

const PER_PAGE = 200; // Strava's maximum

// The cursor: list everything after `after` (epoch s), page by page; `after` never moves
// mid-backfill, so page numbers stay stable while new activities land at the end.
const cursorSchema = z.object({ after: z.number().int(), page: z.number().int().positive() });

const activities: SyncStream = {
  key: "activities",
  dataTypes: ["activities"],
  webhookTypes: ["activity"],
  async fetchPage(context, rawCursor) {
    const cursor = rawCursor ? cursorSchema.parse(JSON.parse(rawCursor)) : { after: 0, page: 1 };
    const url = new URL("https://www.strava.com/api/v3/athlete/activities");
    url.searchParams.set("after", String(cursor.after));
    url.searchParams.set("page", String(cursor.page));
    url.searchParams.set("per_page", String(PER_PAGE));
    const response = await context.fetch(url.toString());
    if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `Strava activities answered HTTP ${response.status}.`);
    const list = stravaActivityListSchema.parse(await response.json());
    const records = list.map(transformStravaActivity);
    if (list.length === PER_PAGE) {
      return {
        records: { activities: records },
        nextCursor: JSON.stringify({ after: cursor.after, page: cursor.page + 1 }),
        progress: { done: cursor.page, total: null },
      };
    }
    // Caught up: next time start just before the newest activity seen (re-reading it is harmless).
    const newest = records.reduce(
      (latest, record) => Math.max(latest, Math.floor(new Date(record.startAt).getTime() / 1000)),
      cursor.after + 1,
    );
    return {
      records: { activities: records },
      nextCursor: null,
      resumeCursor: JSON.stringify({ after: newest - 1, page: 1 }),
      progress: { done: cursor.page, total: cursor.page },
    };
  },
};

/** Strava windows reset at :00/:15/:30/:45 and at midnight UTC; its 429 carries no Retry-After. */
export function stravaRateLimitWaitMs(response: Response, now: number): number | undefined {
  const pair = (name: string) => {
    const values = (response.headers.get(name) ?? "").split(",").map((value) => Number(value.trim()));
    return values.length === 2 && values.every(Number.isFinite) ? (values as [number, number]) : undefined;
  };
  const limit = pair("x-readratelimit-limit") ?? pair("x-ratelimit-limit");
  const usage = pair("x-readratelimit-usage") ?? pair("x-ratelimit-usage");
  if (!limit || !usage) return undefined;
  // A second past the reset: our clock and Strava's need not agree to the millisecond.
  const margin = 1000;
  if (usage[1] >= limit[1]) {
    const midnight = new Date(now);
    midnight.setUTCHours(24, 0, 0, 0);
    return midnight.getTime() - now + margin;
  }
  const quarter = 15 * 60_000;
  return Math.ceil((now + 1) / quarter) * quarter - now + margin;
}

export const stravaSync: ProviderSync = {
  streams: [activities],
  // Strava keeps the whole history and lets us read it: the first sync reaches back to the start.
  backfillDays: 365 * 50,
  // 100 read requests per 15 minutes for the whole app (default tier); stay a little under.
  requestsPerMinute: 6,
  budgetScope: "app",
  rateLimitWaitMs: stravaRateLimitWaitMs,
};
