import { createHash } from "node:crypto";
import {
  syntheticDays,
  syntheticNights,
  syntheticWorkouts,
  type SyntheticSport,
  type SyntheticWorkout,
} from "@/sandbox/synthetic";
import { DAY_MS } from "@/lib/dates";

// The synthetic sandbox data in Google Health's JSON (shared/providers/google-health.md §6):
// int64 as strings, durations as "123s", millimetres and grams, UTC instants plus offsets and
// civil fields, and zero values left out as proto3 JSON does.

const PROVIDER = "fitbit";

const EXERCISE: Record<SyntheticSport, [string, string]> = {
  run: ["RUNNING", "Run"],
  trail_run: ["RUNNING", "Trail run"],
  ride: ["BIKING", "Bike"],
  swim: ["SWIMMING", "Swim"],
  walk: ["WALKING", "Walk"],
  hike: ["HIKING", "Hike"],
  strength: ["WEIGHTLIFTING", "Weights"],
  yoga: ["YOGA", "Yoga"],
};

export const uuid = (...parts: Array<string | number>) => {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
export const rfc3339 = (date: Date) => date.toISOString().replace(/\.000Z$/, "Z");
export const offset = (seconds: number) => `${seconds}s`;

/** Wall-clock fields at an offset, zero parts left out like proto3 JSON. */
export function civil(instant: Date, offsetSeconds: number) {
  const local = new Date(instant.getTime() + offsetSeconds * 1000);
  const time = { hours: local.getUTCHours(), minutes: local.getUTCMinutes(), seconds: local.getUTCSeconds() };
  return {
    date: { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() },
    time: Object.fromEntries(Object.entries(time).filter(([, value]) => value !== 0)),
  };
}
/** "YYYY-MM-DDTHH:mm:ss" at an offset: what civil filters compare against. */
export const civilIso = (instant: Date, offsetSeconds: number) =>
  new Date(instant.getTime() + offsetSeconds * 1000).toISOString().slice(0, 19);
const dateOf = (isoDate: string) => {
  const [year, month, day] = isoDate.split("-").map(Number);
  return { year, month, day };
};

const interval = (start: Date, end: Date, offsetSeconds: number) => ({
  startTime: rfc3339(start),
  startUtcOffset: offset(offsetSeconds),
  endTime: rfc3339(end),
  endUtcOffset: offset(offsetSeconds),
  civilStartTime: civil(start, offsetSeconds),
  civilEndTime: civil(end, offsetSeconds),
});

export interface SandboxPoint {
  /** What filters and ordering look at: an instant, or a civil "YYYY-MM-DD[THH:mm:ss]". */
  keys: Record<string, string>;
  /** Newest first is by this. */
  sortKey: number;
  json: Record<string, unknown>;
}

function exercisePoint(workout: SyntheticWorkout, platform: "FITBIT" | "HEALTH_CONNECT"): SandboxPoint {
  const end = new Date(workout.startAt.getTime() + workout.durationS * 1000);
  const [exerciseType, displayName] = EXERCISE[workout.sport];
  const id = platform === "FITBIT" ? String(workout.id) : String(workout.id + 7_000_000_000_000);
  const summary: Record<string, unknown> = {
    caloriesKcal: workout.energyKcal,
    averageHeartRateBeatsPerMinute: String(workout.avgHeartRate),
    activeZoneMinutes: String(Math.round(workout.durationS / 90)),
  };
  if (workout.distanceM > 0) {
    summary.distanceMillimeters = Math.round(workout.distanceM * 1000);
    summary.averageSpeedMillimetersPerSecond = Math.round((workout.distanceM / workout.movingTimeS) * 1_000_000) / 1000;
  }
  if (workout.elevationGainM > 0) summary.elevationGainMillimeters = workout.elevationGainM * 1000;
  if (workout.sport === "run" || workout.sport === "trail_run" || workout.sport === "walk" || workout.sport === "hike")
    summary.steps = String(Math.round(workout.durationS * 2.6));
  const written = rfc3339(new Date(end.getTime() + 7 * 60_000));
  return {
    keys: { civil_start_time: civilIso(workout.startAt, workout.utcOffsetSeconds) },
    sortKey: workout.startAt.getTime(),
    json: {
      name: `users/me/dataTypes/exercise/dataPoints/${id}`,
      dataSource:
        platform === "FITBIT"
          ? {
              platform,
              recordingMethod: "ACTIVELY_MEASURED",
              device: { formFactor: "WATCH", manufacturer: "Google", displayName: "Pixel Watch 3" },
            }
          : { platform, recordingMethod: "UNKNOWN", application: { packageName: "com.strava" } },
      exercise: {
        exerciseType,
        displayName: platform === "FITBIT" ? displayName : workout.name,
        interval: interval(workout.startAt, end, workout.utcOffsetSeconds),
        activeDuration: `${workout.movingTimeS}s`,
        metricsSummary: summary,
        exerciseMetadata: workout.distanceM > 0 ? { hasGps: true } : {},
        createTime: written,
        updateTime: written,
      },
    },
  };
}

/** Workouts whose local start day is in [fromDate, toDate); rides also arrive a second time from Strava through Health Connect. */
export function sandboxWorkouts(login: string, fromDate: string, toDate: string, now = new Date()): SyntheticWorkout[] {
  const from = new Date(Date.parse(`${fromDate}T00:00:00Z`) - DAY_MS);
  const to = new Date(Date.parse(`${toDate}T00:00:00Z`) + DAY_MS);
  return syntheticWorkouts(PROVIDER, login, from, to, now).filter((workout) => {
    const day = civilIso(workout.startAt, workout.utcOffsetSeconds).slice(0, 10);
    return day >= fromDate && day < toDate;
  });
}

export const exercisePoints = (login: string, fromDate: string, toDate: string) =>
  sandboxWorkouts(login, fromDate, toDate).flatMap((workout) => [
    exercisePoint(workout, "FITBIT"),
    ...(workout.sport === "ride" ? [exercisePoint(workout, "HEALTH_CONNECT")] : []),
  ]);

/** Nights whose local wake-up day is in [fromDate, toDate). */
export function sleepPoints(login: string, fromDate: string, toDate: string): SandboxPoint[] {
  const lastDate = new Date(Date.parse(`${toDate}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  return syntheticNights(PROVIDER, login, fromDate, lastDate).map((night) => {
    const at = night.utcOffsetSeconds;
    const minutes = (seconds: number) => String(Math.round(seconds / 60));
    const inBedS = (night.bedtimeEnd.getTime() - night.bedtimeStart.getTime()) / 1000;
    const counts = { LIGHT: 0, DEEP: 0, REM: 0, AWAKE: 0 };
    for (const stage of night.stages) counts[stage.stage.toUpperCase() as keyof typeof counts] += 1;
    return {
      keys: { civil_end_time: civilIso(night.bedtimeEnd, at), end_time: night.bedtimeEnd.toISOString() },
      sortKey: night.bedtimeStart.getTime(),
      json: {
        name: `users/me/dataTypes/sleep/dataPoints/${uuid(login, night.id)}`,
        dataSource: {
          platform: "FITBIT",
          recordingMethod: "PASSIVELY_MEASURED",
          device: { formFactor: "WATCH", manufacturer: "Google", displayName: "Pixel Watch 3" },
        },
        sleep: {
          type: "STAGES",
          interval: interval(night.bedtimeStart, night.bedtimeEnd, at),
          stages: night.stages.map((stage) => ({
            type: stage.stage.toUpperCase(),
            startTime: rfc3339(stage.startAt),
            endTime: rfc3339(stage.endAt),
            startUtcOffset: offset(at),
            endUtcOffset: offset(at),
          })),
          summary: {
            minutesInSleepPeriod: minutes(inBedS),
            minutesAsleep: minutes(night.asleepS),
            minutesAwake: minutes(night.awakeS),
            stagesSummary: [
              { type: "LIGHT", minutes: minutes(night.lightS), count: String(counts.LIGHT) },
              { type: "DEEP", minutes: minutes(night.deepS), count: String(counts.DEEP) },
              { type: "REM", minutes: minutes(night.remS), count: String(counts.REM) },
              { type: "AWAKE", minutes: minutes(night.awakeS), count: String(counts.AWAKE) },
            ],
          },
          metadata: { processed: true, stagesStatus: "SUCCEEDED" },
        },
      },
    };
  });
}

const days = (login: string, fromDate: string, toDate: string) =>
  syntheticDays(
    PROVIDER,
    login,
    fromDate,
    new Date(Date.parse(`${toDate}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10),
  );

/** Daily list types, keyed by their civil date. */
export function dailyPoints(dataType: string, login: string, fromDate: string, toDate: string): SandboxPoint[] {
  return days(login, fromDate, toDate).map((day) => {
    const date = dateOf(day.localDate);
    const json =
      dataType === "daily-resting-heart-rate"
        ? {
            dailyRestingHeartRate: {
              date,
              beatsPerMinute: String(day.restingHeartRate),
              dailyRestingHeartRateMetadata: { calculationMethod: "WITH_SLEEP" },
            },
          }
        : {
            dailyHeartRateVariability: {
              date,
              averageHeartRateVariabilityMilliseconds: day.hrvMs,
              deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds: day.hrvMs + 4.5,
              nonRemHeartRateBeatsPerMinute: String(day.restingHeartRate + 3),
            },
          };
    return {
      keys: { date: day.localDate },
      sortKey: Date.parse(day.localDate),
      json: { dataSource: { platform: "FITBIT", recordingMethod: "DERIVED" }, ...json },
    };
  });
}

/** dailyRollUp buckets for civil days [fromDate, toDate). */
export function rollupPoints(dataType: string, login: string, fromDate: string, toDate: string) {
  return days(login, fromDate, toDate).map((day) => {
    const next = new Date(Date.parse(day.localDate) + DAY_MS).toISOString().slice(0, 10);
    const value =
      dataType === "steps"
        ? { steps: { countSum: String(day.steps) } }
        : dataType === "distance"
          ? { distance: { millimetersSum: String(Math.round(day.distanceM * 1000)) } }
          : dataType === "active-energy-burned"
            ? { activeEnergyBurned: { kcalSum: day.activeEnergyKcal } }
            : { totalCalories: { kcalSum: day.totalEnergyKcal } };
    return { civilStartTime: { date: dateOf(day.localDate) }, civilEndTime: { date: dateOf(next) }, ...value };
  });
}
