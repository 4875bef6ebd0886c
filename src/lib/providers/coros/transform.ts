import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord, DailyRecord } from "@/lib/sync/records";
import type { CorosDaily, CorosWorkout } from "./schemas";

// COROS's workout type table (shared/providers/coros.md §A4.5): "mode/subMode" pairs where the
// sub-mode changes what the workout is, else the parent mode alone.
const SPORTS: Record<string, ActivityType> = {
  "8/2": "treadmill_run",
  "9/2": "virtual_ride",
  "10/1": "open_water_swim",
  "21/2": "snowboard",
  8: "run",
  9: "ride",
  10: "swim",
  14: "hike",
  15: "trail_run",
  16: "hike",
  18: "cardio",
  19: "ski",
  20: "run",
  21: "ski",
  23: "strength",
  24: "rowing",
  25: "paddling",
  26: "paddling",
  29: "ski",
  31: "walk",
  33: "climbing",
  34: "cardio",
  36: "racket_sport",
  37: "racket_sport",
  38: "team_sport",
  39: "team_sport",
  40: "racket_sport",
  41: "elliptical",
  42: "yoga",
  43: "yoga",
  44: "cardio",
  45: "team_sport",
  47: "racket_sport",
};

const QUARTER_HOUR_S = 15 * 60;

/** "mode:8/subMode:1": COROS's own type, kept beside ours. */
export const corosProviderType = (mode: number, subMode: number | null | undefined) =>
  subMode == null ? `mode:${mode}` : `mode:${mode}/subMode:${subMode}`;

export function corosActivityType(mode: number, subMode: number | null | undefined): ActivityType {
  const pair = normalizeActivityType(SPORTS, `${mode}/${subMode}`);
  return pair === "other" ? normalizeActivityType(SPORTS, String(mode)) : pair;
}

/** 20260108 -> "2026-01-08". */
export const corosLocalDate = (day: number | string) => String(day).replace(/^(\d{4})(\d{2})(\d{2})$/, "$1-$2-$3");

/** A resting HR of 0 bpm or an HRV of 0 ms can only be a missing reading (a day the watch was off). */
const measured = (value: number | null | undefined) => (value ? value : null);

export function transformCorosWorkout(workout: CorosWorkout): ActivityRecord {
  const elapsedS =
    workout.endTime != null && workout.endTime >= workout.startTime ? workout.endTime - workout.startTime : null;
  // `duration` is the timer time: the reference's example runs 2,895 s within a 2,950 s span.
  const movingS = workout.duration ?? null;
  const distanceM = workout.distance ?? null;
  return {
    externalId: workout.labelId,
    type: corosActivityType(workout.mode, workout.subMode),
    providerType: corosProviderType(workout.mode, workout.subMode),
    name: null,
    startAt: new Date(workout.startTime * 1000),
    // Time zones come in quarter hours: 32 is UTC+08:00.
    utcOffsetSeconds: workout.startTimezone == null ? null : workout.startTimezone * QUARTER_HOUR_S,
    durationS: elapsedS ?? movingS,
    movingTimeS: movingS,
    distanceM,
    // `calorie` is stored only in `raw`: its unit is ambiguous in the reference (cal or kcal).
    energyKcal: null,
    // `avgSpeed` is quoted as a pace in s/km without confirmation; distance over timer time is certain.
    avgSpeedMps: distanceM && movingS ? distanceM / movingS : null,
    device: workout.deviceName ?? null,
    raw: workout,
  };
}

export function transformCorosDaily(day: CorosDaily): DailyRecord {
  return {
    // happenDay is already the wearer's own calendar day.
    localDate: corosLocalDate(day.happenDay),
    steps: day.step == null ? null : Math.round(day.step),
    restingHeartRateBpm: measured(day.rhr),
    // ppgHrv is the overnight HRV (ms); hrvList holds intraday readings, kept in `raw` only.
    hrvMs: measured(day.ppgHrv),
    raw: { daily: day },
  };
}
