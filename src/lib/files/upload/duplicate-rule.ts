import { typesInFamily } from "@/lib/activity/sport-family";
import type { Database } from "@/lib/db/client";
import { findNearestActivity, type ActivityMatch } from "@/lib/db/queries/activity-matches";

/**
 * How far apart two starts of one sport may be and still be one workout. Recorders of the same
 * session disagree by seconds (a watch's timer start against the first GPS fix a provider keeps,
 * a phone and a watch started by hand) and some sources keep whole minutes only, so a tolerance
 * under a minute would miss real copies. Two separate workouts of one sport family starting less
 * than two minutes apart do not happen: the first would have to end within that time.
 */
export const DUPLICATE_TOLERANCE_MS = 2 * 60_000;

/**
 * The activity a file's workout is already known as: the user's activity of the same sport
 * family (sport-family.ts) starting nearest the file's start, within DUPLICATE_TOLERANCE_MS.
 */
export function findDuplicateActivity(
  db: Database,
  params: { userId: string; type: string; startAt: Date },
): Promise<ActivityMatch | undefined> {
  return findNearestActivity(db, {
    userId: params.userId,
    types: typesInFamily(params.type),
    startAt: params.startAt,
    toleranceMs: DUPLICATE_TOLERANCE_MS,
  });
}
