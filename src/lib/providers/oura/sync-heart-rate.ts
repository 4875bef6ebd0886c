import { z } from "zod";
import type { SyncStream } from "@/lib/sync/types";
import { hasScope } from "@/lib/sync/scopes";
import { OURA_API, readOuraJson } from "./sync-collection";
import { ouraCollectionSchema, ouraHeartRateSchema } from "./schemas";
import { transformOuraHeartRate } from "./transform";
import { DAY_MS } from "@/lib/dates";

// Ranges over 30 days fail at Oura; open-wearables chunks heartrate the same way.
export const HEART_RATE_WINDOW_MS = 30 * DAY_MS;
// 288 samples a day: a month of intraday history is what the detail views show, and older
// days keep their resting heart rate and HRV on the daily rows from the sleep stream.
export const HEART_RATE_BACKFILL_DAYS = 30;
// Samples are 5 minutes apart: a range that ends closer to now than that is caught up.
const CAUGHT_UP_MS = 5 * 60_000;

// `until` is the instant the run reads up to, fixed on its first page (each page sees a later
// `now`). Windows go [from, to) and the next starts at this one's `to`, so they meet exactly:
// read as half-open or inclusive by Oura, no sample between them is skipped. `to` and `next`
// travel together: a next_token continues the query it came from.
const cursorSchema = z.object({
  origin: z.iso.datetime(),
  from: z.iso.datetime(),
  until: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  next: z.string().optional(),
});
type Cursor = z.infer<typeof cursorSchema>;
const envelope = ouraCollectionSchema(ouraHeartRateSchema);
const iso = (ms: number) => new Date(ms).toISOString();

/** Windows a first sync reaching `backfillDays` back reads (each one request, or more with next_token). */
export const heartRateWindows = (backfillDays: number) =>
  Math.ceil((Math.min(backfillDays, HEART_RATE_BACKFILL_DAYS) * DAY_MS) / HEART_RATE_WINDOW_MS);

/**
 * The heart-rate time series. It ignores start_date/end_date (an unfiltered request comes
 * back empty), so it is windowed by start_datetime/end_datetime, in UTC.
 */
export const heartRateStream: SyncStream = {
  key: "heart_rate",
  dataTypes: ["heart_rate"],
  // Oura has no heart-rate webhook; the samples arrive with the ring upload that changes the
  // day's activity and the night's sleep.
  webhookTypes: ["daily_activity", "sleep"],
  async fetchPage(context, rawCursor) {
    if (!hasScope(context, "heartrate")) return { records: {}, nextCursor: null };
    const now = context.now.getTime();
    const start = iso(now - Math.min(context.backfillDays, HEART_RATE_BACKFILL_DAYS) * DAY_MS);
    const parsed: Cursor = rawCursor ? cursorSchema.parse(JSON.parse(rawCursor)) : { origin: start, from: start };
    const cursor = { ...parsed, until: parsed.until ?? iso(now) };
    const from = Date.parse(cursor.from);
    const until = Date.parse(cursor.until);
    const to = cursor.next && cursor.to ? Date.parse(cursor.to) : Math.min(from + HEART_RATE_WINDOW_MS, until);

    const url = new URL(`${OURA_API}/heartrate`);
    url.searchParams.set("start_datetime", cursor.from);
    url.searchParams.set("end_datetime", iso(to));
    if (cursor.next) url.searchParams.set("next_token", cursor.next);
    const page = envelope.parse(await readOuraJson(await context.fetch(url.toString()), "heartrate"));
    const samples = page.data.map(transformOuraHeartRate);

    const origin = Date.parse(cursor.origin);
    const progress = { done: to - origin, total: Math.max(1, until - origin) };
    const records = { samples };
    if (page.next_token)
      return { records, nextCursor: JSON.stringify({ ...cursor, to: iso(to), next: page.next_token }), progress };
    if (to < until)
      return {
        records,
        nextCursor: JSON.stringify({ origin: cursor.origin, from: iso(to), until: cursor.until }),
        progress,
      };
    // A run resumed long after it began goes on to its own now.
    if (now - until > CAUGHT_UP_MS)
      return {
        records,
        nextCursor: JSON.stringify({ origin: cursor.origin, from: iso(until), until: iso(now) }),
        progress,
      };
    // Caught up. The ring uploads when it reaches the phone, so samples older than `until`
    // can still arrive: next time start from the newest sample Oura had (re-reading it is harmless).
    const newest = samples.reduce((latest, sample) => Math.max(latest, new Date(sample.time).getTime()), from);
    const resumeFrom = iso(newest);
    return {
      records,
      nextCursor: null,
      resumeCursor: JSON.stringify({ origin: resumeFrom, from: resumeFrom }),
      progress,
    };
  },
};
