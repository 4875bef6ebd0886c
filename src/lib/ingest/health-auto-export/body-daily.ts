import type { BodyRecord, DailyRecord } from "@/lib/sync/records";
import type { BatchCollector } from "./batches";
import { parseHaeDate, type HaeInstant } from "./dates";
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
interface DailyPoint {
  at: HaeInstant;
  value: number;
}
interface Series {
  metric: DailyMetric;
  source: string;
  points: DailyPoint[];
  days: Set<string>;
  isRuledOut: boolean;
}

/**
 * Day totals are only trustworthy when the automation aggregates by day; then every point of a
 * metric sits at local midnight ("2026-05-19 00:00:00 -0700"), one per day. A lone midnight point
 * may just be the first minute bucket of a day, so without the aggregation header it takes two.
 * A series is dropped at its first point that cannot be a day total, so a minute-by-minute
 * export of half a million steps is never held here.
 */
export class DailyAccumulator {
  private readonly series = new Map<string, Series>();
  private last: Series | undefined;
  private readonly byHeader: boolean | undefined;

  constructor(aggregation?: string) {
    this.byHeader = aggregation === undefined ? undefined : /^days?$/i.test(aggregation.trim());
  }

  /** `date` is the point's, already known to be valid: it is only read while the series may still be daily. */
  add(metric: DailyMetric, source: string, date: string, value: number): void {
    if (this.byHeader === false) return;
    // Points come metric by metric, mostly from one source: the last series spares a key per point.
    let entry = this.last;
    if (entry?.metric !== metric || entry.source !== source) {
      const key = `${metric}\u0000${source}`;
      entry = this.series.get(key);
      if (!entry) {
        entry = { metric, source, points: [], days: new Set(), isRuledOut: false };
        this.series.set(key, entry);
      }
      this.last = entry;
    }
    if (entry.isRuledOut) return;
    const at = parseHaeDate(date)!;
    if (this.byHeader === undefined && (at.localSeconds !== 0 || entry.days.has(at.localDate))) {
      entry.isRuledOut = true;
      entry.points = [];
      entry.days.clear();
      return;
    }
    entry.days.add(at.localDate);
    entry.points.push({ at, value });
  }

  private isDaily(series: Series): boolean {
    return this.byHeader ?? (!series.isRuledOut && series.points.length >= 2);
  }

  flush(collector: BatchCollector): void {
    const days = new Map<string, { source: string; record: DailyRecord & { raw: Record<string, number> } }>();
    for (const series of this.series.values()) {
      if (!this.isDaily(series)) continue;
      const { metric, source } = series;
      for (const { at, value } of series.points) {
        const key = `${source}\u0000${at.localDate}`;
        const entry = days.get(key) ?? { source, record: { localDate: at.localDate, raw: {} } };
        days.set(key, entry);
        entry.record.raw[metric] = value;
        if (metric !== "basal_energy")
          entry.record[DAILY_COLUMNS[metric]] = metric === "step_count" ? Math.round(value) : value;
      }
    }
    for (const { source, record } of days.values()) {
      const { active_energy: active, basal_energy: basal } = record.raw;
      if (active !== undefined && basal !== undefined) record.totalEnergyKcal = active + basal;
      collector.add(source, "dailySummaries", record);
    }
  }
}
