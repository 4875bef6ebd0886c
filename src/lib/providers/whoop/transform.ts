import { utcOffsetSecondsOf } from "@/lib/dates";
import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord, BodyRecord, DailyRecord, SleepRecord } from "@/lib/sync/records";
import type { WhoopBodyMeasurement, WhoopCycle, WhoopRecovery, WhoopSleep, WhoopWorkout } from "./schemas";

const KJ_PER_KCAL = 4.184;
const HOUR_MS = 3_600_000;

// WHOOP's sport names (lower case in v2; older clients saw title case, hyphens or underscores,
// all folded to spaces before the lookup) mapped to ours. New names keep appearing: unknown
// ones become "other" with WHOOP's own name kept in provider_type.
const SPORTS: Record<string, ActivityType> = {
  running: "run",
  "track & field": "run",
  "stroller jogging": "run",
  "stadium steps": "cardio",
  cycling: "ride",
  spin: "ride",
  "assault bike": "ride",
  "mountain biking": "mountain_bike",
  commuting: "ride",
  swimming: "swim",
  "water polo": "swim",
  diving: "swim",
  walking: "walk",
  "dog walking": "walk",
  "stroller walking": "walk",
  "wheelchair pushing": "walk",
  "hiking/rucking": "hike",
  hiking: "hike",
  rucking: "hike",
  weightlifting: "strength",
  powerlifting: "strength",
  "strength trainer": "strength",
  "functional fitness": "hiit",
  hiit: "hiit",
  "f45 training": "hiit",
  "box fitness": "hiit",
  "barry's": "hiit",
  "obstacle course racing": "hiit",
  yoga: "yoga",
  "hot yoga": "yoga",
  pilates: "yoga",
  barre: "yoga",
  barre3: "yoga",
  stretching: "yoga",
  rowing: "rowing",
  elliptical: "elliptical",
  stairmaster: "cardio",
  "jumping rope": "cardio",
  dance: "cardio",
  boxing: "hiit",
  kickboxing: "hiit",
  "martial arts": "hiit",
  "jiu jitsu": "hiit",
  wrestling: "hiit",
  fencing: "hiit",
  skiing: "ski",
  "cross country skiing": "ski",
  snowboarding: "snowboard",
  "rock climbing": "climbing",
  climber: "climbing",
  kayaking: "paddling",
  paddleboarding: "paddling",
  surfing: "paddling",
  sailing: "paddling",
  "kite boarding": "paddling",
  soccer: "team_sport",
  basketball: "team_sport",
  football: "team_sport",
  "australian football": "team_sport",
  "gaelic football": "team_sport",
  baseball: "team_sport",
  softball: "team_sport",
  volleyball: "team_sport",
  rugby: "team_sport",
  lacrosse: "team_sport",
  "ice hockey": "team_sport",
  "field hockey": "team_sport",
  cricket: "team_sport",
  ultimate: "team_sport",
  netball: "team_sport",
  handball: "team_sport",
  "hurling/camogie": "team_sport",
  tennis: "racket_sport",
  squash: "racket_sport",
  badminton: "racket_sport",
  pickleball: "racket_sport",
  padel: "racket_sport",
  "table tennis": "racket_sport",
  "paddle tennis": "racket_sport",
};

/** "+hh:mm", "-hh:mm", "+hhmm" or "Z" in seconds east of UTC. */
export function offsetSeconds(offset: string): number {
  const seconds = utcOffsetSecondsOf(offset);
  if (seconds === null) throw new TypeError(`"${offset}" is no UTC offset.`);
  return seconds;
}

/** The calendar date on the person's wall clock at this instant. */
export function localDateAt(instant: Date, utcOffsetSeconds: number): string {
  return new Date(instant.getTime() + utcOffsetSeconds * 1000).toISOString().slice(0, 10);
}

/**
 * A cycle runs from falling asleep to falling asleep, so it starts the evening before the day
 * it covers: WHOOP shows the cycle that began at 23:00 on Monday as Tuesday's. Twelve hours
 * after sleep onset lands on that day for any bedtime between noon and the next noon.
 */
