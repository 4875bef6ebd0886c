import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord, BodyRecord, DailyRecord } from "@/lib/sync/records";
import { ISO_DURATION, type PolarDailyActivity, type PolarExercise, type PolarPhysicalInfo } from "./schemas";

// Polar Flow sport names (detailed_sport_info, and the coarse `sport`) mapped to ours.
const SPORTS: Record<string, ActivityType> = {
  RUNNING: "run",
  ROAD_RUNNING: "run",
  JOGGING: "run",
  TRACK_AND_FIELD_RUNNING: "run",
  ULTRARUNNING_RUNNING: "run",
  CROSS_COUNTRY_RUNNING: "trail_run",
  TRAIL_RUNNING: "trail_run",
  OFFROADTRIATHLON_RUNNING: "trail_run",
  OFFROADDUATHLON_RUNNING: "trail_run",
  TRIATHLON_RUNNING: "run",
  DUATHLON_RUNNING: "run",
  TREADMILL_RUNNING: "treadmill_run",
  CYCLING: "ride",
  ROAD_BIKING: "ride",
  TRIATHLON_CYCLING: "ride",
  DUATHLON_CYCLING: "ride",
  INDOOR_CYCLING: "virtual_ride",
  SPINNING: "virtual_ride",
  LES_MILLS_RPM: "virtual_ride",
  MOUNTAIN_BIKING: "mountain_bike",
  OFFROADTRIATHLON_CYCLING: "mountain_bike",
  OFFROADDUATHLON_CYCLING: "mountain_bike",
  GRAVEL_BIKING: "gravel_ride",
  E_BIKE: "e_bike",
  SWIMMING: "swim",
  POOL_SWIMMING: "swim",
  OPEN_WATER_SWIMMING: "open_water_swim",
  TRIATHLON_SWIMMING: "open_water_swim",
  OFFROADTRIATHLON_SWIMMING: "open_water_swim",
  WALKING: "walk",
  NORDIC_WALKING: "walk",
  HIKING: "hike",
  SNOWSHOE_TREKKING: "hike",
  STRENGTH_TRAINING: "strength",
  CORE: "strength",
  KETTLEBELL: "strength",
  LES_MILLS_BODYPUMP: "strength",
  LES_MILLS_GRIT_STRENGTH: "strength",
  YOGA: "yoga",
  PILATES: "yoga",
  BODY_AND_MIND: "yoga",
  STRETCHING: "yoga",
  MOBILITY_DYNAMIC: "yoga",
  MOBILITY_STATIC: "yoga",
  HIIT: "hiit",
  CIRCUIT_TRAINING: "hiit",
  BOOTCAMP: "hiit",
  FUNCTIONAL_TRAINING: "hiit",
  LES_MILLS_GRIT_CARDIO: "hiit",
  LES_MILLS_GRIT_ATHLETIC: "hiit",
  AEROBICS: "cardio",
  GROUP_EXERCISE: "cardio",
  FITNESS_STEP: "cardio",
  FITNESS_DANCING: "cardio",
  LES_MILLS_BODYATTACK: "cardio",
  ROWING: "rowing",
  INDOOR_ROWING: "rowing",
  CROSS_TRAINER: "elliptical",
  DOWNHILL_SKIING: "ski",
  BACKCOUNTRY_SKIING: "ski",
  TELEMARK_SKIING: "ski",
  "CROSS-COUNTRY_SKIING": "ski",
  XC_SKIING_CLASSIC: "ski",
  XC_SKIING_FREESTYLE: "ski",
  ROLLER_SKIING_CLASSIC: "ski",
  ROLLER_SKIING_FREESTYLE: "ski",
  SNOWBOARDING: "snowboard",
  CLIMBING: "climbing",
  VERTICALSPORTS_WALLCLIMBING: "climbing",
  VERTICALSPORTS_OUTCLIMBING: "climbing",
  WATERSPORTS_CANOEING: "paddling",
  WATERSPORTS_KAYAKING: "paddling",
  SUP: "paddling",
  WATERSPORTS_SURFING: "paddling",
  SOCCER: "team_sport",
  FUTSAL: "team_sport",
  BASKETBALL: "team_sport",
  VOLLEYBALL: "team_sport",
  BEACH_VOLLEYBALL: "team_sport",
  HANDBALL: "team_sport",
  FLOORBALL: "team_sport",
  ICE_HOCKEY: "team_sport",
  FIELD_HOCKEY: "team_sport",
  RUGBY: "team_sport",
  AMERICAN_FOOTBALL: "team_sport",
  BASEBALL: "team_sport",
  TENNIS: "racket_sport",
  BADMINTON: "racket_sport",
  SQUASH: "racket_sport",
  TABLE_TENNIS: "racket_sport",
  PADEL: "racket_sport",
};

