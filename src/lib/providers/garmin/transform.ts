import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord, BodyRecord, DailyRecord, SleepRecord } from "@/lib/sync/records";
import type {
  GarminActivity,
  GarminBodyComp,
  GarminDaily,
  GarminHrv,
  GarminSleep,
  GarminStressDetails,
} from "./schemas";

// Garmin's activityType values (Activity API) mapped to ours.
export const GARMIN_ACTIVITY_TYPES: Record<string, ActivityType> = {
  RUNNING: "run",
  STREET_RUNNING: "run",
  TRACK_RUNNING: "run",
  ULTRA_RUN: "run",
  TRAIL_RUNNING: "trail_run",
  TREADMILL_RUNNING: "treadmill_run",
  INDOOR_RUNNING: "treadmill_run",
  VIRTUAL_RUN: "treadmill_run",
  CYCLING: "ride",
  ROAD_BIKING: "ride",
  RECUMBENT_CYCLING: "ride",
  BMX: "ride",
  HAND_CYCLING: "ride",
  INDOOR_CYCLING: "virtual_ride",
  VIRTUAL_RIDE: "virtual_ride",
  MOUNTAIN_BIKING: "mountain_bike",
  GRAVEL_CYCLING: "gravel_ride",
  CYCLOCROSS: "gravel_ride",
  E_BIKE_FITNESS: "e_bike",
  E_BIKE_MOUNTAIN: "e_bike",
  SWIMMING: "swim",
  LAP_SWIMMING: "swim",
  OPEN_WATER_SWIMMING: "open_water_swim",
  WALKING: "walk",
  CASUAL_WALKING: "walk",
  SPEED_WALKING: "walk",
  HIKING: "hike",
  STRENGTH_TRAINING: "strength",
  YOGA: "yoga",
  PILATES: "yoga",
  HIIT: "hiit",
  CARDIO_TRAINING: "cardio",
  FITNESS_EQUIPMENT: "cardio",
  STAIR_CLIMBING: "cardio",
  INDOOR_CARDIO: "cardio",
  ROWING: "rowing",
  INDOOR_ROWING: "rowing",
  ELLIPTICAL: "elliptical",
  RESORT_SKIING_SNOWBOARDING: "ski",
  RESORT_SKIING: "ski",
  BACKCOUNTRY_SKIING_SNOWBOARDING: "ski",
  BACKCOUNTRY_SKIING: "ski",
  CROSS_COUNTRY_SKIING: "ski",
  SKATE_SKIING: "ski",
  RESORT_SNOWBOARDING: "snowboard",
  BACKCOUNTRY_SNOWBOARDING: "snowboard",
  ROCK_CLIMBING: "climbing",
  INDOOR_CLIMBING: "climbing",
  BOULDERING: "climbing",
  MOUNTAINEERING: "climbing",
  PADDLING: "paddling",
  KAYAKING: "paddling",
  WHITEWATER_RAFTING_KAYAKING: "paddling",
  STAND_UP_PADDLEBOARDING: "paddling",
  SURFING: "paddling",
  SOCCER: "team_sport",
  BASKETBALL: "team_sport",
  VOLLEYBALL: "team_sport",
  AMERICAN_FOOTBALL: "team_sport",
  RUGBY: "team_sport",
  CRICKET: "team_sport",
  ICE_HOCKEY: "team_sport",
  TENNIS: "racket_sport",
  PADEL: "racket_sport",
  PICKLEBALL: "racket_sport",
  BADMINTON: "racket_sport",
  SQUASH: "racket_sport",
  TABLE_TENNIS: "racket_sport",
  RACQUETBALL: "racket_sport",
};

const instant = (epochSeconds: number) => new Date(epochSeconds * 1000);
const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

export function transformGarminActivity(activity: GarminActivity): ActivityRecord {
  const providerType = activity.activityType ?? null;
  return {
    // Updated versions of an activity arrive under the same activityId.
    externalId: activity.activityId == null ? activity.summaryId : String(activity.activityId),
    type: normalizeActivityType(GARMIN_ACTIVITY_TYPES, providerType),
    providerType,
    name: orNull(activity.activityName),
    startAt: instant(activity.startTimeInSeconds),
    utcOffsetSeconds: orNull(activity.startTimeOffsetInSeconds),
    durationS: orNull(activity.durationInSeconds),
    // The summary has no moving time; Activity Details would.
    movingTimeS: null,
    distanceM: orNull(activity.distanceInMeters),
    elevationGainM: orNull(activity.totalElevationGainInMeters),
    energyKcal: orNull(activity.activeKilocalories),
    avgHeartRateBpm: orNull(activity.averageHeartRateInBeatsPerMinute),
    maxHeartRateBpm: orNull(activity.maxHeartRateInBeatsPerMinute),
    avgPowerW: null,
    avgSpeedMps: orNull(activity.averageSpeedInMetersPerSecond),
    maxSpeedMps: orNull(activity.maxSpeedInMetersPerSecond),
    device: orNull(activity.deviceName),
    polyline: null,
    raw: activity,
  };
}

