import { HEART_RATE_METRICS, SPEED_METRICS } from "@/lib/activity/chart-data";
import { pickSeries } from "@/lib/activity/series";
import type { WindowSample } from "@/lib/db/queries/activity-detail";
import { decodePolyline } from "@/lib/geo/polyline";
import type { Timeline, TimelinePoint } from "./timeline-types";
import { activityDurationS, type ActivityFileInput } from "./input";
import { RouteClock } from "./route-clock";
import { timelineFromTrack } from "./track-timeline";

export type { Timeline, TimelinePoint } from "./timeline-types";

const isHeartRate = (row: WindowSample) =>
  (HEART_RATE_METRICS as readonly string[]).includes(row.metric) && row.unit === "bpm";
const isSpeed = (row: WindowSample) => (SPEED_METRICS as readonly string[]).includes(row.metric) && row.unit === "m/s";

/** Values by whole second from the start; a later sample in the same second wins. */
function bySecond(rows: readonly WindowSample[], input: ActivityFileInput): Map<number, number> {
  const series = pickSeries([...rows], { start: input.activity.startAt, preferProvider: input.activity.provider });
  const out = new Map<number, number>();
  for (const { t, v } of series?.points ?? []) out.set(Math.round(t), v);
  return out;
}

/**
 * The moments a generated file records. With a kept original's points, those (see
 * timelineFromTrack): the file is then a conversion of the recording. Otherwise one per whole
 * second that has something: each heart-rate
 * and speed sample (one device's series, as the activity page charts it), each route point, and
 * the start and the end. FIT counts time in whole seconds, so that is the grid for both formats.
 * Readings are never carried forward into seconds that have none; positions and distance are
 * interpolated along the route (see RouteClock).
 */
export function buildTimeline(input: ActivityFileInput): Timeline {
  if (input.track?.length) return timelineFromTrack(input.activity, input.track);
  const { activity } = input;
  const start = activity.startAt;
  const durationS = activityDurationS(activity);
  const heartRate = bySecond(input.samples.filter(isHeartRate), input);
  const speed = bySecond(input.samples.filter(isSpeed), input);
  const routePoints = activity.polyline ? decodePolyline(activity.polyline) : [];
  const route = routePoints.length > 0 ? new RouteClock(routePoints, durationS) : null;
  const routeLengthM = activity.distanceM ?? route?.lengthM ?? 0;

  const seconds = new Set<number>([0, Math.round(durationS)]);
  for (const second of heartRate.keys()) seconds.add(second);
  for (const second of speed.keys()) seconds.add(second);
  for (const offset of route?.vertexOffsets ?? []) seconds.add(Math.round(offset));

  const points = [...seconds]
    .filter((second) => second >= 0 && second <= Math.round(durationS))
    .sort((a, b) => a - b)
    .map((second): TimelinePoint => {
      const point: TimelinePoint = { time: new Date(start.getTime() + second * 1000) };
      if (route) {
        const position = route.at(second);
        point.lat = position.lat;
        point.lon = position.lon;
        point.distanceM = position.fraction * routeLengthM;
      }
      const bpm = heartRate.get(second);
      if (bpm !== undefined) point.heartRateBpm = bpm;
      const mps = speed.get(second);
      if (mps !== undefined) point.speedMps = mps;
      return point;
    });
  return {
    start,
    end: new Date(start.getTime() + durationS * 1000),
    durationS,
    hasPositions: route !== null,
    routeLengthM: route?.lengthM ?? null,
    points,
  };
}
