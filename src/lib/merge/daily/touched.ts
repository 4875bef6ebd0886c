import { addDays } from "@/lib/dates";
import type { RecordRows } from "@/lib/sync/records";
import type { SampleSeries } from "@/lib/sync/sample-series";
import { SAMPLE_METRICS } from "./metrics";

const MERGED_SAMPLE_METRICS = new Set(Object.values(SAMPLE_METRICS).flat());
const HOUR_MS = 3_600_000;

/**
 * What a write touched, so that only those days, nights and weigh-ins are merged again. A
 * phone export's slices add to one of these as they are written; the merge runs once at the end.
 */
export class TouchedHistory {
  readonly days = new Set<string>();
  /** Hours (epoch ms, truncated) with samples of a merged metric: their local day is the user's time zone's. */
  readonly sampleHours = new Set<number>();
  readonly nights = new Set<string>();
  readonly weighInTimes: number[] = [];

  add(batch: RecordRows): this {
    for (const record of batch.dailySummaries ?? []) this.days.add(String(record.localDate));
    for (const record of batch.samples ?? []) {
      if (!MERGED_SAMPLE_METRICS.has(record.metric)) continue;
      const time = record.time instanceof Date ? record.time.getTime() : Date.parse(String(record.time));
      this.sampleHours.add(time - (time % HOUR_MS));
    }
    for (const record of batch.sleepSessions ?? []) this.nights.add(String(record.localDate));
    for (const record of batch.bodyMeasurements ?? [])
      if (record.weightKg != null) this.weighInTimes.push(new Date(record.measuredAt).getTime());
    return this;
  }

  /** A phone export's samples held column by column (sync/sample-series.ts). */
  addSeries(series: readonly SampleSeries[]): this {
    for (const { metric, times } of series) {
      if (!MERGED_SAMPLE_METRICS.has(metric)) continue;
      for (const time of times) this.sampleHours.add(time - (time % HOUR_MS));
    }
    return this;
  }

  get isEmpty(): boolean {
    return !this.days.size && !this.sampleHours.size && !this.nights.size && !this.weighInTimes.length;
  }
}

/**
 * Sorted days split into ranges no longer than `maxDays`, each starting at a touched day, so a
 * backfill reads a few windows and a scattered write never reads the years between its days.
 */
export function dayWindows(
  days: Iterable<string>,
  maxDays = 92,
): Array<{ start: string; end: string; days: string[] }> {
  const windows: Array<{ start: string; end: string; days: string[] }> = [];
  for (const day of [...new Set(days)].sort()) {
    const last = windows.at(-1);
    if (last && day <= addDays(last.start, maxDays - 1)) {
      last.end = day;
      last.days.push(day);
    } else windows.push({ start: day, end: day, days: [day] });
  }
  return windows;
}
