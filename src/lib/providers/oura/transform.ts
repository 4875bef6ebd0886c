import { utcOffsetSecondsOf } from "@/lib/dates";
import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord, DailyRecord, SampleRecord, SleepRecord } from "@/lib/sync/records";
import type {
  OuraDailyActivity,
  OuraDailyReadiness,
  OuraDailySleep,
  OuraHeartRate,
  OuraSleep,
  OuraWorkout,
} from "./schemas";

// Oura's workout `activity` values (lower-case, snake_case) mapped to ours.
const ACTIVITIES: Record<string, ActivityType> = {
  running: "run",
  trail_running: "trail_run",
  treadmill_running: "treadmill_run",
  cycling: "ride",
  indoor_cycling: "virtual_ride",
  mountain_biking: "mountain_bike",
  swimming: "swim",
  walking: "walk",
  hiking: "hike",
  strength_training: "strength",
  strengthtraining: "strength",
  weightlifting: "strength",
  yoga: "yoga",
  pilates: "yoga",
  stretching: "yoga",
  hiit: "hiit",
  circuit_training: "hiit",
  functional_training: "cardio",
  dancing: "cardio",
  dance: "cardio",
  jump_rope: "cardio",
  stair_climbing: "cardio",
  rowing: "rowing",
  elliptical: "elliptical",
  skiing: "ski",
  cross_country_skiing: "ski",
  snowboarding: "snowboard",
  climbing: "climbing",
  rock_climbing: "climbing",
  kayaking: "paddling",
  stand_up_paddling: "paddling",
  surfing: "paddling",
  soccer: "team_sport",
  basketball: "team_sport",
  volleyball: "team_sport",
  ice_hockey: "team_sport",
  american_football: "team_sport",
  tennis: "racket_sport",
  squash: "racket_sport",
  badminton: "racket_sport",
  table_tennis: "racket_sport",
  pickleball: "racket_sport",
  padel: "racket_sport",
};

// Hypnogram characters: 1 deep, 2 light, 3 REM, 4 awake.
const PHASES: Record<string, string> = { "1": "deep", "2": "light", "3": "rem", "4": "awake" };

// `rest` is lying down awake and `deleted` is what the person removed: neither is sleep.
const SKIPPED_SLEEP_TYPES = new Set(["deleted", "rest"]);

/** Consecutive equal hypnogram characters become one stage, each character `stepS` long. */
function hypnogram(phases: string, start: Date, stepS: number): SleepRecord["stages"] {
  const stages: NonNullable<SleepRecord["stages"]> = [];
  for (let index = 0; index < phases.length;) {
    let end = index + 1;
    while (end < phases.length && phases[end] === phases[index]) end++;
    const stage = PHASES[phases[index]!];
    if (stage) {
      stages.push({
        stage,
        startAt: new Date(start.getTime() + index * stepS * 1000).toISOString(),
        endAt: new Date(start.getTime() + end * stepS * 1000).toISOString(),
      });
    }
    index = end;
  }
  return stages;
}

export const isCountedSleep = (sleep: OuraSleep) => !SKIPPED_SLEEP_TYPES.has(sleep.type ?? "");

export function transformOuraSleep(sleep: OuraSleep): SleepRecord {
  const startAt = new Date(sleep.bedtime_start);
  const stages = sleep.sleep_phase_30_sec
    ? hypnogram(sleep.sleep_phase_30_sec, startAt, 30)
    : sleep.sleep_phase_5_min
      ? hypnogram(sleep.sleep_phase_5_min, startAt, 300)
      : null;
  return {
    externalId: sleep.id,
    startAt,
    endAt: new Date(sleep.bedtime_end),
    utcOffsetSeconds: utcOffsetSecondsOf(sleep.bedtime_start),
    localDate: sleep.day,
    inBedS: sleep.time_in_bed ?? null,
    asleepS: sleep.total_sleep_duration ?? null,
    deepS: sleep.deep_sleep_duration ?? null,
    remS: sleep.rem_sleep_duration ?? null,
    lightS: sleep.light_sleep_duration ?? null,
    awakeS: sleep.awake_time ?? null,
    efficiencyPercent: sleep.efficiency ?? null,
    // The score lives on daily_sleep, one per day, not on the period.
    score: null,
    avgHeartRateBpm: sleep.average_heart_rate ?? null,
    avgHrvMs: sleep.average_hrv ?? null,
    respiratoryRate: sleep.average_breath ?? null,
    stages,
    raw: sleep,
  };
}

/** The main night (`long_sleep`) gives the day its HRV and resting heart rate. */
export function dailyFromMainSleep(sleep: OuraSleep): DailyRecord | undefined {
  if (sleep.type !== "long_sleep") return undefined;
  return {
    localDate: sleep.day,
    hrvMs: sleep.average_hrv ?? null,
    restingHeartRateBpm: sleep.lowest_heart_rate ?? null,
    raw: {
      sleep: {
        id: sleep.id,
        average_hrv: sleep.average_hrv ?? null,
        lowest_heart_rate: sleep.lowest_heart_rate ?? null,
      },
    },
  };
}

export const transformOuraDailySleep = (document: OuraDailySleep): DailyRecord => ({
  localDate: document.day,
  sleepScore: document.score ?? null,
  raw: { daily_sleep: document },
});

export const transformOuraReadiness = (document: OuraDailyReadiness): DailyRecord => ({
  localDate: document.day,
  readinessScore: document.score ?? null,
  raw: { readiness: document },
});

export const transformOuraDailyActivity = (document: OuraDailyActivity): DailyRecord => ({
  localDate: document.day,
  steps: document.steps ?? null,
  distanceM: document.equivalent_walking_distance ?? null,
  activeEnergyKcal: document.active_calories ?? null,
  totalEnergyKcal: document.total_calories ?? null,
  raw: { activity: document },
});

export function transformOuraWorkout(workout: OuraWorkout): ActivityRecord {
  const startAt = new Date(workout.start_datetime);
  const durationS = (new Date(workout.end_datetime).getTime() - startAt.getTime()) / 1000;
  return {
    externalId: workout.id,
    type: normalizeActivityType(ACTIVITIES, workout.activity),
    providerType: workout.activity ?? null,
    name: workout.label ?? null,
    startAt,
    utcOffsetSeconds: utcOffsetSecondsOf(workout.start_datetime),
    durationS: durationS >= 0 ? durationS : null,
    distanceM: workout.distance ?? null,
    energyKcal: workout.calories ?? null,
    raw: workout,
  };
}

export const transformOuraHeartRate = (row: OuraHeartRate): SampleRecord => ({
  metric: "heart_rate",
  time: new Date(row.timestamp),
  value: row.bpm,
  unit: "bpm",
  meta: row.source ? { source: row.source } : null,
});
