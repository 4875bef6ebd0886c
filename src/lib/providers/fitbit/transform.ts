import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord, BodyRecord, DailyRecord, SampleRecord, SleepRecord } from "@/lib/sync/records";
import type {
  BodyFatPoint,
  CivilDate,
  ExercisePoint,
  HeartRatePoint,
  HeightPoint,
  HrvPoint,
  RestingHeartRatePoint,
  RollupPoint,
  SleepPoint,
  WeightPoint,
} from "./schemas";

// Google Health's exerciseType enum (discovery rev 20260527). It is coarse: treadmill,
// elliptical, rowing, spinning … arrive as OTHER or WORKOUT with the Fitbit name in displayName.
const EXERCISE_TYPES: Record<string, ActivityType> = {
  RUNNING: "run",
  WALKING: "walk",
  BIKING: "ride",
  SWIMMING: "swim",
  HIKING: "hike",
  YOGA: "yoga",
  PILATES: "yoga",
  WORKOUT: "cardio",
  HIIT: "hiit",
  WEIGHTLIFTING: "strength",
  STRENGTH_TRAINING: "strength",
  OTHER: "other",
};

// Checked in order against the display name, so "treadmill" wins over "run".
const DISPLAY_NAME_TYPES: Array<[RegExp, ActivityType]> = [
  [/treadmill/i, "treadmill_run"],
  [/trail/i, "trail_run"],
  [/mountain bike|mtb/i, "mountain_bike"],
  [/e-?bike/i, "e_bike"],
  [/open water/i, "open_water_swim"],
  [/elliptical/i, "elliptical"],
  [/row/i, "rowing"],
  [/spinning|cycl|bike|ride/i, "ride"],
  [/ski/i, "ski"],
  [/snowboard/i, "snowboard"],
  [/climb|boulder/i, "climbing"],
  [/kayak|canoe|paddl|sup\b/i, "paddling"],
  [/tennis|badminton|squash|pickleball|padel|racquet/i, "racket_sport"],
  [/soccer|football|basketball|volleyball|hockey|rugby/i, "team_sport"],
  [/bootcamp|circuit|interval|crossfit/i, "hiit"],
  [/weight|strength/i, "strength"],
  [/hike/i, "hike"],
  [/walk/i, "walk"],
  [/run/i, "run"],
  [/swim/i, "swim"],
  [/aerobic|stair|dance|cardio/i, "cardio"],
  [/yoga|pilates/i, "yoga"],
];

// A display-name match only sharpens a precise enum (a RUNNING "Treadmill run" is a treadmill
// run; a RUNNING "Morning Ride" stays a run); the catch-alls OTHER and WORKOUT take the name's type.
const REFINES: Partial<Record<ActivityType, ActivityType[]>> = {
  run: ["treadmill_run", "trail_run"],
  ride: ["mountain_bike", "e_bike"],
  swim: ["open_water_swim"],
};

export function exerciseActivityType(exerciseType: string | undefined, displayName: string | undefined): ActivityType {
  const base = normalizeActivityType(EXERCISE_TYPES, exerciseType);
  const named = displayName ? DISPLAY_NAME_TYPES.find(([pattern]) => pattern.test(displayName))?.[1] : undefined;
  if (!named) return base;
  if (base === "other" || base === "cardio") return named;
  return REFINES[base]?.includes(named) ? named : base;
}

/** "3600s" → 3600. */
export const durationSeconds = (value: string | undefined): number | null =>
  value === undefined ? null : Number(value.slice(0, -1));

