import type { SampleRecord } from "@/lib/sync/records";
import type { BatchCollector } from "./batches";
import type { BodyAccumulator, DailyAccumulator } from "./body-daily";
import { parseHaeDate } from "./dates";
import { BODY_COLUMNS, DAILY_COLUMNS, metricSpec, type MetricSpec } from "./metrics";
import { haePointSchema, type HaeMetric, type HaePoint } from "./schemas";
import { convert, toBase } from "./units";
import { firstIssue } from "./issues";

export interface MetricSinks {
  collector: BatchCollector;
  body: BodyAccumulator;
  daily: DailyAccumulator;
}

// Fields that are the value itself; everything else on a point (mealTime, reason, metadata …) is kept in meta.
const VALUE_FIELDS = new Set(["date", "qty", "source", "Min", "Avg", "Max", "systolic", "diastolic"]);

function extras(point: HaePoint, add: Record<string, unknown> = {}): Record<string, unknown> | null {
  const meta: Record<string, unknown> = { ...add };
  for (const [key, value] of Object.entries(point)) if (!VALUE_FIELDS.has(key)) meta[key] = value;
  return Object.keys(meta).length > 0 ? meta : null;
}

function normalise(spec: MetricSpec, value: number, unit: string): number | null {
  const converted = spec.dimension === "temperature" ? toBase("temperature", value, unit) : convert(spec.dimension, value, unit, spec.unit);
  if (converted === null) return null;
  // SpO2 or body fat at or below 1 cannot be a percentage: it is the HealthKit fraction.
  return spec.fractionMayBePercent && converted <= 1 ? converted * 100 : converted;
}

/** The values one point yields: most give one, blood pressure gives two. */
function values(name: string, point: HaePoint): Array<{ suffix: string; value: number; meta?: Record<string, unknown> }> | string {
  if (name === "blood_pressure") {
    if (point.systolic === undefined || point.diastolic === undefined) return "blood pressure point without systolic and diastolic";
    return [{ suffix: "_systolic", value: point.systolic }, { suffix: "_diastolic", value: point.diastolic }];
  }
  // Heart rate buckets carry capitalised Min/Avg/Max instead of qty.
  if (point.Avg !== undefined) return [{ suffix: "", value: point.Avg, meta: { min: point.Min ?? null, max: point.Max ?? null } }];
  if (point.qty === undefined) return "point without qty";
  return [{ suffix: "", value: point.qty }];
}

export function parseMetricPoints(metric: HaeMetric, path: string, sinks: MetricSinks): void {
  const spec = metricSpec(metric.name);
  const unit = metric.units ?? "";
  metric.data.forEach((raw, index) => {
    const pointPath = `${path}.data[${index}]`;
    const parsed = haePointSchema.safeParse(raw);
    if (!parsed.success) return sinks.collector.reject(pointPath, firstIssue(parsed.error));
    const point = parsed.data;
    const at = parseHaeDate(point.date);
    if (!at) return sinks.collector.reject(pointPath, `unparseable date "${point.date}"`);
    const found = values(metric.name, point);
    if (typeof found === "string") return sinks.collector.reject(pointPath, found);
    const source = point.source ?? "";
    for (const { suffix, value, meta } of found) {
      const stored = spec ? normalise(spec, value, unit) : value;
      if (stored === null) return sinks.collector.reject(pointPath, `unknown unit "${unit}" for ${metric.name}`);
      const sample: SampleRecord = {
        metric: `${spec?.metric ?? metric.name}${suffix}`,
        time: at.instant,
        endTime: null,
        value: stored,
        unit: spec?.unit ?? unit,
        meta: extras(point, meta),
      };
      sinks.collector.add(source, "samples", sample);
      if (Object.hasOwn(BODY_COLUMNS, metric.name)) {
        sinks.body.add(source, at, BODY_COLUMNS[metric.name as keyof typeof BODY_COLUMNS], stored, metric.name, raw);
      }
      const dailyName = spec?.metric === "basal_energy" ? "basal_energy" : metric.name;
      if (dailyName === "basal_energy" || Object.hasOwn(DAILY_COLUMNS, dailyName)) {
        sinks.daily.add(dailyName as keyof typeof DAILY_COLUMNS | "basal_energy", source, at, stored);
      }
    }
  });
}
