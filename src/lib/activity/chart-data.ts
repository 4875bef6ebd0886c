import type { WindowSample } from "@/lib/db/queries/activity-detail";
import { paceSeconds, paceUnit, speedUnit, speedValue, type UnitSystem } from "@/lib/format";
import { downsample, type SeriesPoint } from "./downsample";
import { pickSeries } from "./series";
import type { SpeedDisplay } from "./speed-display";

/** About one point per two pixels of a wide chart: more only adds bytes to the page. */
export const CHART_POINTS = 500;

export const HEART_RATE_METRICS = ["heart_rate"] as const;
// Speed as the ingest stores it (m/s): Apple's running and walking speed, and plain `speed`.
export const SPEED_METRICS = ["speed", "running_speed", "walking_speed", "cycling_speed"] as const;

export interface ChartData {
  title: string;
  unit: string;
  /** "clock" draws 5:30 for 330 (a pace); "number" draws the value rounded. */
  valueFormat: "number" | "clock";
  /** Pace: smaller is faster, so the axis runs upside down and faster is up. */
  isInverted: boolean;
  /** Samples found before downsampling. */
  sampleCount: number;
  provider: string;
  sourceId: string;
  durationS: number;
  points: SeriesPoint[];
  min: number;
  max: number;
}

function finish(
  base: Omit<ChartData, "points" | "min" | "max" | "sampleCount">,
  points: SeriesPoint[],
): ChartData | null {
  if (points.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const { v } of points) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { ...base, sampleCount: points.length, points: downsample(points, CHART_POINTS), min, max };
}

interface ChartContext {
  start: Date;
  durationS: number;
  provider: string;
}

export function heartRateChart(rows: WindowSample[], context: ChartContext): ChartData | null {
  const series = pickSeries(
    rows.filter((row) => row.unit === "bpm"),
    { start: context.start, preferProvider: context.provider },
  );
  if (!series) return null;
  return finish(
    {
      title: "Heart rate",
      unit: "bpm",
      valueFormat: "number",
      isInverted: false,
      provider: series.provider,
      sourceId: series.sourceId,
      durationS: context.durationS,
    },
    series.points,
  );
}

export function speedChart(
  rows: WindowSample[],
  context: ChartContext & { display: SpeedDisplay; units: UnitSystem },
): ChartData | null {
  const series = pickSeries(
    rows.filter((row) => row.unit === "m/s"),
    { start: context.start, preferProvider: context.provider },
  );
  if (!series) return null;
  const base = { provider: series.provider, sourceId: series.sourceId, durationS: context.durationS };
  if (context.display === "speed") {
    return finish(
      { ...base, title: "Speed", unit: speedUnit(context.units), valueFormat: "number", isInverted: false },
      series.points.map(({ t, v }) => ({ t, v: speedValue(v, context.units) })),
    );
  }
  // Swimmers get the same chart per km or mile: per-100 samples are rare enough not to need their own.
  const paced = series.points.flatMap(({ t, v }) => {
    const seconds = paceSeconds(v, context.units);
    return seconds == null ? [] : [{ t, v: seconds }];
  });
  return finish(
    { ...base, title: "Pace", unit: `min${paceUnit(context.units)}`, valueFormat: "clock", isInverted: true },
    paced,
  );
}
