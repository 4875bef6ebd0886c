import { z } from "zod";
import { hasErrorCode } from "@/lib/errors";
import type { SyncStream } from "@/lib/sync/types";
import { GOOGLE_HEALTH_SCOPES as SCOPES } from "./oauth";
import { heartRatePointSchema, listResponseSchema } from "./schemas";
import { isOwnPoint } from "./sync-streams";
import { listUrl, readGoogleJson } from "./sync-window";
import { transformHeartRate } from "./transform";
import { DAY_MS } from "@/lib/dates";

// Intraday heart rate is dense: a watch writes a sample every few seconds, 10-20 thousand a
// day. Two weeks is a quarter of a million samples in ~30 requests, enough for the detail
// views and the workouts of a training block; older days keep their resting heart rate from
// the daily stream's year. It is also the longest range Google rolls heart rate up over.
export const HEART_RATE_BACKFILL_DAYS = 14;
// The whole span is one filter, paged at the 10,000 points Google allows: the list has no
// documented range limit, and day windows would cost a part-filled page a day. The cursor
// keeps the filter with its page token, so a crash still resumes at the page it stopped on.
const PAGE_SIZE = 10_000;
// Every page gets a fresh `now`: a window ending closer to it than this is caught up.
const CAUGHT_UP_MS = 5 * 60_000;
// Watches upload in batches, a second device out of step with the first: each run re-reads
// the hour before the newest sample seen…
const OVERLAP_MS = 60 * 60_000;
// …but no further back than a week (what a tracker holds before it must sync), so a watch
// left in a drawer costs a few empty requests per run rather than one per day since.
const LATE_DAYS = 7;

const FILTER_FIELD = "heart_rate.sample_time.physical_time";
const instant = z.iso.datetime();
// `to` and `pageToken` travel together; `newest` is the latest sample seen so far.
const cursorSchema = z.object({
  from: instant,
  to: instant.optional(),
  pageToken: z.string().min(1).optional(),
  newest: instant.optional(),
});
const pageSchema = listResponseSchema(heartRatePointSchema);

const iso = (ms: number) => new Date(ms).toISOString();
const hasScope = (scopes: string[]) => scopes.some((scope) => scope === SCOPES.metrics || scope === SCOPES.activity);

/**
 * Intraday `heart-rate` samples into `samples`: one physical-time window from the backfill
 * start to now (newest first, as Google lists them) and, once caught up, one from just before
 * the newest sample seen.
 */
export const heartRateStream: SyncStream = {
  key: "heart-rate",
  label: "Heart rate",
  dataTypes: ["heart_rate"],
  webhookTypes: ["heart-rate"],
  async fetchPage(context, rawCursor) {
    // Sources disagree on which scope gates the heart-rate family.
    if (!hasScope(context.tokens().scopes)) return { records: {}, nextCursor: null };
    const now = context.now.getTime();
    const cursor = rawCursor
      ? cursorSchema.parse(JSON.parse(rawCursor))
      : { from: iso(now - Math.min(context.backfillDays, HEART_RATE_BACKFILL_DAYS) * DAY_MS) };
    const from = Date.parse(cursor.from);
    const to = cursor.to ? Date.parse(cursor.to) : Math.max(from + 1, now);

    let page: z.infer<typeof pageSchema>;
    try {
      const url = listUrl(
        "heart-rate",
        FILTER_FIELD,
        { from: iso(from), to: iso(to), pageToken: cursor.pageToken },
        PAGE_SIZE,
      );
      page = pageSchema.parse(await readGoogleJson(await context.fetch(url), "heart-rate list"));
    } catch (error) {
      // The person unticked the scope on Google's consent screen: nothing to read.
      if (hasErrorCode(error, "PROVIDER_SCOPE_MISSING")) return { records: {}, nextCursor: null };
      throw error;
    }
    const samples = page.dataPoints.filter(isOwnPoint).map(transformHeartRate);
    const newest = samples.reduce(
      (latest, sample) => Math.max(latest, sample.time.getTime()),
      cursor.newest ? Date.parse(cursor.newest) : Number.NEGATIVE_INFINITY,
    );
    const seen = Number.isFinite(newest) ? { newest: iso(newest) } : {};

    // Newest first: the oldest sample so far says how much of the window is read.
    const oldest = samples.reduce((earliest, sample) => Math.min(earliest, sample.time.getTime()), to);
    const progress = { done: to - oldest, total: Math.max(1, to - from) };
    if (page.nextPageToken)
      return {
        records: { samples },
        nextCursor: JSON.stringify({ from: iso(from), to: iso(to), pageToken: page.nextPageToken, ...seen }),
        progress,
      };
    if (now - to > CAUGHT_UP_MS)
      return { records: { samples }, nextCursor: JSON.stringify({ from: iso(to), ...seen }), progress };
    const resumeFrom = Math.max(newest - OVERLAP_MS, now - LATE_DAYS * DAY_MS);
    return {
      records: { samples },
      nextCursor: null,
      resumeCursor: JSON.stringify({ from: iso(resumeFrom), ...seen }),
      progress: { done: 1, total: 1 },
    };
  },
};
