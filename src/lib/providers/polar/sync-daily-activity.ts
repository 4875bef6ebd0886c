import { z } from "zod";
import type { SyncStream } from "@/lib/sync/types";
import { getPolarJson, POLAR_API } from "./api";
import { polarDailyActivityListSchema } from "./schemas";
import { transformPolarDailyActivity } from "./transform";
import { DAY_MS } from "@/lib/dates";

// Polar: `from` at most 365 days back, and at most 28 days from `from` to `to`. One day
// short of 365 because our "today" is UTC's and Polar's is the person's, up to 14 h ahead.
const OLDEST_DAYS = 364;
const MAX_SPAN_DAYS = 28;
/** The most days a first sync can read: 365, today included. */
export const DAILY_ACTIVITY_MAX_DAYS = OLDEST_DAYS + 1;
// A watch synced late uploads past days; re-reading the last week catches them and still
// fits one request with three weeks to spare between syncs.
const REREAD_DAYS = 7;

const cursorSchema = z.object({ from: z.iso.date() });

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Requests a first sync reaching `backfillDays` back makes: one per 28-day window. */
export const dailyActivityWindows = (backfillDays: number) =>
  Math.ceil(Math.min(backfillDays, DAILY_ACTIVITY_MAX_DAYS) / MAX_SPAN_DAYS);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

export const dailyActivityStream: SyncStream = {
  key: "daily-activity",
  dataTypes: ["daily", "steps"],
  webhookTypes: ["ACTIVITY_SUMMARY"],
  async fetchPage(context, rawCursor) {
    // The UTC date: a later date than Polar's own "today" could be refused as invalid.
    const today = dayMs(isoDay(context.now.getTime()));
    // A first sync walks back as far as asked, up to Polar's year, 28 days a request.
    const requested = rawCursor
      ? dayMs(cursorSchema.parse(JSON.parse(rawCursor)).from)
      : today - (Math.min(context.backfillDays, DAILY_ACTIVITY_MAX_DAYS) - 1) * DAY_MS;
    const from = Math.min(today, Math.max(requested, today - OLDEST_DAYS * DAY_MS));
    const to = Math.min(today, from + (MAX_SPAN_DAYS - 1) * DAY_MS);

    const url = new URL(`${POLAR_API}/users/activities`);
    url.searchParams.set("from", isoDay(from));
    url.searchParams.set("to", isoDay(to));
    const body = await getPolarJson(context, url.toString(), "daily activity");
    const days = body === null ? [] : polarDailyActivityListSchema.parse(body);
    const records = { dailySummaries: days.map(transformPolarDailyActivity) };

    const total = Math.ceil((today - from + DAY_MS) / (MAX_SPAN_DAYS * DAY_MS));
    if (to < today) {
      return { records, nextCursor: JSON.stringify({ from: isoDay(to + DAY_MS) }), progress: { done: 1, total } };
    }
    return {
      records,
      nextCursor: null,
      resumeCursor: JSON.stringify({ from: isoDay(today - (REREAD_DAYS - 1) * DAY_MS) }),
      progress: { done: 1, total: 1 },
    };
  },
};