export const civilDateString = (date: CivilDate) =>
  `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;

/** The wall-clock date of an instant at an offset. */
const localDateAt = (instant: string, offsetSeconds: number) =>
  new Date(Date.parse(instant) + offsetSeconds * 1000).toISOString().slice(0, 10);

// Store the id only: the name's {user} segment reads "me" or the healthUserId depending on the call.
const pointId = (name: string) => name.slice(name.lastIndexOf("/") + 1);

const numberOrNull = (value: string | number | undefined) => (value === undefined ? null : Number(value));

export function transformExercise(point: ExercisePoint): ActivityRecord {
  const { exercise } = point;
  const { interval } = exercise;
  const summary = exercise.metricsSummary ?? {};
  const durationS = (Date.parse(interval.endTime) - Date.parse(interval.startTime)) / 1000;
  const speedMps =
    summary.averageSpeedMillimetersPerSecond !== undefined
      ? summary.averageSpeedMillimetersPerSecond / 1000
      : summary.averagePaceSecondsPerMeter
        ? 1 / summary.averagePaceSecondsPerMeter
        : null;
  return {
    externalId: pointId(point.name),
    type: exerciseActivityType(exercise.exerciseType, exercise.displayName),
    providerType: exercise.exerciseType ?? "EXERCISE_TYPE_UNSPECIFIED",
    name: exercise.displayName ?? null,
    startAt: new Date(interval.startTime),
    utcOffsetSeconds: durationSeconds(interval.startUtcOffset),
    durationS,
    movingTimeS: durationSeconds(exercise.activeDuration),
    // Absent even for some distance sports; null says "unknown", not "0 m".
    distanceM: summary.distanceMillimeters === undefined ? null : summary.distanceMillimeters / 1000,
    elevationGainM: summary.elevationGainMillimeters === undefined ? null : summary.elevationGainMillimeters / 1000,
    energyKcal: summary.caloriesKcal ?? null,
    avgHeartRateBpm: numberOrNull(summary.averageHeartRateBeatsPerMinute),
    // The summary has no maximum heart rate.
    maxHeartRateBpm: null,
    avgSpeedMps: speedMps,
    device: point.dataSource?.device?.displayName ?? null,
    raw: point,
  };
}

export function transformSleep(point: SleepPoint): SleepRecord {
  const { interval, stages, summary } = point.sleep;
  const endOffset = durationSeconds(interval.endUtcOffset) ?? 0;
  const minutesOf = (type: string) => {
    const entry = summary?.stagesSummary.find((stage) => stage.type === type);
    return entry ? Number(entry.minutes ?? 0) * 60 : null;
  };
  const minutes = (value: string | number | undefined) => (summary ? Number(value ?? 0) * 60 : null);
  return {
    externalId: pointId(point.name),
    startAt: new Date(interval.startTime),
    endAt: new Date(interval.endTime),
    utcOffsetSeconds: durationSeconds(interval.startUtcOffset),
    // The wake-up day, like Fitbit's dateOfSleep.
    localDate: interval.civilEndTime
      ? civilDateString(interval.civilEndTime.date)
      : localDateAt(interval.endTime, endOffset),
    inBedS:
      summary?.minutesInSleepPeriod !== undefined
        ? Number(summary.minutesInSleepPeriod) * 60
        : (Date.parse(interval.endTime) - Date.parse(interval.startTime)) / 1000,
    asleepS: minutes(summary?.minutesAsleep),
    deepS: minutesOf("DEEP"),
    remS: minutesOf("REM"),
    lightS: minutesOf("LIGHT"),
    awakeS: minutesOf("AWAKE") ?? minutes(summary?.minutesAwake),
    stages: stages.map((stage) => ({
      stage: stage.type.toLowerCase(),
      startAt: new Date(stage.startTime).toISOString(),
      endAt: new Date(stage.endTime).toISOString(),
    })),
    raw: point,
  };
}

// Each daily stream fills its own columns of the day's row; `raw` is keyed by stream so the
// merge upsert keeps every stream's payload side by side.

export function transformRollup(point: RollupPoint): DailyRecord | null {
  const localDate = civilDateString(point.civilStartTime.date);
  // A value object with its sum left out is a zero (proto3); no value object at all is no data.
  if (point.steps) return { localDate, steps: Number(point.steps.countSum ?? 0), raw: { steps: point } };
  if (point.distance)
    return { localDate, distanceM: Number(point.distance.millimetersSum ?? 0) / 1000, raw: { distance: point } };
  if (point.activeEnergyBurned)
    return { localDate, activeEnergyKcal: point.activeEnergyBurned.kcalSum ?? 0, raw: { activeEnergy: point } };
  if (point.totalCalories)
    return { localDate, totalEnergyKcal: point.totalCalories.kcalSum ?? 0, raw: { totalCalories: point } };
  return null;
}

export function transformRestingHeartRate(point: RestingHeartRatePoint): DailyRecord {
  const value = point.dailyRestingHeartRate;
  return {
    localDate: civilDateString(value.date),
    restingHeartRateBpm: Number(value.beatsPerMinute),
    raw: { restingHeartRate: point },
  };
}

export function transformHrv(point: HrvPoint): DailyRecord | null {
  const value = point.dailyHeartRateVariability;
  if (value.averageHeartRateVariabilityMilliseconds === undefined) return null;
  return {
    localDate: civilDateString(value.date),
    hrvMs: value.averageHeartRateVariabilityMilliseconds,
    raw: { hrv: point },
  };
}

/** One intraday sample; the sensor's context is kept, the rest of the point is not worth a copy per sample. */
export function transformHeartRate(point: HeartRatePoint): SampleRecord {
  const { beatsPerMinute, sampleTime, metadata } = point.heartRate;
  const meta = {
    ...(metadata?.motionContext ? { motionContext: metadata.motionContext } : {}),
    ...(metadata?.sensorLocation ? { sensorLocation: metadata.sensorLocation } : {}),
  };
  return {
    metric: "heart_rate",
    time: new Date(sampleTime.physicalTime),
    value: Number(beatsPerMinute),
    unit: "bpm",
    meta: Object.keys(meta).length ? meta : null,
  };
}

/** A height as a sample in metres (Google sends whole millimetres, as an int64 string). */
export function transformHeight(point: HeightPoint): SampleRecord {
  return {
    metric: "height",
    time: new Date(point.height.sampleTime.physicalTime),
    value: Number(point.height.heightMillimeters) / 1000,
    unit: "m",
    meta: null,
  };
}

/**
 * Weight and body fat are separate data types whose points a scale writes at the same
 * instant; joined here into one row per instant, since a body row is replaced, not merged.
 */
export function transformBody(weights: WeightPoint[], bodyFats: BodyFatPoint[]): BodyRecord[] {
  const byInstant = new Map<number, BodyRecord & { raw: Record<string, unknown> }>();
  const rowAt = (physicalTime: string) => {
    const at = Date.parse(physicalTime);
    const row = byInstant.get(at) ?? {
      measuredAt: new Date(at),
      externalId: null,
      weightKg: null,
      bodyFatPercent: null,
      raw: {},
    };
    byInstant.set(at, row);
    return row;
  };
  for (const point of weights) {
    const row = rowAt(point.weight.sampleTime.physicalTime);
    row.weightKg = point.weight.weightGrams / 1000;
    // A weight without a name cannot be told from an edit; it is kept by its time.
    row.externalId = point.name ? pointId(point.name) : null;
    row.raw.weight = point;
  }
  for (const point of bodyFats) {
    const row = rowAt(point.bodyFat.sampleTime.physicalTime);
    row.bodyFatPercent = point.bodyFat.percentage;
    row.raw.bodyFat = point;
  }
  return [...byInstant.values()].sort((a, b) => a.measuredAt.getTime() - b.measuredAt.getTime());
}
