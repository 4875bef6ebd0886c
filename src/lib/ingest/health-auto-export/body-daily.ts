import type { BodyRecord, DailyRecord } from "@/lib/sync/records";
import type { BatchCollector } from "./batches";
import type { HaeInstant } from "./dates";
import { BODY_COLUMNS, DAILY_COLUMNS } from "./metrics";

type BodyColumn = (typeof BODY_COLUMNS)[keyof typeof BODY_COLUMNS];

/** Weight, BMI and body fat taken at the same instant by the same source become one measurement. */
export class BodyAccumulator {
  private readonly rows = new Map<string, { source: string; record: BodyRecord & { raw: Record<string, unknown> } }>();

  add(source: string, at: HaeInstant, column: BodyColumn, value: number, name: string, point: unknown): void {
    const key = `${source}\u0000${at.instant.toISOString()}`;
    let entry = this.rows.get(key);
    if (!entry) {
      entry = { source, record: { measuredAt: at.instant, raw: {} } };
      this.rows.set(key, entry);
    }
    if (entry.record[column] == null) entry.record[column] = value;
    entry.record.raw[name] ??= point;
  }

  flush(collector: BatchCollector): void {
    for (const { source, record } of this.rows.values()) collector.add(source, "bodyMeasurements", record);
  }
}

type DailyMetric = keyof typeof DAILY_COLUMNS | "basal_energy";
interface DailyPoint { at: HaeInstant; value: number }

/**
 * Day totals are only trustworthy when the automation aggregates by day; then every point of a
 * metric sits at local midnight ("2026-05-19 00:00:00 -0700"), one per day. A lone midnight point
 * may just be the first minute bucket of a day, so without the aggregation header it takes two.
 */
export class DailyAccumulator {
  private readonly series = new Map<string, { metric: DailyMetric; source: string; points: DailyPoint[] }>();

  constructor(private readonly aggregation?: string) {}

  add(metric: DailyMetric, source: string, at: HaeInstant, value: number): void {
    const key = `${metric}\u0000${source}`;
    const entry = this.series.get(key) ?? { metric, source, points: [] };
    entry.points.push({ at, value });
    this.series.set(key, entry);
  }

  private isDaily(points: DailyPoint[]): boolean {
    if (this.aggregation !== undefined) return /^days?$/i.test(this.aggregation.trim());
    const days = new Set(points.map((point) => point.at.localDate));
    return points.length >= 2 && days.size === points.length && points.every((point) => point.at.localSeconds === 0);
  }

  flush(collector: BatchCollector): void {
    const days = new Map<string, { source: string; record: DailyRecord & { raw: Record<string, number> } }>();
    for (const { metric, source, points } of this.series.values()) {
      if (!this.isDaily(points)) continue;
      for (const { at, value } of points) {
        const key = `${source}\u0000${at.localDate}`;
        const entry = days.get(key) ?? { source, record: { localDate: at.localDate, raw: {} } };
        days.set(key, entry);
        entry.record.raw[metric] = value;
        if (metric !== "basal_energy") entry.record[DAILY_COLUMNS[metric]] = metric === "step_count" ? Math.round(value) : value;
      }
    }
    for (const { source, record } of days.values()) {
      const { active_energy: active, basal_energy: basal } = record.raw;
      if (active !== undefined && basal !== undefined) record.totalEnergyKcal = active + basal;
      collector.add(source, "dailySummaries", record);
    }
  }
}
