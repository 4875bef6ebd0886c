// The fewest requests each provider's API allows for what a first sync reads: one function per
// provider, each with the documented limits it relies on (shared/providers/<slug>.md), asking
// the sandbox (Census) how many pages its data fills. The span is the provider's own sync
// definition (backfillDays, the heart-rate reach its stream exports, Garmin's history setting),
// so the comparison is like for like; windows and page sizes are the documented limits, never
// what our sync happens to use.
import { sandboxAccount } from "../src/sandbox/accounts";
import { corosOpenId } from "../src/sandbox/coros/sandbox";
import { garminHistory } from "../src/lib/providers/garmin/history";
import { GARMIN_HISTORY_LIMIT_DAYS } from "../src/lib/providers/garmin/sync-backfill";
import { HEART_RATE_BACKFILL_DAYS as GOOGLE_HEART_RATE_DAYS } from "../src/lib/providers/fitbit/sync-heart-rate";
import { isOwnPoint } from "../src/lib/providers/fitbit/sync-streams";
import { HEART_RATE_BACKFILL_DAYS as OURA_HEART_RATE_DAYS } from "../src/lib/providers/oura/sync-heart-rate";
import { registrationKey } from "../src/sandbox/polar/sandbox";
import type { ProviderDefinition } from "../src/lib/providers/types";
import type { Census } from "./requests-census";

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const field = (body: unknown, name: string) =>
  ((body ?? {}) as Record<string, unknown>)[name] as string | null | undefined;
/** [from, to) cut into windows of at most `days`, as date strings. */
function windows(from: number, to: number, days: number): Array<{ from: string; to: string }> {
  const list: Array<{ from: string; to: string }> = [];
  for (let start = from; start < to; start += days * DAY_MS)
    list.push({ from: isoDay(start), to: isoDay(Math.min(start + days * DAY_MS, to)) });
  return list;
}

export type Fewest = (census: Census, provider: ProviderDefinition, now: Date) => Promise<void>;

/** Strava: one list of the whole history, at most 200 a page; only a short page says it ended. */
const strava: Fewest = async (census, provider) => {
  const token = census.grant(provider);
  for (let page = 1; ; page++) {
    const list = (await census.call(
      `https://www.strava.com/api/v3/athlete/activities?after=0&per_page=200&page=${page}`,
      { token },
    )) as unknown[];
    if (list.length < 200) return;
  }
};

/**
 * Garmin (OAuth 2.0): a first sync only asks for backfill, one request per summary type and
 * window (202, the data comes by push), back to the history a new connection asks for
 * (GARMIN_HISTORY_DAYS, 90 days by default; "all" is Garmin's five years). Windows: at most 30
 * days for activities (Garmin's spec) and, per open-wearables citing Garmin support, for every
 * other type too, which our sandbox enforces (a longer range answers 400). StrideIQ's summary of
 * the Health API spec reads 90 for health types; that is unconfirmed, so it is not the minimum.
 */
const garmin: Fewest = async (census) => {
  const history = garminHistory.defaultDays();
  const days = history === "all" ? GARMIN_HISTORY_LIMIT_DAYS : Math.min(history, GARMIN_HISTORY_LIMIT_DAYS);
  const backfill = "https://apis.garmin.com/wellness-api/rest/backfill";
  for (const type of ["activities", "dailies", "sleeps", "hrv", "stressDetails", "bodyComps"])
    census.add("GET", `${backfill}/${type}`, Math.ceil(days / 30));
};

/**
 * Oura: daily collections take any start_date..end_date and page with next_token (no page-size
 * parameter: pages are what the sandbox makes them); heart rate at most 30 days a request.
 */