// Daily rows are merged across streams (a null never overwrites), so each stream sets only
// the columns it owns and keys `raw` by its own name.

export function transformGarminDaily(daily: GarminDaily): DailyRecord {
  const active = daily.activeKilocalories ?? null;
  return {
    localDate: daily.calendarDate,
    steps: orNull(daily.steps),
    distanceM: orNull(daily.distanceInMeters),
    activeEnergyKcal: active,
    totalEnergyKcal: active !== null && daily.bmrKilocalories != null ? active + daily.bmrKilocalories : null,
    restingHeartRateBpm: orNull(daily.restingHeartRateInBeatsPerMinute),
    stressAvg: daily.averageStressLevel != null && daily.averageStressLevel >= 0 ? daily.averageStressLevel : null,
    raw: { dailies: daily },
  };
}

export function transformGarminHrv(hrv: GarminHrv): DailyRecord {
  return { localDate: hrv.calendarDate, hrvMs: orNull(hrv.lastNightAvg), raw: { hrv } };
}

export function transformGarminStressDetails(stress: GarminStressDetails): DailyRecord {
  // Body battery is 0-100; anything negative would be a status code, as with stress.
  const levels = Object.values(stress.timeOffsetBodyBatteryValues ?? {}).filter((value) => value >= 0);
  return {
    localDate: stress.calendarDate,
    bodyBatteryHigh: levels.length ? Math.max(...levels) : null,
    bodyBatteryLow: levels.length ? Math.min(...levels) : null,
    raw: { stressDetails: stress },
  };
}

const SLEEP_STAGES: Record<string, string> = { deep: "deep", light: "light", rem: "rem", awake: "awake" };

export function transformGarminSleep(sleep: GarminSleep): SleepRecord {
  const inBedS = sleep.durationInSeconds ?? null;
  const parts = [sleep.deepSleepDurationInSeconds, sleep.lightSleepDurationInSeconds, sleep.remSleepInSeconds];
  const asleepS = parts.some((part) => part != null) ? parts.reduce<number>((sum, part) => sum + (part ?? 0), 0) : null;
  const stages = Object.entries(sleep.sleepLevelsMap ?? {})
    .filter(([level]) => level in SLEEP_STAGES)
    .flatMap(([level, ranges]) =>
      ranges.map((range) => ({
        stage: SLEEP_STAGES[level]!,
        startAt: instant(range.startTimeInSeconds).toISOString(),
        endAt: instant(range.endTimeInSeconds).toISOString(),
      })),
    )
    .sort((a, b) => a.startAt.localeCompare(b.startAt));
  const breaths = Object.values(sleep.timeOffsetSleepRespiration ?? {});
  return {
    externalId: sleep.summaryId,
    startAt: instant(sleep.startTimeInSeconds),
    endAt: instant(sleep.startTimeInSeconds + (inBedS ?? 0)),
    utcOffsetSeconds: orNull(sleep.startTimeOffsetInSeconds),
    localDate: sleep.calendarDate,
    inBedS,
    asleepS,
    deepS: orNull(sleep.deepSleepDurationInSeconds),
    remS: orNull(sleep.remSleepInSeconds),
    lightS: orNull(sleep.lightSleepDurationInSeconds),
    awakeS: orNull(sleep.awakeDurationInSeconds),
    efficiencyPercent: inBedS && asleepS !== null ? Math.round((asleepS / inBedS) * 1000) / 10 : null,
    score: orNull(sleep.overallSleepScore?.value),
    avgHeartRateBpm: null,
    avgHrvMs: null,
    respiratoryRate: breaths.length
      ? Math.round((breaths.reduce((sum, value) => sum + value, 0) / breaths.length) * 10) / 10
      : null,
    stages: stages.length ? stages : null,
    raw: sleep,
  };
}

/** The night's score on the day it ends, beside the other streams' columns. */
export function garminSleepScoreDay(sleep: GarminSleep): DailyRecord | undefined {
  const score = sleep.overallSleepScore?.value;
  return score == null
    ? undefined
    : {
        localDate: sleep.calendarDate,
        sleepScore: score,
        raw: { sleeps: { summaryId: sleep.summaryId, overallSleepScore: sleep.overallSleepScore } },
      };
}

export function transformGarminBodyComp(body: GarminBodyComp): BodyRecord {
  const kilograms = (grams: number | null | undefined) => (grams == null ? null : grams / 1000);
  return {
    measuredAt: instant(body.measurementTimeInSeconds),
    weightKg: kilograms(body.weightInGrams),
    bmi: orNull(body.bodyMassIndex),
    bodyFatPercent: orNull(body.bodyFatInPercent),
    muscleMassKg: kilograms(body.muscleMassInGrams),
    raw: body,
  };
}
