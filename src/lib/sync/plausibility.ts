import { COLUMN_RANGES, sampleRange, type PlausibleRange } from "./plausible-ranges";
import type { RecordBatch, SampleRecord } from "./records";
import { DAY_MS } from "@/lib/dates";

// Checks a normalized record (SI units, after conversion) before it is written, for the phone
// apps and the provider syncs alike. A reason is a sentence for `rejected[].reason`; null is fine.

/** Nothing we store happened before 1970 or after tomorrow (a phone's clock may run a little ahead). */
export interface TimeWindow {
  earliestMs: number;
  latestMs: number;
}

export const timeWindow = (now = Date.now()): TimeWindow => ({ earliestMs: 0, latestMs: now + DAY_MS });

const describeTime = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : "an invalid date");

export function implausibleTime(ms: number, window: TimeWindow, what = "date"): string | null {
  if (ms >= window.earliestMs && ms <= window.latestMs) return null;
  return `${what} ${describeTime(ms)} is ${ms < window.earliestMs ? "before 1970" : Number.isNaN(ms) ? "not a date" : "after tomorrow"}`;
}

const outside = (what: string, value: number, limits: PlausibleRange) =>
  `${what} ${value}${limits.unit ? ` ${limits.unit}` : ""} is outside the plausible range ${limits.min} to ${limits.max}${limits.unit ? ` ${limits.unit}` : ""}`;

export function implausibleNumber(what: string, value: number, limits: PlausibleRange): string | null {
  // Written so that NaN fails too.
  if (!(value >= limits.min && value <= limits.max)) return outside(what, value, limits);
  return limits.isWhole && !Number.isInteger(value) ? `${what} ${value} is not a whole number` : null;
}

/**
 * The check for one metric in one unit, made once per metric so that a half-million-point
 * export pays two comparisons a point.
 */
export function sampleValueCheck(metric: string, unit: string): (value: number) => string | null {
  const limits = sampleRange(metric, unit);
  return (value) =>
    value >= limits.min && value <= limits.max && (!limits.isWhole || Number.isInteger(value))
      ? null
      : implausibleNumber(metric, value, limits);
}

const epochMs = (time: Date | string) => (time instanceof Date ? time.getTime() : Date.parse(time));

/** A sample's times, value, and the bucket's min and max in its meta when it has them. */
export function implausibleSample(sample: SampleRecord, window: TimeWindow): string | null {
  const timeReason =
    implausibleTime(epochMs(sample.time), window) ??
    (sample.endTime != null ? implausibleTime(epochMs(sample.endTime), window, "end date") : null);
  if (timeReason) return timeReason;
  const check = sampleValueCheck(sample.metric, sample.unit);
  const meta = sample.meta as { min?: unknown; max?: unknown } | null | undefined;
  return (
    check(sample.value) ??
    (typeof meta?.min === "number" ? check(meta.min) : null) ??
    (typeof meta?.max === "number" ? check(meta.max) : null)
  );
}

const TIME_COLUMNS = ["startAt", "endAt", "measuredAt"] as const;

/** An activity, sleep, day summary or body measurement: its times and every numeric column we know. */
export function implausibleRow(row: object, window: TimeWindow): string | null {
  const fields = row as Record<string, unknown>;
  for (const column of TIME_COLUMNS) {
    const time = fields[column];
    if (time instanceof Date || typeof time === "string") {
      const reason = implausibleTime(epochMs(time), window, column);
      if (reason) return reason;
    }
  }
  if (typeof fields.localDate === "string") {
    const reason = implausibleTime(Date.parse(`${fields.localDate}T00:00:00Z`), window, "localDate");
    if (reason) return reason;
  }
  for (const column in fields) {
    const value = fields[column];
    if (typeof value !== "number" || !Object.hasOwn(COLUMN_RANGES, column)) continue;
    const reason = implausibleNumber(column, value, COLUMN_RANGES[column]!);
    if (reason) return reason;
  }
  return null;
}

/**
 * A provider page without its implausible records, and how many there were. Provider syncs
 * have no per-point path to report, so these are counted as rejected.
 */
export function withoutImplausible(
  batch: RecordBatch,
  window = timeWindow(),
): { batch: RecordBatch; rejected: number } {
  let rejected = 0;
  const keep = <T extends object>(rows: T[] | undefined, check: (row: T) => string | null) => {
    if (!rows) return undefined;
    const kept = rows.filter((row) => check(row) === null);
    rejected += rows.length - kept.length;
    return kept;
  };
  const row = (record: object) => implausibleRow(record, window);
  return {
    batch: {
      activities: keep(batch.activities, row),
      sleepSessions: keep(batch.sleepSessions, row),
      dailySummaries: keep(batch.dailySummaries, row),
      bodyMeasurements: keep(batch.bodyMeasurements, row),
      samples: keep(batch.samples, (sample) => implausibleSample(sample, window)),
    },
    rejected,
  };
}
