import { eq, isNull, type SQL } from "drizzle-orm";
import { activities } from "../schema";

/**
 * Which activity rows a listing or total counts: without a source, one row per workout (its
 * primary; linked copies stay under it); asked for one source, that source's own rows, copies
 * included.
 */
export function onePerWorkoutOrSource(source: string | undefined): SQL {
  return source ? eq(activities.provider, source) : isNull(activities.mergedIntoId);
}
