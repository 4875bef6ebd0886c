import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";

// HealthKit activity types as HAE names them (English, e.g. "Traditional Strength Training"), lower-cased.
const WORKOUT_TYPES: Record<string, ActivityType> = {
  running: "run", "outdoor run": "run", "indoor run": "treadmill_run",
  walking: "walk", "outdoor walk": "walk", "indoor walk": "walk", hiking: "hike",
  cycling: "ride", "outdoor cycle": "ride", "hand cycling": "ride", "indoor cycling": "virtual_ride", "indoor cycle": "virtual_ride",
  swimming: "swim", "pool swim": "swim", "open water swim": "open_water_swim",
  "traditional strength training": "strength", "functional strength training": "strength", "core training": "strength",
  yoga: "yoga", pilates: "yoga", "mind and body": "yoga", flexibility: "yoga", "tai chi": "yoga",
  "high intensity interval training": "hiit", hiit: "hiit",
  "mixed cardio": "cardio", "cross training": "cardio", "jump rope": "cardio", "stair climbing": "cardio", stairs: "cardio",
  "step training": "cardio", dance: "cardio", "cardio dance": "cardio", "social dance": "cardio", barre: "cardio",
  kickboxing: "cardio", boxing: "cardio", "martial arts": "cardio",
  rowing: "rowing", "indoor rowing": "rowing", elliptical: "elliptical",
  "downhill skiing": "ski", "cross country skiing": "ski", skiing: "ski", snowboarding: "snowboard", climbing: "climbing",
  "paddle sports": "paddling", paddling: "paddling", kayaking: "paddling", "surfing sports": "paddling", surfing: "paddling",
  soccer: "team_sport", basketball: "team_sport", volleyball: "team_sport", "american football": "team_sport",
  "australian football": "team_sport", rugby: "team_sport", hockey: "team_sport", lacrosse: "team_sport",
  cricket: "team_sport", baseball: "team_sport", softball: "team_sport", handball: "team_sport",
  tennis: "racket_sport", badminton: "racket_sport", squash: "racket_sport", "table tennis": "racket_sport",
  racquetball: "racket_sport", pickleball: "racket_sport", padel: "racket_sport",
};

/** Our type for a workout; "Running"/"Cycling" recorded indoors are treadmill and trainer sessions. */
export function workoutType(name: string, location: string | undefined, isIndoor: boolean | undefined): ActivityType {
  const type = normalizeActivityType(WORKOUT_TYPES, name.trim());
  const indoor = isIndoor ?? (location === undefined ? undefined : location.toLowerCase() === "indoor");
  if (indoor && type === "run") return "treadmill_run";
  if (indoor && type === "ride") return "virtual_ride";
  if (type === "swim" && location?.toLowerCase() === "open water") return "open_water_swim";
  return type;
}
