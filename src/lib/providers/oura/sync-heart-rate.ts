import { z } from "zod";
import type { SyncStream } from "@/lib/sync/types";
import { hasScope, OURA_API, readOuraJson } from "./sync-collection";
import { ouraCollectionSchema, ouraHeartRateSchema } from "./schemas";
import { transformOuraHeartRate } from "./transform";

// Ranges over ~30 days fail at Oura; open-wearables chunks heartrate the same way.
const WINDOW_MS = 30 * 86_400_000;
// 288 samples a day: a month of intraday history is what the detail views show, and older
// days keep their resting heart rate and HRV on the daily rows from the sleep stream.
export const HEART_RATE_BACKFILL_DAYS = 30;
// Samples are 5 minutes apart: a window that ends closer to now than that is caught up.
const CAUGHT_UP_MS = 5 * 60_000;

// `to` and `next` travel together: a next_token continues the query it came from.
const cursorSchema = z.object({ origin: z.iso.datetime(), from: z.iso.datetime(), to: z.iso.datetime().optional(), next: z.string().optional() });
type Cursor = z.infer<typeof cursorSchema>;
const envelope = ouraCollectionSchema(ouraHeartRateSchema);

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
    const start = new Date(now - Math.min(context.backfillDays, HEART_RATE_BACKFILL_DAYS) * 86_400_000).toISOString();
    const cursor: Cursor = rawCursor ? cursorSchema.parse(JSON.parse(rawCursor)) : { origin: start, from: start };
    const from = Date.parse(cursor.from);
    const to = cursor.next && cursor.to ? Date.parse(cursor.to) : Math.min(from + WINDOW_MS, now);

    const url = new URL(`${OURA_API}/heartrate`);
    url.searchParams.set("start_datetime", cursor.from);
    url.searchParams.set("end_datetime", new Date(to).toISOString());
    if (cursor.next) url.searchParams.set("next_token", cursor.next);
    const page = envelope.parse(await readOuraJson(await context.fetch(url.toString()), "heartrate"));
    const samples = page.data.map(transformOuraHeartRate);

    const origin = Date.parse(cursor.origin);
    const progress = { done: to - origin, total: Math.max(1, now - origin) };
    if (page.next_token) return { records: { samples }, nextCursor: JSON.stringify({ ...cursor, to: new Date(to).toISOString(), next: page.next_token }), progress };
    if (now - to > CAUGHT_UP_MS) return { records: { samples }, nextCursor: JSON.stringify({ origin: cursor.origin, from: new Date(to).toISOString() }), progress };
    // Caught up: the ring uploads when it reaches the phone, so the series can end well
    // before now; start next time from the newest sample Oura had (re-reading it is harmless).
    const newest = samples.reduce((latest, sample) => Math.max(latest, new Date(sample.time).getTime()), from);
    const resumeFrom = new Date(newest).toISOString();
    return { records: { samples }, nextCursor: null, resumeCursor: JSON.stringify({ origin: resumeFrom, from: resumeFrom }), progress };
  },
};