export function cycleLocalDate(cycle: Pick<WhoopCycle, "start" | "timezone_offset">): string {
  return localDateAt(new Date(Date.parse(cycle.start) + 12 * HOUR_MS), offsetSeconds(cycle.timezone_offset));
}

const seconds = (milli: number | null | undefined) => (milli == null ? null : milli / 1000);
const kcal = (kilojoule: number | null | undefined) => (kilojoule == null ? null : kilojoule / KJ_PER_KCAL);
// Only SCORED records carry scores; a pending one gets them on a later re-read.
const scoreOf = <T extends { score_state: string; score?: unknown }>(record: T) =>
  (record.score_state === "SCORED" ? (record.score ?? null) : null) as NonNullable<T["score"]> | null;

/** Day strain and the day's energy (total expenditure, resting included). */
export function transformWhoopCycle(cycle: WhoopCycle): DailyRecord {
  const score = scoreOf(cycle);
  return {
    localDate: cycleLocalDate(cycle),
    strain: score?.strain ?? null,
    totalEnergyKcal: kcal(score?.kilojoule),
    raw: { cycle },
  };
}

/** Recovery carries no time of its own: it is dated by the cycle it belongs to. */
export function transformWhoopRecovery(
  recovery: WhoopRecovery,
  cycle: Pick<WhoopCycle, "start" | "timezone_offset">,
): DailyRecord {
  const score = scoreOf(recovery);
  return {
    localDate: cycleLocalDate(cycle),
    recoveryScore: score?.recovery_score ?? null,
    restingHeartRateBpm: score?.resting_heart_rate ?? null,
    hrvMs: score?.hrv_rmssd_milli ?? null,
    raw: { recovery },
  };
}

/** Naps are kept too (`raw.nap`); a session belongs to the date the person woke up on. */
export function transformWhoopSleep(sleep: WhoopSleep): SleepRecord {
  const utcOffsetSeconds = offsetSeconds(sleep.timezone_offset);
  const endAt = new Date(sleep.end);
  const score = scoreOf(sleep);
  const stages = score?.stage_summary;
  const light = seconds(stages?.total_light_sleep_time_milli);
  const deep = seconds(stages?.total_slow_wave_sleep_time_milli);
  const rem = seconds(stages?.total_rem_sleep_time_milli);
  return {
    externalId: sleep.id,
    startAt: new Date(sleep.start),
    endAt,
    utcOffsetSeconds,
    localDate: localDateAt(endAt, utcOffsetSeconds),
    inBedS: seconds(stages?.total_in_bed_time_milli),
    asleepS: light == null || deep == null || rem == null ? null : light + deep + rem,
    deepS: deep,
    remS: rem,
    lightS: light,
    awakeS: seconds(stages?.total_awake_time_milli),
    efficiencyPercent: score?.sleep_efficiency_percentage ?? null,
    score: score?.sleep_performance_percentage ?? null,
    respiratoryRate: score?.respiratory_rate ?? null,
    raw: sleep,
  };
}

export function transformWhoopWorkout(workout: WhoopWorkout): ActivityRecord {
  const providerType = workout.sport_name ?? (workout.sport_id == null ? null : `sport_id:${workout.sport_id}`);
  const score = scoreOf(workout);
  const startAt = new Date(workout.start);
  return {
    externalId: workout.id,
    type: normalizeActivityType(SPORTS, workout.sport_name?.toLowerCase().replace(/[_-]+/g, " ").trim()),
    providerType,
    name: null,
    startAt,
    utcOffsetSeconds: offsetSeconds(workout.timezone_offset),
    durationS: (Date.parse(workout.end) - startAt.getTime()) / 1000,
    distanceM: score?.distance_meter ?? null,
    elevationGainM: score?.altitude_gain_meter ?? null,
    energyKcal: kcal(score?.kilojoule),
    avgHeartRateBpm: score?.average_heart_rate ?? null,
    maxHeartRateBpm: score?.max_heart_rate ?? null,
    raw: workout,
  };
}

/** WHOOP's body measurement has no timestamp: it is stamped when we first saw the value. */
export function transformWhoopBody(body: WhoopBodyMeasurement, measuredAt: Date): BodyRecord {
  return { measuredAt, weightKg: body.weight_kilogram, raw: body };
}