const oura: Fewest = async (census, provider, now) => {
  const token = census.grant(provider);
  const api = "https://api.ouraring.com/v2/usercollection";
  // Our sync's span, with the day of padding either side Oura's date filters need.
  const today = now.getTime() + DAY_MS;
  const range = `start_date=${isoDay(today - (provider.sync!.backfillDays + 1) * DAY_MS)}&end_date=${isoDay(today + DAY_MS)}`;
  for (const collection of ["sleep", "daily_sleep", "daily_readiness", "daily_activity", "workout"]) {
    await census.pages(
      (next) => `${api}/${collection}?${range}${next ? `&next_token=${next}` : ""}`,
      (body) => field(body, "next_token") ?? undefined,
      { token },
    );
  }
  const from = now.getTime() - OURA_HEART_RATE_DAYS * DAY_MS;
  for (let start = from; start < now.getTime(); start += 30 * DAY_MS) {
    const window = `start_datetime=${new Date(start).toISOString()}&end_datetime=${new Date(Math.min(start + 30 * DAY_MS, now.getTime())).toISOString()}`;
    await census.pages(
      (next) => `${api}/heartrate?${window}${next ? `&next_token=${next}` : ""}`,
      (body) => field(body, "next_token") ?? undefined,
      { token },
    );
  }
};

/** WHOOP: any start..end, at most 25 records a page (limit), next_token; the body measurement is one call. */
const whoop: Fewest = async (census, provider, now) => {
  const token = census.grant(provider);
  const api = "https://api.prod.whoop.com/developer";
  const range = `start=${new Date(now.getTime() - provider.sync!.backfillDays * DAY_MS).toISOString()}&end=${now.toISOString()}&limit=25`;
  for (const path of ["/v2/cycle", "/v2/recovery", "/v2/activity/sleep", "/v2/activity/workout"]) {
    await census.pages(
      (next) => `${api}${path}?${range}${next ? `&nextToken=${next}` : ""}`,
      (body) => field(body, "next_token") ?? undefined,
      { token },
    );
  }
  await census.call(`${api}/v2/user/measurement/body`, { token });
};

/**
 * Google Health: lists take any range, at most 25 points a page for exercise and sleep and
 * 10,000 for the rest (the server may send fewer); dailyRollUp ranges at most 90 days (14 for
 * total-calories). Each own workout's TCX is an export of its own (workouts other apps wrote
 * into Google Health are not synced, so not exported either).
 */
const fitbit: Fewest = async (census, provider, now) => {
  const token = census.grant(provider);
  const api = "https://health.googleapis.com/v4/users/me/dataTypes";
  // Our sync's civil span: the backfill up to two days ahead (time zones east of UTC).
  const [from, to] = [now.getTime() - provider.sync!.backfillDays * DAY_MS, now.getTime() + 2 * DAY_MS];
  const list = async (
    type: string,
    member: string,
    pageSize: number,
    bounds = { from: isoDay(from), to: isoDay(to) },
  ) => {
    const filter = encodeURIComponent(`${member} >= "${bounds.from}" AND ${member} < "${bounds.to}"`);
    await census.pages(
      (next) => `${api}/${type}/dataPoints?filter=${filter}&pageSize=${pageSize}${next ? `&pageToken=${next}` : ""}`,
      (body) => field(body, "nextPageToken") ?? undefined,
      { token },
    );
  };
  // Exercise pages, and each own workout's TCX (exportExerciseTcx, the grant holds location).
  const exerciseFilter = encodeURIComponent(
    `exercise.interval.civil_start_time >= "${isoDay(from)}" AND exercise.interval.civil_start_time < "${isoDay(to)}"`,
  );
  let exercisePage: string | undefined;
  do {
    const body = (await census.call(
      `${api}/exercise/dataPoints?filter=${exerciseFilter}&pageSize=25${exercisePage ? `&pageToken=${exercisePage}` : ""}`,
      { token },
    )) as { dataPoints?: Array<{ name: string; dataSource?: { platform?: string } }>; nextPageToken?: string };
    for (const point of (body.dataPoints ?? []).filter((candidate) => isOwnPoint(candidate)))
      census.add("GET", `${api}/exercise/dataPoints/${point.name.split("/").at(-1)}:exportExerciseTcx`, 1);
    exercisePage = body.nextPageToken;
  } while (exercisePage);
  await list("sleep", "sleep.interval.civil_end_time", 25);
  await list("daily-resting-heart-rate", "daily_resting_heart_rate.date", 10_000);
  await list("daily-heart-rate-variability", "daily_heart_rate_variability.date", 10_000);
  await list("weight", "weight.sample_time.civil_time", 10_000);
  await list("body-fat", "body_fat.sample_time.civil_time", 10_000);
  const heartRateFrom = new Date(now.getTime() - GOOGLE_HEART_RATE_DAYS * DAY_MS).toISOString();
  await list("heart-rate", "heart_rate.sample_time.physical_time", 10_000, {
    from: heartRateFrom,
    to: now.toISOString(),
  });
  const civil = (date: string) => ({
    date: { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) },
  });
  for (const [type, maxDays] of [
    ["steps", 90],
    ["distance", 90],
    ["active-energy-burned", 90],
    ["total-calories", 14],
  ] as const) {
    for (const window of windows(from, to, maxDays)) {
      await census.call(`${api}/${type}/dataPoints:dailyRollUp`, {
        token,
        method: "POST",
        body: { range: { start: civil(window.from), end: civil(window.to) }, windowSizeDays: 1 },
      });
    }
  }
};

