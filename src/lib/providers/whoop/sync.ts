import { z } from "zod";
import type { DailyRecord } from "@/lib/sync/records";
import type { ProviderSync, SyncStream } from "@/lib/sync/types";
import { hasScope } from "@/lib/sync/scopes";
import { collectionStream, fetchWhoopPage, readWhoopJson, WHOOP_API, type Window } from "./sync-collection";
import {
  whoopBodyMeasurementSchema,
  whoopCycleSchema,
  whoopRecoverySchema,
  whoopSleepSchema,
  whoopWorkoutSchema,
  type WhoopCycle,
} from "./schemas";
import {
  transformWhoopBody,
  transformWhoopCycle,
  transformWhoopRecovery,
  transformWhoopSleep,
  transformWhoopWorkout,
} from "./transform";

const MINUTE_MS = 60_000;

/**
 * Recoveries of a page of cycles. A recovery has no time or offset of its own, only its
 * cycle_id, so it is read beside its cycles and dated by them: the same request count as a
 * separate recovery stream (one page of 25 per 25 days) and the same day as the strain.
 */
async function recoveriesOf(
  context: Parameters<SyncStream["fetchPage"]>[0],
  cycles: WhoopCycle[],
  window: Window,
): Promise<DailyRecord[]> {
  if (cycles.length === 0 || !hasScope(context, "read:recovery")) return [];
  const byId = new Map(cycles.map((cycle) => [cycle.id, cycle]));
  const oldest = Math.min(...cycles.map((cycle) => Date.parse(cycle.start)));
  const newest = cycles.reduce((latest, cycle) =>
    Date.parse(cycle.start) > Date.parse(latest.start) ? cycle : latest,
  );
  // WHOOP matches a recovery's range against its sleep, which begins the cycle; recoveries of
  // neighbouring cycles that slip in are left to their own page.
  const range = { start: new Date(oldest - MINUTE_MS).toISOString(), end: newest.end ?? window.end };
  const records: DailyRecord[] = [];
  let next: string | undefined;
  do {
    const page = await fetchWhoopPage(context, "/v2/recovery", whoopRecoverySchema, range, next);
    for (const recovery of page.records) {
      const cycle = byId.get(recovery.cycle_id);
      if (cycle) records.push(transformWhoopRecovery(recovery, cycle));
    }
    next = page.next_token ?? undefined;
  } while (next);
  return records;
}

const cycles = collectionStream({
  key: "cycles",
  dataTypes: ["strain", "recovery", "hrv", "heart_rate"],
  // Recoveries are read beside their cycles, and a workout adds to its cycle's strain.
  webhookTypes: ["recovery", "workout"],
  path: "/v2/cycle",
  scope: "read:cycles",
  record: whoopCycleSchema,
  startOf: (cycle) => cycle.start,
  async toRecords(context, list, window) {
    return { dailySummaries: [...list.map(transformWhoopCycle), ...(await recoveriesOf(context, list, window))] };
  },
});

const sleep = collectionStream({
  key: "sleep",
  dataTypes: ["sleep"],
  webhookTypes: ["sleep"],
  path: "/v2/activity/sleep",
  scope: "read:sleep",
  record: whoopSleepSchema,
  startOf: (session) => session.start,
  toRecords: (_context, list) => ({ sleepSessions: list.map(transformWhoopSleep) }),
});

const workouts = collectionStream({
  key: "workouts",
  dataTypes: ["activities"],
  webhookTypes: ["workout"],
  path: "/v2/activity/workout",
  scope: "read:workout",
  record: whoopWorkoutSchema,
  startOf: (workout) => workout.start,
  toRecords: (_context, list) => ({ activities: list.map(transformWhoopWorkout) }),
});

// WHOOP serves only the current weight, undated. The cursor remembers the last value stored so
// a row is written when the weight changes, not one per sync.
const bodyCursorSchema = z.object({ weightKg: z.number(), measuredAt: z.iso.datetime() });

const body: SyncStream = {
  key: "body",
  dataTypes: ["weight"],
  async fetchPage(context, rawCursor) {
    if (!hasScope(context, "read:body_measurement")) return { records: {}, nextCursor: null };
    const last = rawCursor ? bodyCursorSchema.parse(JSON.parse(rawCursor)) : null;
    const measurement = whoopBodyMeasurementSchema.parse(
      await readWhoopJson(await context.fetch(`${WHOOP_API}/v2/user/measurement/body`), "body measurement"),
    );
    if (last && last.weightKg === measurement.weight_kilogram)
      return { records: {}, nextCursor: null, resumeCursor: rawCursor! };
    const record = transformWhoopBody(measurement, context.now);
    return {
      records: { bodyMeasurements: [record] },
      nextCursor: null,
      resumeCursor: JSON.stringify({ weightKg: measurement.weight_kilogram, measuredAt: context.now.toISOString() }),
    };
  },
};

/**
 * WHOOP's 429 may carry no Retry-After (undocumented); X-RateLimit-Reset is the seconds until
 * the window that ran out (minute or day) starts over. A second more avoids landing on the edge.
 */
export function whoopRateLimitWaitMs(response: Response): number | undefined {
  const reset = Number(response.headers.get("x-ratelimit-reset") ?? Number.NaN);
  return Number.isFinite(reset) && reset >= 0 ? (reset + 1) * 1000 : undefined;
}

export const whoopSync: ProviderSync = {
  streams: [cycles, sleep, workouts, body],
  // The 10,000 requests a day are shared by every user of the app. A year is about 60 requests
  // per person (25 records a page), so a day's budget still backfills ~150 new people.
  backfillDays: 365,
  // 100 a minute for the whole app; the rest is left for identity, refreshes and webhooks.
  requestsPerMinute: 90,
  budgetScope: "app",
  rateLimitWaitMs: whoopRateLimitWaitMs,
};
