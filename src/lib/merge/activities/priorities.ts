import { sportFamily } from "@/lib/activity/sport-family";

/** The key of every sport without an order of its own. */
export const ANY_SPORT = "*";

// The recording device's own platform first, then the phone's health store and files the
// person uploaded (the device's own bytes), then platforms that mostly hold copies: WHOOP,
// Oura and Fitbit import workouts from elsewhere, and Strava is where everyone uploads to.
export const DEFAULT_SOURCE_ORDER: readonly string[] = [
  "garmin",
  "coros",
  "polar",
  "apple_health",
  "health_connect",
  "upload",
  "whoop",
  "oura",
  "fitbit",
  "strava",
];

/** Per sport family (or ANY_SPORT), the person's order of sources; absent sports use the default. */
export type SourcePriorities = ReadonlyMap<string, readonly string[]>;

/** The order that applies to an activity of `type`. */
export function sourceOrderFor(priorities: SourcePriorities, type: string): readonly string[] {
  return priorities.get(sportFamily(type)) ?? priorities.get(ANY_SPORT) ?? DEFAULT_SOURCE_ORDER;
}

/** Where a source stands in an order; a source the order does not name comes after all it does. */
export function sourceRank(order: readonly string[], provider: string): number {
  const index = order.indexOf(provider);
  if (index >= 0) return index;
  const fallback = DEFAULT_SOURCE_ORDER.indexOf(provider);
  return order.length + (fallback >= 0 ? fallback : DEFAULT_SOURCE_ORDER.length);
}
