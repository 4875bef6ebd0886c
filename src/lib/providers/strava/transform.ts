import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";
import type { ActivityRecord } from "@/lib/sync/records";
import type { StravaSummaryActivity } from "./schemas";

// Strava's sport_type values (developers.strava.com, SportType) mapped to ours.
const SPORT_TYPES: Record<string, ActivityType> = {
  Run: "run",
  TrailRun: "trail_run",
  VirtualRun: "treadmill_run",
  Ride: "ride",
  VirtualRide: "virtual_ride",
  MountainBikeRide: "mountain_bike",
  GravelRide: "gravel_ride",
  EBikeRide: "e_bike",
  EMountainBikeRide: "e_bike",
  Velomobile: "ride",
  Handcycle: "ride",
  Swim: "swim",
  Walk: "walk",
  Hike: "hike",
  WeightTraining: "strength",
  Crossfit: "hiit",
  HighIntensityIntervalTraining: "hiit",
  Workout: "cardio",
  Yoga: "yoga",
  Pilates: "yoga",
  Rowing: "rowing",
  VirtualRow: "rowing",
  Elliptical: "elliptical",
  StairStepper: "cardio",
  AlpineSki: "ski",
  BackcountrySki: "ski",
  NordicSki: "ski",
  RollerSki: "ski",
  Snowboard: "snowboard",
  RockClimbing: "climbing",
  Canoeing: "paddling",
  Kayaking: "paddling",
  StandUpPaddling: "paddling",
  Surfing: "paddling",
  Soccer: "team_sport",
  Basketball: "team_sport",
  Volleyball: "team_sport",
  Tennis: "racket_sport",
  Badminton: "racket_sport",
  Pickleball: "racket_sport",
  Squash: "racket_sport",
  TableTennis: "racket_sport",
  Racquetball: "racket_sport",
};

export function transformStravaActivity(activity: StravaSummaryActivity): ActivityRecord {
  const providerType = activity.sport_type ?? activity.type ?? null;
  return {
    externalId: String(activity.id),
    type: normalizeActivityType(SPORT_TYPES, providerType),
    providerType,
    name: activity.name ?? null,
    // start_date is the instant; start_date_local is wall-clock time mislabelled with a Z.
    startAt: new Date(activity.start_date),
    utcOffsetSeconds: activity.utc_offset == null ? null : Math.round(activity.utc_offset),
    durationS: activity.elapsed_time ?? null,
    movingTimeS: activity.moving_time ?? null,
    distanceM: activity.distance ?? null,
    elevationGainM: activity.total_elevation_gain ?? null,
    // Calories are only on the detail endpoint; a summary sync does not spend a request per activity on them.
    energyKcal: activity.calories ?? null,
    avgHeartRateBpm: activity.average_heartrate ?? null,
    maxHeartRateBpm: activity.max_heartrate ?? null,
    avgPowerW: activity.average_watts ?? null,
    avgSpeedMps: activity.average_speed ?? null,
    maxSpeedMps: activity.max_speed ?? null,
    device: activity.device_name ?? null,
    polyline: activity.map?.summary_polyline || null,
    raw: activity,
  };
}