/** Seconds in an ISO 8601 duration (PT1H2M3S, PT210.026S); null when absent. */
export function isoDurationSeconds(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = ISO_DURATION.exec(value);
  if (!match) return null;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  return Math.round((days * 86_400 + hours * 3600 + minutes * 60 + seconds) * 1000) / 1000;
}

/** Wall-clock "YYYY-MM-DDTHH:MM:SS" read as if it were UTC, in epoch ms. */
const wallClockMs = (value: string) => Date.parse(`${value.slice(0, 19)}Z`);

function exerciseType(exercise: PolarExercise): ActivityType {
  // detailed_sport_info is the precise one (TRAIL_RUNNING); `sport` can be as coarse as OTHER.
  const detailed = normalizeActivityType(SPORTS, exercise.detailed_sport_info);
  return detailed !== "other" ? detailed : normalizeActivityType(SPORTS, exercise.sport);
}

export function transformPolarExercise(exercise: PolarExercise): ActivityRecord {
  const offsetSeconds = exercise.start_time_utc_offset * 60;
  const durationS = isoDurationSeconds(exercise.duration);
  const distanceM = exercise.distance ?? null;
  return {
    externalId: exercise.id,
    type: exerciseType(exercise),
    providerType: exercise.detailed_sport_info ?? exercise.sport ?? null,
    // Polar exercises carry no title.
    name: null,
    // start_time is the training computer's local time; the offset (minutes) turns it into an instant.
    startAt: new Date(wallClockMs(exercise.start_time) - offsetSeconds * 1000),
    utcOffsetSeconds: offsetSeconds,
    durationS,
    movingTimeS: null,
    distanceM,
    elevationGainM: null,
    energyKcal: exercise.calories ?? null,
    avgHeartRateBpm: exercise.heart_rate?.average ?? null,
    maxHeartRateBpm: exercise.heart_rate?.maximum ?? null,
    avgPowerW: null,
    // Polar gives no speed; over the whole duration, as Flow shows it.
    avgSpeedMps: distanceM && durationS ? Math.round((distanceM / durationS) * 1000) / 1000 : null,
    maxSpeedMps: null,
    device: exercise.device ?? null,
    polyline: null,
    raw: exercise,
  };
}

/**
 * The day a summary belongs to. Polar's list has no top-level date; start_time/end_time
 * bracket the device's calendar day (Polar's example: 08:15:30 to 23:59:59 on one date), so
 * their date part names it. The samples' own `date`, when requested, is preferred.
 */
export const dailyActivityDate = (day: PolarDailyActivity) => day.samples?.date ?? day.start_time.slice(0, 10);

export function transformPolarDailyActivity(day: PolarDailyActivity): DailyRecord {
  return {
    localDate: dailyActivityDate(day),
    steps: day.steps ?? null,
    distanceM: day.distance_from_steps ?? null,
    activeEnergyKcal: day.active_calories ?? null,
    // Polar's `calories` includes BMR.
    totalEnergyKcal: day.calories ?? null,
    // Keyed by stream: the sleep and Nightly Recharge streams fill other parts of this row.
    raw: { activity: day },
  };
}

/** Polar's physical-info times; one without an offset is UTC, like its other server-side times. */
export const polarInstant = (value: string) => new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);

/** The weight in a physical-info snapshot, with the BMI Polar leaves to us. */
export function transformPolarPhysicalInfo(info: PolarPhysicalInfo & { weight: number }, measuredAt: Date): BodyRecord {
  const heightM = info.height ? info.height / 100 : null;
  return {
    measuredAt,
    weightKg: info.weight,
    bmi: heightM ? Math.round((info.weight / (heightM * heightM)) * 10) / 10 : null,
    bodyFatPercent: null,
    muscleMassKg: null,
    raw: info,
  };
}
