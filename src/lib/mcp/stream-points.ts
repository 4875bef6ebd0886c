import { downsample } from "@/lib/activity/downsample";
import type { ActivityDetailResponse } from "@/lib/api-v1/schemas";

type Series = ActivityDetailResponse["streams"]["series"][number];

export interface CompactSeries {
  metric: string;
  source: string;
  unit: string;
  /** Points the recording has; `points` holds at most the asked-for number of them. */
  recordedPoints: number;
  /** [seconds since the activity started, value]. */
  points: Array<[number, number]>;
}

// Positions are drawn as pairs: latitude and longitude must keep the same instants, which
// evenly spaced picks do and LTTB (choosing per series by its own shape) would not.
const POSITION_METRICS = new Set(["latitude", "longitude"]);

function evenlySpaced<T>(items: T[], target: number): T[] {
  if (items.length <= target) return items.slice();
  const step = (items.length - 1) / (target - 1);
  return Array.from({ length: target }, (_, index) => items[Math.round(index * step)]!);
}

/** An activity's streams as [seconds, value] pairs, each at most `maxPoints` long, peaks kept (LTTB). */
export function compactStreams(series: Series[], startAt: string, maxPoints: number): CompactSeries[] {
  const start = Date.parse(startAt);
  return series.map((one) => {
    const points = one.values.map((value, index) => ({ t: (Date.parse(one.times[index]!) - start) / 1000, v: value }));
    const kept = POSITION_METRICS.has(one.metric) ? evenlySpaced(points, maxPoints) : downsample(points, maxPoints);
    return {
      metric: one.metric,
      source: one.source,
      unit: one.unit,
      recordedPoints: points.length,
      points: kept.map((point): [number, number] => [Math.round(point.t), point.v]),
    };
  });
}
