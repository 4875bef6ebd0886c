import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { SyncContext } from "@/lib/sync/types";
import { exerciseFiles } from "./files";
import { GOOGLE_HEALTH_SCOPES as SCOPES } from "./oauth";
import {
  bodyFatPointSchema,
  dailyRollUpResponseSchema,
  exercisePointSchema,
  hrvPointSchema,
  listResponseSchema,
  restingHeartRatePointSchema,
  sleepPointSchema,
  weightPointSchema,
  type ExercisePoint,
} from "./schemas";
import { API, listUrl, readGoogleJson, windowedStream, type Window } from "./sync-window";
import {
  transformBody,
  transformExercise,
  transformHrv,
  transformRestingHeartRate,
  transformRollup,
  transformSleep,
} from "./transform";

// Google truncates exercise and sleep pages to 25; other lists take up to 10,000. Each list
// is one filter over the whole span (no documented range limit), so a year of dailies is one
// request and a year of workouts as many as 25 a page make.
export const SESSION_PAGE_SIZE = 25;
export const LIST_PAGE_SIZE = 10_000;

// Platforms that carry data other apps pushed into Google Health (a Strava → Fitbit sync,
// Health Connect, HealthKit): we connect those sources directly, so importing them here would
// count the same workout twice. A point without a dataSource cannot be told apart and is kept.
const FOREIGN_PLATFORMS = new Set([
  "HEALTH_CONNECT",
  "HEALTH_KIT",
  "FIT",
  "FITBIT_WEB_API",
  "GOOGLE_WEB_API",
  "GOOGLE_PARTNER_INTEGRATION",
]);
export const isOwnPoint = (point: Pick<ExercisePoint, "dataSource">) =>
  !FOREIGN_PLATFORMS.has(point.dataSource?.platform ?? "FITBIT");

const isPresent = <T>(value: T | null): value is T => value !== null;

export const exerciseStream = windowedStream({
  key: "exercise",
  label: "Workouts",
  dataTypes: ["activities"],
  webhookTypes: ["exercise"],
  scopes: [SCOPES.activity],
  async fetchWindow(context, window) {
    // The only filterable exercise field: start_time answers 400 "not supported for filtering".
    const url = listUrl("exercise", "exercise.interval.civil_start_time", window, SESSION_PAGE_SIZE);
    const page = listResponseSchema(exercisePointSchema).parse(
      await readGoogleJson(await context.fetch(url), "exercise list"),
    );
    const workouts = page.dataPoints.filter(isOwnPoint).map(transformExercise);
    return {
      records: {
        activities: workouts,
        originalFiles: exerciseFiles(workouts.map((workout) => workout.externalId)),
      },
      nextPageToken: page.nextPageToken,
    };
  },
});

export const sleepStream = windowedStream({
  key: "sleep",
  label: "Sleep",
  dataTypes: ["sleep"],
  webhookTypes: ["sleep"],
  scopes: [SCOPES.sleep],
  async fetchWindow(context, window) {
    // Sleep filters on its end only (start_time answers 400); the end day is the night's date.
    const url = listUrl("sleep", "sleep.interval.civil_end_time", window, SESSION_PAGE_SIZE);
    const page = listResponseSchema(sleepPointSchema).parse(
      await readGoogleJson(await context.fetch(url), "sleep list"),
    );
    return { records: { sleepSessions: page.dataPoints.map(transformSleep) }, nextPageToken: page.nextPageToken };
  },
});

