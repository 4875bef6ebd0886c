import { isSameSportFamily } from "@/lib/activity/sport-family";
import type { LinkEvidence } from "@/lib/db/schema";
import type { MatchRow } from "./types";

// Two recorders of one workout start seconds apart (a watch's timer against a phone's, the
// first GPS fix a provider keeps) and some keep whole minutes; two workouts of one sport family
// do not start within two minutes of each other (the first would have to end first). The same
// tolerance as the upload's duplicate rule (files/upload/duplicate-rule.ts).
export const START_TOLERANCE_S = 120;
// Elapsed time differs by auto-pause and by where each recorder cut the end; distance by GPS
// smoothing and recomputation (Strava recomputes from the stream). A real second workout of
// the same start is far outside both.
export const DURATION_TOLERANCE_PERCENT = 10;
export const DISTANCE_TOLERANCE_PERCENT = 5;

const percentApart = (a: number | null, b: number | null): number | null => {
  if (a == null || b == null) return null;
  const larger = Math.max(Math.abs(a), Math.abs(b));
  return larger === 0 ? 0 : (Math.abs(a - b) / larger) * 100;
};

/** How far apart two rows are: start, duration and distance. */
export function measureApart(a: MatchRow, b: MatchRow): Omit<LinkEvidence, "score" | "exactReason"> {
  return {
    startGapS: Math.round(Math.abs(a.startAt.getTime() - b.startAt.getTime()) / 1000),
    durationDiffPercent: round(percentApart(a.durationS, b.durationS)),
    distanceDiffPercent: round(percentApart(a.distanceM, b.distanceM)),
  };
}

/**
 * The scored match: a compatible sport, a start within START_TOLERANCE_S, and duration and
 * distance (where both rows have them) within their percentages. The score is 1 for identical
 * rows and falls towards 0 at the edges of every tolerance. Undefined: not one activity.
 */
export function scoreMatch(a: MatchRow, b: MatchRow): LinkEvidence | undefined {
  if (!isSameSportFamily(a.type, b.type)) return undefined;
  const apart = measureApart(a, b);
  if (apart.startGapS > START_TOLERANCE_S) return undefined;
  if (apart.durationDiffPercent != null && apart.durationDiffPercent > DURATION_TOLERANCE_PERCENT) return undefined;
  if (apart.distanceDiffPercent != null && apart.distanceDiffPercent > DISTANCE_TOLERANCE_PERCENT) return undefined;
  const shares = [
    apart.startGapS / START_TOLERANCE_S,
    ...(apart.durationDiffPercent == null ? [] : [apart.durationDiffPercent / DURATION_TOLERANCE_PERCENT]),
    ...(apart.distanceDiffPercent == null ? [] : [apart.distanceDiffPercent / DISTANCE_TOLERANCE_PERCENT]),
  ];
  const score = 1 - shares.reduce((sum, share) => sum + share, 0) / shares.length;
  return { ...apart, score: Math.round(score * 1000) / 1000 };
}

function round(value: number | null): number | null {
  return value == null ? null : Math.round(value * 100) / 100;
}
