import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";

// androidx ExerciseSessionRecord.EXERCISE_TYPE_* (connect-client, "Next Id: 84"), named as HC's
// own EXERCISE_TYPE_STRING_TO_INT_MAP names them. The framework's android.health.connect
// ExerciseSessionType numbers differ; HC Webhook reads through androidx, so these are the ones.
export const EXERCISE_TYPE_NAMES: Record<number, string> = {
  0: "workout", 2: "badminton", 4: "baseball", 5: "basketball", 8: "biking", 9: "biking_stationary",
  10: "boot_camp", 11: "boxing", 13: "calisthenics", 14: "cricket", 16: "dancing", 25: "elliptical",
  26: "exercise_class", 27: "fencing", 28: "football_american", 29: "football_australian", 31: "frisbee_disc",
  32: "golf", 33: "guided_breathing", 34: "gymnastics", 35: "handball", 36: "high_intensity_interval_training",
  37: "hiking", 38: "ice_hockey", 39: "ice_skating", 44: "martial_arts", 46: "paddling", 47: "paragliding",
  48: "pilates", 50: "racquetball", 51: "rock_climbing", 52: "roller_hockey", 53: "rowing", 54: "rowing_machine",
  55: "rugby", 56: "running", 57: "running_treadmill", 58: "sailing", 59: "scuba_diving", 60: "skating",
  61: "skiing", 62: "snowboarding", 63: "snowshoeing", 64: "soccer", 65: "softball", 66: "squash",
  68: "stair_climbing", 69: "stair_climbing_machine", 70: "strength_training", 71: "stretching", 72: "surfing",
  73: "swimming_open_water", 74: "swimming_pool", 75: "table_tennis", 76: "tennis", 78: "volleyball",
  79: "walking", 80: "water_polo", 81: "weightlifting", 82: "wheelchair", 83: "yoga",
};

// Names absent here (golf, sailing, fencing, wheelchair …) become "other".
const ACTIVITIES: Record<string, ActivityType> = {
  running: "run", running_treadmill: "treadmill_run", biking: "ride", biking_stationary: "virtual_ride",
  swimming_pool: "swim", swimming_open_water: "open_water_swim", walking: "walk", hiking: "hike", snowshoeing: "hike",
  strength_training: "strength", weightlifting: "strength", calisthenics: "strength",
  yoga: "yoga", pilates: "yoga", stretching: "yoga",
  high_intensity_interval_training: "hiit", boot_camp: "hiit",
  boxing: "cardio", dancing: "cardio", exercise_class: "cardio", stair_climbing: "cardio", stair_climbing_machine: "cardio",
  rowing: "rowing", rowing_machine: "rowing", elliptical: "elliptical",
  skiing: "ski", snowboarding: "snowboard", rock_climbing: "climbing", paddling: "paddling", surfing: "paddling",
  baseball: "team_sport", basketball: "team_sport", cricket: "team_sport", football_american: "team_sport",
  football_australian: "team_sport", handball: "team_sport", ice_hockey: "team_sport", roller_hockey: "team_sport",
  rugby: "team_sport", soccer: "team_sport", softball: "team_sport", volleyball: "team_sport", water_polo: "team_sport",
  badminton: "racket_sport", racquetball: "racket_sport", squash: "racket_sport", table_tennis: "racket_sport", tennis: "racket_sport",
};

/**
 * Our type and the provider's name for an exercise type sent as "56", 56 or "running".
 * A code newer than this table keeps its number as the provider type and counts as "other",
 * as Health Connect itself treats unknown values as EXERCISE_TYPE_OTHER_WORKOUT.
 */
export function exerciseTypeOf(value: string | number): { type: ActivityType; providerType: string } {
  const text = String(value).trim();
  const providerType = /^\d+$/.test(text) ? (EXERCISE_TYPE_NAMES[Number(text)] ?? text) : text.toLowerCase();
  // Own keys only: "constructor" would otherwise find Object.prototype's.
  const type = Object.hasOwn(ACTIVITIES, providerType) ? normalizeActivityType(ACTIVITIES, providerType) : "other";
  return { type, providerType };
}
