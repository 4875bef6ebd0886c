import type { ActivityType } from "@/lib/sync/activity-types";

/**
 * Sports that two recorders of one workout may name differently. A watch says "trail run" where
 * the phone says "run"; a bike computer says "gravel ride" where Strava says "ride". Telling two
 * records of one workout apart from two workouts compares families, never exact types.
 */
export const SPORT_FAMILIES = {
  run: ["run", "trail_run", "treadmill_run"],
  ride: ["ride", "virtual_ride", "mountain_bike", "gravel_ride", "e_bike"],
  swim: ["swim", "open_water_swim"],
  // A hike on the watch is often a walk on the phone; nobody does both in the same two minutes.
  walk: ["walk", "hike"],
  // Gym sessions: apps file the same circuit as strength, HIIT, cardio or the machine's name.
  gym: ["strength", "hiit", "cardio", "elliptical"],
  yoga: ["yoga"],
  rowing: ["rowing"],
  snow: ["ski", "snowboard"],
  climbing: ["climbing"],
  paddling: ["paddling"],
  team_sport: ["team_sport"],
  racket_sport: ["racket_sport"],
  other: ["other"],
} as const satisfies Record<string, readonly ActivityType[]>;

export type SportFamily = keyof typeof SPORT_FAMILIES;

const FAMILY_OF = new Map<string, SportFamily>(
  Object.entries(SPORT_FAMILIES).flatMap(([family, types]) => types.map((type) => [type, family as SportFamily])),
);

/** The family of a stored activity type; a type we do not know stays a family of its own. */
export function sportFamily(type: string): SportFamily | `unknown:${string}` {
  return FAMILY_OF.get(type) ?? `unknown:${type}`;
}

/** Every activity type in the same family as `type` (just `type` itself when it is not one of ours). */
export function typesInFamily(type: string): string[] {
  const family = FAMILY_OF.get(type);
  return family ? [...SPORT_FAMILIES[family]] : [type];
}

export const isSameSportFamily = (a: string, b: string): boolean => sportFamily(a) === sportFamily(b);
