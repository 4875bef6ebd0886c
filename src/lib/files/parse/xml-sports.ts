import { normalizeActivityType, type ActivityType } from "@/lib/sync/activity-types";

// GPX <type> (free text: Strava writes "running", Garmin "running", others "Run" or "cycling") and TCX
// Sport ("Running", "Biking", "Other"), looked up in lower case.
const XML_SPORTS: Record<string, ActivityType> = {
  running: "run",
  run: "run",
  trail_running: "trail_run",
  trailrun: "trail_run",
  treadmill_running: "treadmill_run",
  biking: "ride",
  cycling: "ride",
  ride: "ride",
  road_biking: "ride",
  virtualride: "virtual_ride",
  indoor_cycling: "virtual_ride",
  mountain_biking: "mountain_bike",
  mountainbikeride: "mountain_bike",
  gravel_cycling: "gravel_ride",
  gravelride: "gravel_ride",
  ebikeride: "e_bike",
  swimming: "swim",
  swim: "swim",
  open_water_swimming: "open_water_swim",
  walking: "walk",
  walk: "walk",
  hiking: "hike",
  hike: "hike",
  rowing: "rowing",
  kayaking: "paddling",
  canoeing: "paddling",
  paddling: "paddling",
  alpine_skiing: "ski",
  alpineski: "ski",
  nordicski: "ski",
  cross_country_skiing: "ski",
  backcountryski: "ski",
  snowboard: "snowboard",
  snowboarding: "snowboard",
};

export const xmlActivityType = (sport: string | null | undefined): ActivityType =>
  normalizeActivityType(XML_SPORTS, sport?.trim().replace(/[\s-]+/g, "_"));
