import { HEART_RATE_METRICS, SPEED_METRICS } from "@/lib/activity/chart-data";
import type { Database } from "@/lib/db/client";
import {
  findActivityForUser,
  findSamplesInWindow,
  type ActivityDetailRow,
  type WindowSample,
} from "@/lib/db/queries/activity-detail";
import type { TrackPoint } from "../types";

/** What a generated file is built from: the activity's summary row and the samples recorded during it. */
export interface ActivityFileInput {
  activity: ActivityDetailRow;
  /** Heart-rate (bpm) and speed (m/s) samples inside the activity's window, oldest first. */
  samples: readonly WindowSample[];
  /**
   * The points of a kept original, read by the parser. When given they are the recording, and
   * the generated file converts it (a FIT's GPX, an upload's FIT) instead of rebuilding it.
   */
  track?: readonly TrackPoint[];
}

const FILE_METRICS = [...HEART_RATE_METRICS, ...SPEED_METRICS];

/** The activity's length in seconds as the generated file tells it: elapsed time, else moving time. */
export const activityDurationS = (activity: ActivityDetailRow): number =>
  Math.max(0, activity.durationS ?? activity.movingTimeS ?? 0);

/** The samples recorded during an activity the caller has already found for this user. */
export async function loadActivitySamples(
  db: Database,
  params: { userId: string; activity: ActivityDetailRow },
): Promise<WindowSample[]> {
  const durationS = activityDurationS(params.activity);
  if (durationS <= 0) return [];
  const from = params.activity.startAt;
  return findSamplesInWindow(db, {
    userId: params.userId,
    metrics: FILE_METRICS,
    from,
    to: new Date(from.getTime() + durationS * 1000),
  });
}

/** The user's activity and its samples, or undefined when the activity is not theirs. */
export async function loadActivityFileInput(
  db: Database,
  params: { userId: string; activityId: string },
): Promise<ActivityFileInput | undefined> {
  const activity = await findActivityForUser(db, params);
  if (!activity) return undefined;
  return { activity, samples: await loadActivitySamples(db, { userId: params.userId, activity }) };
}
