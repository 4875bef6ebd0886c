import type { SessionMesg } from "@garmin/fitsdk";
import type { ActivityType } from "@/lib/sync/activity-types";

export interface FitSport {
  sport: NonNullable<SessionMesg["sport"]>;
  subSport: NonNullable<SessionMesg["subSport"]>;
}

// Our types back to FIT's sport and sub-sport, so Garmin Connect, Strava and the rest file a
// generated activity where the original would have gone. A Record, so a new ActivityType
// does not compile until it has its FIT sport.
const FIT_SPORTS: Record<ActivityType, FitSport> = {
  run: { sport: "running", subSport: "generic" },
  trail_run: { sport: "running", subSport: "trail" },
  treadmill_run: { sport: "running", subSport: "treadmill" },
  ride: { sport: "cycling", subSport: "generic" },
  virtual_ride: { sport: "cycling", subSport: "virtualActivity" },
  mountain_bike: { sport: "cycling", subSport: "mountain" },
  gravel_ride: { sport: "cycling", subSport: "gravelCycling" },
  e_bike: { sport: "eBiking", subSport: "generic" },
  swim: { sport: "swimming", subSport: "lapSwimming" },
  open_water_swim: { sport: "swimming", subSport: "openWater" },
  walk: { sport: "walking", subSport: "generic" },
  hike: { sport: "hiking", subSport: "generic" },
  strength: { sport: "training", subSport: "strengthTraining" },
  yoga: { sport: "training", subSport: "yoga" },
  hiit: { sport: "hiit", subSport: "generic" },
  cardio: { sport: "training", subSport: "cardioTraining" },
  rowing: { sport: "rowing", subSport: "generic" },
  elliptical: { sport: "fitnessEquipment", subSport: "elliptical" },
  ski: { sport: "alpineSkiing", subSport: "generic" },
  snowboard: { sport: "snowboarding", subSport: "generic" },
  climbing: { sport: "rockClimbing", subSport: "generic" },
  paddling: { sport: "paddling", subSport: "generic" },
  team_sport: { sport: "teamSport", subSport: "generic" },
  racket_sport: { sport: "racket", subSport: "generic" },
  other: { sport: "generic", subSport: "generic" },
};

/** FIT's sport for one of our activity types; a type we do not know (an old row) is generic. */
export function fitSportFor(type: string): FitSport {
  return Object.hasOwn(FIT_SPORTS, type) ? FIT_SPORTS[type as ActivityType] : FIT_SPORTS.other;
}
