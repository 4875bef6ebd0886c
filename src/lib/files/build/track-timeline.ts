import type { ActivityDetailRow } from "@/lib/db/queries/activity-detail";
import { haversineMetres } from "@/lib/geo/distance";
import type { TrackPoint } from "../types";
import { activityDurationS } from "./input";
import type { Timeline } from "./timeline-types";

/**
 * A kept original's points as the generated file's timeline: the device's own positions and
 * readings, on FIT's whole-second grid (a later point in the same second wins). Distance is the
 * device's where it counted it, else measured along the positions.
 */
export function timelineFromTrack(activity: ActivityDetailRow, track: readonly TrackPoint[]): Timeline {
  const bySecond = new Map<number, TrackPoint>();
  for (const point of track) {
    const second = Math.round(point.time.getTime() / 1000);
    bySecond.set(second, { ...bySecond.get(second), ...point, time: new Date(second * 1000) });
  }
  const points = [...bySecond.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
  let travelled = 0;
  let previous: TrackPoint | undefined;
  let hasPositions = false;
  for (const point of points) {
    if (point.lat === undefined || point.lon === undefined) continue;
    hasPositions = true;
    if (previous) travelled += haversineMetres([previous.lat!, previous.lon!], [point.lat, point.lon]);
    previous = point;
    point.distanceM ??= travelled;
  }
  const start = activity.startAt;
  const lastS = (points.at(-1)!.time.getTime() - start.getTime()) / 1000;
  const durationS = activityDurationS(activity) || Math.max(0, lastS);
  return {
    start,
    end: new Date(start.getTime() + durationS * 1000),
    durationS,
    hasPositions,
    routeLengthM: hasPositions ? (points.findLast((point) => point.distanceM !== undefined)?.distanceM ?? null) : null,
    points,
  };
}
