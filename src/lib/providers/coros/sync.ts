import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { ProviderSync, SyncContext, SyncStream } from "@/lib/sync/types";
import { corosWorkoutFiles } from "./files";
import { COROS_OK, corosDailyListSchema, corosResultSchema, corosWorkoutListSchema } from "./schemas";
import { transformCorosDaily, transformCorosWorkout } from "./transform";
import { WORKOUT_PUSH } from "./webhook";
import { addDays, DAY_MS } from "@/lib/dates";

const API = "https://open.coros.com";
/** "The maximum date range for one query is 30 days" (both ends included). */
const WINDOW_DAYS = 30;
/**
 * startDate may not be earlier than three months before today. 88 days stays inside that
 * however short the months are (the shortest three months are 89 days).
 */
const MAX_HISTORY_DAYS = 88;
// Watches upload hours or days late: every incremental run re-reads these days.
const TRAILING_DAYS = 3;
// The dates are the wearer's own; east of UTC that is already tomorrow.
const HORIZON_DAYS = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// The first day still to read; each page reads up to WINDOW_DAYS from it.
const cursorSchema = z.object({ from: isoDate });

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const compact = (date: string) => date.replaceAll("-", "");
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * A data endpoint's body once COROS's result code says it succeeded (errors arrive as HTTP
 * 200). A refused token (result 1001) never gets here: fetch refreshes it once, then asks for a
 * reconnect (corosOAuth.isAccessTokenRefused).
 */
async function getCoros(context: SyncContext, path: string, window: { from: string; to: string }): Promise<unknown> {
  const url = new URL(path, API);
  // Authentication is in the query, not a header. COROS's refresh extends the same token, so
  // the one read here stays valid even if fetch refreshes before sending.
  url.searchParams.set("token", context.tokens().accessToken);
  url.searchParams.set("openId", context.externalUserId);
  url.searchParams.set("startDate", compact(window.from));
  url.searchParams.set("endDate", compact(window.to));
  const response = await context.fetch(url.toString());
  if (!response.ok) {
    await response.body?.cancel();
    throw new AppError("PROVIDER_UNAVAILABLE", `COROS ${path} answered HTTP ${response.status}.`);
  }
  const body: unknown = await response.json();
  const { result, message } = corosResultSchema.parse(body);
  if (result !== COROS_OK)
    throw new AppError(
      "PROVIDER_UNAVAILABLE",
      `COROS ${path} answered result ${result}${message ? `: ${message}` : ""}.`,
    );
  return body;
}

/**
 * Walks date windows of at most 30 days from the backfill start to tomorrow; once caught up,
 * the next run starts a few days back to pick up late uploads.
 */
function windowedStream(spec: {
  key: string;
  dataTypes: readonly DataType[];
  webhookTypes?: readonly string[];
  path: string;
  read(body: unknown): RecordBatch;
}): SyncStream {
  return {
    key: spec.key,
    dataTypes: spec.dataTypes,
    webhookTypes: spec.webhookTypes,
    async fetchPage(context, rawCursor) {
      const today = context.now.toISOString().slice(0, 10);
      const earliest = addDays(today, -MAX_HISTORY_DAYS);
      const horizon = addDays(today, HORIZON_DAYS);
      const start = rawCursor
        ? cursorSchema.parse(JSON.parse(rawCursor)).from
        : addDays(today, -Math.min(context.backfillDays, MAX_HISTORY_DAYS));
      // A cursor left from a connection idle for months points before what COROS still serves.
      const from = later(start, earliest) > horizon ? horizon : later(start, earliest);
      const to = daysBetween(from, horizon) < WINDOW_DAYS ? horizon : addDays(from, WINDOW_DAYS - 1);
      const records = spec.read(await getCoros(context, spec.path, { from, to }));
      const windowsLeft = Math.ceil(daysBetween(to, horizon) / WINDOW_DAYS);
      const progress = { done: 1, total: 1 + windowsLeft };
      if (to < horizon) return { records, nextCursor: JSON.stringify({ from: addDays(to, 1) }), progress };
      return {
        records,
        nextCursor: null,
        resumeCursor: JSON.stringify({ from: later(addDays(today, -TRAILING_DAYS), earliest) }),
        progress,
      };
    },
  };
}

const workouts = windowedStream({
  key: "workouts",
  dataTypes: ["activities"],
  webhookTypes: [WORKOUT_PUSH],
  path: "/v2/coros/sport/list",
  read: (body) => {
    const list = corosWorkoutListSchema.parse(body).data ?? [];
    return { activities: list.map(transformCorosWorkout), originalFiles: corosWorkoutFiles(list) };
  },
});

// Path as two independent integrations call it (the reference PDF is not public).
const daily = windowedStream({
  key: "daily",
  dataTypes: ["daily", "steps", "heart_rate", "hrv"],
  path: "/coros/daily/query",
  read: (body) => ({
    dailySummaries: (corosDailyListSchema.parse(body).data?.dailyList ?? []).map(transformCorosDaily),
  }),
});

export const corosSync: ProviderSync = {
  streams: [workouts, daily],
  // Everything COROS serves: nothing older than three months is reachable through the API.
  backfillDays: MAX_HISTORY_DAYS,
  // The reference's addendum is quoted as 1,000 calls a minute per partner (so app-wide), but no
  // working code confirms it for every endpoint: half of it. A backfill is six calls per person.
  requestsPerMinute: 500,
  budgetScope: "app",
};
