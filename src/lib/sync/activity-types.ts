// Our normalized activity types; each provider's own type is kept beside it (provider_type).
export const ACTIVITY_TYPES = [
  "run",
  "trail_run",
  "treadmill_run",
  "ride",
  "virtual_ride",
  "mountain_bike",
  "gravel_ride",
  "e_bike",
  "swim",
  "open_water_swim",
  "walk",
  "hike",
  "strength",
  "yoga",
  "hiit",
  "cardio",
  "rowing",
  "elliptical",
  "ski",
  "snowboard",
  "climbing",
  "paddling",
  "team_sport",
  "racket_sport",
  "other",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Looks a provider type up in its table, case-insensitively; unknown types become "other". */
export function normalizeActivityType(
  table: Record<string, ActivityType>,
  providerType: string | null | undefined,
): ActivityType {
  if (!providerType) return "other";
  // Own keys only: "constructor" must not find Object.prototype.constructor.
  const lookup = (key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);
  return lookup(providerType) ?? lookup(providerType.toLowerCase()) ?? "other";
}
