import type { BatchCollector } from "./batches";
import type { BodyAccumulator, DailyAccumulator } from "./body-daily";
import { parseHaeDate, parseHaeMs } from "./dates";
import { BODY_COLUMNS, DAILY_COLUMNS, metricSpec, type MetricSpec } from "./metrics";
import { haePointSchema, type HaePoint } from "./schemas";
import { convert, toBase } from "./units";
import { firstIssue } from "./issues";
import { implausibleTime, sampleValueCheck, type TimeWindow } from "@/lib/sync/plausibility";

export interface MetricSinks {
  collector: BatchCollector;
  body: BodyAccumulator;
  daily: DailyAccumulator;
  /** The dates a point may have, fixed once per body. */
  window: TimeWindow;
}

// Fields that are the value itself; everything else on a point (mealTime, reason, metadata …) is kept in meta.
const VALUE_FIELDS = new Set(["date", "qty", "source", "Min", "Avg", "Max", "systolic", "diastolic"]);

function extras(point: HaePoint, add: Record<string, unknown> | undefined): Record<string, unknown> | null {
  let meta = add ?? null;
  for (const key in point) {
    if (VALUE_FIELDS.has(key)) continue;
    meta ??= {};
    meta[key] = point[key];
  }
  return meta;
}

const NUMBER_FIELDS = ["qty", "Min", "Avg", "Max", "systolic", "diastolic"] as const;
const isOptionalNumber = (value: unknown) =>
  value === undefined || (typeof value === "number" && Number.isFinite(value));

/**
 * haePointSchema's rules checked by hand: zod copies every object it accepts, which at half a
 * million points was a tenth of the parse. Anything unusual still goes through the schema,
 * which words the rejection.
 */
function isUsualPoint(raw: unknown): raw is HaePoint {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  const point = raw as Record<string, unknown>;
  if (typeof point.date !== "string" || (point.source !== undefined && typeof point.source !== "string")) return false;
  for (const field of NUMBER_FIELDS) if (!isOptionalNumber(point[field])) return false;
  return true;
}

function normalise(spec: MetricSpec, value: number, unit: string): number | null {
  const converted =
    spec.dimension === "temperature"
      ? toBase("temperature", value, unit)
      : convert(spec.dimension, value, unit, spec.unit);
  if (converted === null) return null;
  // SpO2 or body fat at or below 1 cannot be a percentage: it is the HealthKit fraction.
  return spec.fractionMayBePercent && converted <= 1 ? converted * 100 : converted;
}

/** What a metric says about all its points. */
export interface MetricHeader {
  name: string;
  units?: string;
}

/**
 * A parser for the points of one metric, taking them one at a time as the body streams in, so
 * an export's half a million points are never all held. `path` is the metric's, e.g.
 * "data.metrics[3]"; a point's path is only built when it is rejected.
 */
export function metricPointParser(
  metric: MetricHeader,
  path: string,
  sinks: MetricSinks,
): (raw: unknown, index: number) => void {
  const spec = metricSpec(metric.name);
  const unit = metric.units ?? "";
  const bodyColumn = Object.hasOwn(BODY_COLUMNS, metric.name)
    ? BODY_COLUMNS[metric.name as keyof typeof BODY_COLUMNS]
    : undefined;
  const dailyName = spec?.metric === "basal_energy" ? "basal_energy" : metric.name;
  const isBloodPressure = metric.name === "blood_pressure";
  const name = spec?.metric ?? metric.name;
  const dailyMetric =
    dailyName === "basal_energy" || Object.hasOwn(DAILY_COLUMNS, dailyName)
      ? (dailyName as keyof typeof DAILY_COLUMNS | "basal_energy")
      : undefined;

  const storedUnit = spec?.unit ?? unit;
  const checkValue = sampleValueCheck(name, storedUnit);
  const { window } = sinks;

  /** The value as stored, or why it cannot be. */
  const storable = (value: number, suffix: string): number | string => {
    const stored = spec ? normalise(spec, value, unit) : value;
    if (stored === null) return `unknown unit "${unit}" for ${metric.name}`;
    return (suffix === "" ? checkValue(stored) : sampleValueCheck(`${name}${suffix}`, storedUnit)(stored)) ?? stored;
  };
  const sample = (
    point: HaePoint,
    time: number,
    stored: number,
    suffix: string,
    meta?: Record<string, unknown>,
  ): null => {
    const source = point.source ?? "";
    const sampleMetric = suffix === "" ? name : `${name}${suffix}`;
    sinks.collector.addSample(source, sampleMetric, storedUnit, time, stored, extras(point, meta));
    // The point's date was read already; only these few metrics need its local day and time as well.
    if (bodyColumn) sinks.body.add(source, parseHaeDate(point.date)!, bodyColumn, stored, metric.name, point);
    if (dailyMetric) sinks.daily.add(dailyMetric, source, point.date, stored);
    return null;
  };
  const parsePoint = (raw: unknown): string | null => {
    let point: HaePoint;
    if (isUsualPoint(raw)) point = raw;
    else {
      const parsed = haePointSchema.safeParse(raw);
      if (!parsed.success) return firstIssue(parsed.error);
      point = parsed.data;
    }
    const time = parseHaeMs(point.date);
    if (Number.isNaN(time)) return `unparseable date "${point.date}"`;
    const late = implausibleTime(time, window);
    if (late) return late;
    if (isBloodPressure) {
      if (point.systolic === undefined || point.diastolic === undefined)
        return "blood pressure point without systolic and diastolic";
      const systolic = storable(point.systolic, "_systolic");
      const diastolic = storable(point.diastolic, "_diastolic");
      if (typeof systolic === "string" || typeof diastolic === "string")
        return typeof systolic === "string" ? systolic : (diastolic as string);
      return sample(point, time, systolic, "_systolic") ?? sample(point, time, diastolic, "_diastolic");
    }
    // Heart rate buckets carry capitalised Min/Avg/Max instead of qty.
    if (point.Avg !== undefined) {
      const avg = storable(point.Avg, "");
      const min = point.Min === undefined ? null : storable(point.Min, "");
      const max = point.Max === undefined ? null : storable(point.Max, "");
      if (typeof avg === "string") return avg;
      if (typeof min === "string") return min;
      if (typeof max === "string") return max;
      return sample(point, time, avg, "", { min: point.Min ?? null, max: point.Max ?? null });
    }
    if (point.qty === undefined) return "point without qty";
    const stored = storable(point.qty, "");
    return typeof stored === "string" ? stored : sample(point, time, stored, "");
  };

  return (raw, index) => {
    const reason = parsePoint(raw);
    if (reason !== null) sinks.collector.reject(`${path}.data[${index}]`, reason);
  };
}