/**
 * Polar: exercises, sleep and Nightly Recharge are one list each (no window: what Polar still
 * holds), physical info one snapshot; daily activity takes from..to of at most 28 days, from
 * at most 365 days back. Each exercise's FIT is a request of its own.
 */
const polar: Fewest = async (census, provider, now) => {
  census.register(registrationKey(sandboxAccount("polar", census.account).numericId));
  const token = census.grant(provider);
  const api = "https://www.polaraccesslink.com/v3";
  const exercises = (await census.call(`${api}/exercises`, { token })) as Array<{ id: string }>;
  for (const path of ["/users/sleep", "/users/nightly-recharge", "/users/physical-info"])
    await census.call(`${api}${path}`, { token });
  // Each listed exercise's FIT, one request each.
  for (const exercise of exercises) census.add("GET", `${api}/exercises/${exercise.id}/fit`, 1);
  const days = Math.min(provider.sync!.backfillDays, 365);
  const today = Date.parse(`${isoDay(now.getTime())}T00:00:00Z`);
  for (let from = today - (days - 1) * DAY_MS; from <= today; from += 28 * DAY_MS) {
    await census.call(
      `${api}/users/activities?from=${isoDay(from)}&to=${isoDay(Math.min(from + 27 * DAY_MS, today))}`,
      { token },
    );
  }
};

/**
 * COROS: no paging; a query spans at most 30 days and starts at most three months back (88 days
 * kept). Each workout's FIT is a plain GET of its fitUrl.
 */
const coros: Fewest = async (census, provider, now) => {
  const token = census.grant(provider);
  const days = Math.min(provider.sync!.backfillDays, 88);
  // Our sync's span: the wearer's dates from the backfill start to tomorrow.
  const [from, to] = [now.getTime() - days * DAY_MS, now.getTime() + 2 * DAY_MS];
  const compact = (date: string) => date.replaceAll("-", "");
  for (const path of ["/v2/coros/sport/list", "/coros/daily/query"]) {
    for (const window of windows(from, to, 30)) {
      const last = isoDay(Date.parse(window.to) - DAY_MS);
      const query = new URLSearchParams({
        token,
        openId: corosOpenId(census.account),
        startDate: compact(window.from),
        endDate: compact(last),
      });
      const body = await census.call(`https://open.coros.com${path}?${query}`);
      if (field(body, "result") !== "0000") throw new Error(`census COROS ${path}: ${JSON.stringify(body)}`);
      // Each workout's FIT (and each triathlon leg's), a plain GET of its fitUrl.
      const workouts = ((body as { data?: unknown }).data ?? []) as Array<{
        fitUrl?: string;
        triathlonItemList?: Array<{ fitUrl?: string }>;
      }>;
      if (path === "/v2/coros/sport/list")
        for (const workout of workouts)
          for (const url of [workout.fitUrl, ...(workout.triathlonItemList ?? []).map((leg) => leg.fitUrl)])
            if (url) census.add("GET", url, 1);
    }
  }
};

export const FEWEST: Record<string, Fewest> = { strava, garmin, oura, whoop, fitbit, polar, coros };
