import type { TrackPoint } from "@/lib/files/types";
import { METERS_PER_FOOT, paceSeconds, paceUnit, speedUnit, speedValue, type UnitSystem } from "@/lib/format";
import { CHART_POINTS, type ChartData } from "./chart-data";
import { downsample, type SeriesPoint } from "./downsample";
import type { SpeedDisplay } from "./speed-display";

export interface TrackCharts {
  heartRate: ChartData | null;
  speed: ChartData | null;
  power: ChartData | null;
  cadence: ChartData | null;
  altitude: ChartData | null;
}

interface TrackContext {
  start: Date;
  durationS: number;
  /** Who recorded the file, for the chart's caption ("garmin", "upload"). */
  provider: string;
  /** The file's name, shown beside the source. */
  sourceId: string;
  display: SpeedDisplay;
  units: UnitSystem;
}

/** One channel of the recording as seconds since the start, skipping points that lack it. */
function channel(points: readonly TrackPoint[], start: Date, read: (point: TrackPoint) => number | undefined) {
  const out: SeriesPoint[] = [];
  const startMs = start.getTime();
  for (const point of points) {
    const value = read(point);
    if (value === undefined || !Number.isFinite(value)) continue;
    out.push({ t: (point.time.getTime() - startMs) / 1000, v: value });
  }
  return out;
}

function chart(
  base: Pick<ChartData, "title" | "unit" | "valueFormat" | "isInverted">,
  points: SeriesPoint[],
  context: TrackContext,
): ChartData | null {
  // A channel a device writes as all zeros (a power meter never paired) is no data at all.
  if (points.length < 2 || points.every((point) => point.v === 0)) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const { v } of points) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return {
    ...base,
    provider: context.provider,
    sourceId: context.sourceId,
    durationS: context.durationS,
    sampleCount: points.length,
    points: downsample(points, CHART_POINTS),
    min,
    max,
  };
}

/**
 * The charts an original file can draw, every channel it recorded at its own rate: heart rate,
 * speed or pace, power, cadence and altitude. Only the channels the device wrote appear.
 */
export function trackCharts(points: readonly TrackPoint[], context: TrackContext): TrackCharts {
  const number = { valueFormat: "number", isInverted: false } as const;
  const speedPoints = channel(points, context.start, (point) => point.speedMps);
  const speed =
    context.display === "speed"
      ? chart(
          { ...number, title: "Speed", unit: speedUnit(context.units) },
          speedPoints.map(({ t, v }) => ({ t, v: speedValue(v, context.units) })),
          context,
        )
      : chart(
          { title: "Pace", unit: `min${paceUnit(context.units)}`, valueFormat: "clock", isInverted: true },
          speedPoints.flatMap(({ t, v }) => {
            const seconds = paceSeconds(v, context.units);
            return seconds == null ? [] : [{ t, v: seconds }];
          }),
          context,
        );
  const imperial = context.units === "imperial";
  return {
    heartRate: chart(
      { ...number, title: "Heart rate", unit: "bpm" },
      channel(points, context.start, (p) => p.heartRateBpm),
      context,
    ),
    speed,
    power: chart(
      { ...number, title: "Power", unit: "W" },
      channel(points, context.start, (p) => p.powerW),
      context,
    ),
    cadence: chart(
      { ...number, title: "Cadence", unit: context.display === "speed" ? "rpm" : "spm" },
      channel(points, context.start, (p) => p.cadence),
      context,
    ),
    altitude: chart(
      { ...number, title: "Elevation", unit: imperial ? "ft" : "m" },
      channel(points, context.start, (p) =>
        p.altitudeM === undefined ? undefined : imperial ? p.altitudeM / METERS_PER_FOOT : p.altitudeM,
      ),
      context,
    ),
  };
}