/** dailyRollUp over civil days [from, to), one bucket per day. */
async function dailyRollUp(context: SyncContext, dataType: string, window: Window) {
  const civil = (date: string) => {
    const [year, month, day] = date.split("-").map(Number);
    return { date: { year, month, day } };
  };
  const response = await context.fetch(`${API}/${dataType}/dataPoints:dailyRollUp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ range: { start: civil(window.from), end: civil(window.to) }, windowSizeDays: 1 }),
  });
  // At most 90 buckets per range, well under the default page of 1440: no page tokens to follow.
  const body = dailyRollUpResponseSchema.parse(await readGoogleJson(response, `${dataType} dailyRollUp`));
  return body.rollupDataPoints.map(transformRollup).filter(isPresent);
}

/** dailyRollUp's range caps (google-health.md §4): 14 days for total-calories, 90 for the rest. */
export const ROLLUP_MAX_DAYS = { steps: 90, distance: 90, "active-energy-burned": 90, "total-calories": 14 } as const;

// One stream per summed type, not one for the three: a type the account does not offer is
// refused on its own (HTTP 400) and must not keep the other two from syncing.
const dailySumStream = (
  key: string,
  label: string,
  dataType: keyof typeof ROLLUP_MAX_DAYS,
  dataTypes: readonly DataType[] = ["daily"],
) =>
  windowedStream({
    key,
    label,
    dataTypes,
    webhookTypes: [dataType],
    scopes: [SCOPES.activity],
    windowDays: ROLLUP_MAX_DAYS[dataType],
    fetchWindow: async (context, window) => ({
      records: { dailySummaries: await dailyRollUp(context, dataType, window) },
    }),
  });

export const stepsStream = dailySumStream("steps", "Steps", "steps", ["daily", "steps"]);
export const distanceStream = dailySumStream("distance", "Distance", "distance");
export const activeEnergyStream = dailySumStream("active-energy", "Active energy", "active-energy-burned");

export const dailyCaloriesStream = windowedStream({
  key: "daily-calories",
  label: "Calories",
  dataTypes: ["daily"],
  webhookTypes: ["total-calories"],
  scopes: [SCOPES.activity],
  windowDays: ROLLUP_MAX_DAYS["total-calories"],
  fetchWindow: async (context, window) => ({
    records: { dailySummaries: await dailyRollUp(context, "total-calories", window) },
  }),
});

export const restingHeartRateStream = windowedStream({
  key: "resting-heart-rate",
  label: "Resting heart rate",
  dataTypes: ["heart_rate", "daily"],
  webhookTypes: ["daily-resting-heart-rate"],
  // Sources disagree on which scope gates the heart-rate family.
  scopes: [SCOPES.metrics, SCOPES.activity],
  async fetchWindow(context, window) {
    const url = listUrl("daily-resting-heart-rate", "daily_resting_heart_rate.date", window, LIST_PAGE_SIZE);
    const page = listResponseSchema(restingHeartRatePointSchema).parse(
      await readGoogleJson(await context.fetch(url), "daily-resting-heart-rate list"),
    );
    return {
      records: { dailySummaries: page.dataPoints.map(transformRestingHeartRate) },
      nextPageToken: page.nextPageToken,
    };
  },
});

export const hrvStream = windowedStream({
  key: "hrv",
  label: "HRV",
  dataTypes: ["hrv", "daily"],
  webhookTypes: ["daily-heart-rate-variability"],
  scopes: [SCOPES.metrics, SCOPES.activity],
  async fetchWindow(context, window) {
    const url = listUrl("daily-heart-rate-variability", "daily_heart_rate_variability.date", window, LIST_PAGE_SIZE);
    const page = listResponseSchema(hrvPointSchema).parse(
      await readGoogleJson(await context.fetch(url), "daily-heart-rate-variability list"),
    );
    return {
      records: { dailySummaries: page.dataPoints.map(transformHrv).filter(isPresent) },
      nextPageToken: page.nextPageToken,
    };
  },
});

/** Every page of one list over the window; a year of weigh-ins fits one page. */
export async function listAll<Point>(
  context: Pick<SyncContext, "fetch">,
  dataType: string,
  field: string,
  window: Window,
  parse: (body: unknown) => { dataPoints: Point[]; nextPageToken?: string },
) {
  const points: Point[] = [];
  let pageToken: string | undefined;
  do {
    const page = parse(
      await readGoogleJson(
        await context.fetch(listUrl(dataType, field, { ...window, pageToken }, LIST_PAGE_SIZE)),
        `${dataType} list`,
      ),
    );
    points.push(...page.dataPoints);
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return points;
}

export const bodyStream = windowedStream({
  key: "body",
  label: "Weight and body fat",
  dataTypes: ["weight"],
  webhookTypes: ["weight", "body-fat"],
  scopes: [SCOPES.metrics],
  // Both lists of a window in one page, so a weigh-in's weight and body fat land in one row.
  async fetchWindow(context, window): Promise<{ records: RecordBatch }> {
    const weights = await listAll(context, "weight", "weight.sample_time.civil_time", window, (body) =>
      listResponseSchema(weightPointSchema).parse(body),
    );
    const bodyFats = await listAll(context, "body-fat", "body_fat.sample_time.civil_time", window, (body) =>
      listResponseSchema(bodyFatPointSchema).parse(body),
    );
    return { records: { bodyMeasurements: transformBody(weights, bodyFats) } };
  },
});
