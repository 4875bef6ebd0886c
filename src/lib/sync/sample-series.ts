import type { SampleRecord } from "./records";

/**
 * Samples of one metric kept column by column, as a phone's export brings them by the hundred
 * thousand: numbers in typed arrays leave the garbage collector nothing to copy or trace per
 * sample, where a record with its Date is three objects that outlive the young generation.
 */
export interface SampleSeries {
  metric: string;
  /** The unit of every sample, or of each one when they differ. */
  unit: string | string[];
  /** Epoch milliseconds. */
  times: Float64Array;
  /** Epoch milliseconds, NaN for a sample without one; null when none has one. */
  endTimes: Float64Array | null;
  values: Float64Array;
  /** Each sample's meta (null for none); null when none has one. */
  metas: unknown[] | null;
}

export const seriesLength = (series: SampleSeries) => series.times.length;

/** The series as records (the upsert and PGlite paths, and callers that want records). */
export function sampleRecordsOf(series: SampleSeries): SampleRecord[] {
  const { metric, unit, times, endTimes, values, metas } = series;
  const records = new Array<SampleRecord>(times.length);
  for (let index = 0; index < times.length; index++) {
    const end = endTimes?.[index];
    records[index] = {
      metric,
      time: new Date(times[index]!),
      endTime: end === undefined || Number.isNaN(end) ? null : new Date(end),
      value: values[index]!,
      unit: typeof unit === "string" ? unit : unit[index]!,
      meta: metas?.[index] ?? null,
    };
  }
  return records;
}
