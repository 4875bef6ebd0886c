import type { ActivityType } from "@/lib/sync/activity-types";

// FIT sport and sub_sport names (as @garmin/fitsdk spells them) mapped to ours. "sport/subSport"
// entries refine a sport; a sport alone is the fallback for every sub-sport not listed.
const FIT_SPORTS: Record<string, ActivityType> = {
  running: "run",
  "running/trail": "trail_run",
  "running/treadmill": "treadmill_run",
  "running/indoorRunning": "treadmill_run",
  "running/virtualActivity": "treadmill_run",
  cycling: "ride",
  "cycling/indoorCycling": "virtual_ride",
  "cycling/spin": "virtual_ride",
  "cycling/virtualActivity": "virtual_ride",
  "cycling/mountain": "mountain_bike",
  "cycling/downhill": "mountain_bike",
  "cycling/gravelCycling": "gravel_ride",
  "cycling/cyclocross": "gravel_ride",
  "cycling/eBikeMountain": "e_bike",
  eBiking: "e_bike",
  swimming: "swim",
  "swimming/openWater": "open_water_swim",
  walking: "walk",
  wheelchairPushWalk: "walk",
  wheelchairPushRun: "run",
  hiking: "hike",
  snowshoeing: "hike",
  training: "strength",
  "training/strengthTraining": "strength",
  "training/yoga": "yoga",
  "training/flexibilityTraining": "yoga",
  "training/pilates": "yoga",
  "training/cardioTraining": "cardio",
  "training/hiit": "hiit",
  hiit: "hiit",
  jumpRope: "cardio",
  boxing: "cardio",
  mixedMartialArts: "cardio",
  dance: "cardio",
  mobility: "yoga",
  fitnessEquipment: "cardio",
  "fitnessEquipment/indoorRowing": "rowing",
  "fitnessEquipment/elliptical": "elliptical",
  "fitnessEquipment/treadmill": "treadmill_run",
  "fitnessEquipment/indoorCycling": "virtual_ride",
  "fitnessEquipment/pilates": "yoga",
  "fitnessEquipment/indoorSkiing": "ski",
  rowing: "rowing",
  crossCountrySkiing: "ski",
  alpineSkiing: "ski",
  snowboarding: "snowboard",
  rockClimbing: "climbing",
  floorClimbing: "climbing",
  mountaineering: "climbing",
  paddling: "paddling",
  kayaking: "paddling",
  canoeing: "paddling",
  rafting: "paddling",
  standUpPaddleboarding: "paddling",
  surfing: "paddling",
  soccer: "team_sport",
  basketball: "team_sport",
  americanFootball: "team_sport",
  baseball: "team_sport",
  cricket: "team_sport",
  rugby: "team_sport",
  hockey: "team_sport",
  lacrosse: "team_sport",
  volleyball: "team_sport",
  teamSport: "team_sport",
  tennis: "racket_sport",
  racket: "racket_sport",
};

/** The file's own sport as we keep it ("running", "cycling/road"): sub_sport only when it says more than "generic". */
export function fitProviderType(sport: unknown, subSport: unknown): string | null {
  if (typeof sport !== "string") return typeof sport === "number" ? `sport ${sport}` : null;
  return typeof subSport === "string" && subSport !== "generic" ? `${sport}/${subSport}` : sport;
}

export function fitActivityType(sport: unknown, subSport: unknown): ActivityType {
  if (typeof sport !== "string") return "other";
  const own = (key: string) => (Object.hasOwn(FIT_SPORTS, key) ? FIT_SPORTS[key] : undefined);
  return (typeof subSport === "string" ? own(`${sport}/${subSport}`) : undefined) ?? own(sport) ?? "other";
}
