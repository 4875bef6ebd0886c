import type { SleepRecord } from "@/lib/sync/records";
import type { BatchCollector } from "./batches";
import { parseHaeDate, parseHaeDay } from "./dates";
import { firstIssue } from "./issues";
import { haeSleepNightSchema, type HaeMetric, type HaeSleepNight } from "./schemas";
import { SleepSegments } from "./sleep-segments";

// Rounded to the millisecond: 7.6 h * 3600 is 27359.999999999996 in floating point.
const seconds = (hours: number | undefined) => (hours === undefined ? null : Math.round(hours * 3_600_000) / 1000);

/**
 * Hours asleep. Current exports give `totalSleep` (with `asleep` = unclassified sleep only);
 * legacy ones (`sleepSource`, no stages) used `asleep` for the total.
 */
function asleepHours(night: HaeSleepNight): number | undefined {
  if (night.totalSleep !== undefined) return night.totalSleep;
  const stages = [night.core, night.deep, night.rem];
  if (stages.every((stage) => stage === undefined)) return night.asleep;
  return [night.asleep, ...stages].reduce<number>((sum, hours) => sum + (hours ?? 0), 0);
}

function parseNight(raw: Record<string, unknown>, path: string, collector: BatchCollector): void {
  const parsed = haeSleepNightSchema.safeParse(raw);
  if (!parsed.success) return collector.reject(path, firstIssue(parsed.error));
  const night = parsed.data;
  const start = parseHaeDate(night.sleepStart ?? night.inBedStart ?? "");
  const end = parseHaeDate(night.sleepEnd ?? night.inBedEnd ?? "");
  if (!start || !end) return collector.reject(path, "sleep night without a parseable sleepStart/sleepEnd");
  // The night's `date` is a bare calendar day (the wake-up day): kept as written, never turned
  // into an instant, which would be UTC midnight and could shift it by a day.
  const localDate = parseHaeDay(night.date) ?? parseHaeDate(night.date)?.localDate ?? end.localDate;
  const source = night.source ?? night.sleepSource ?? "";
  const asleepS = seconds(asleepHours(night));
  const record: SleepRecord = {
    externalId: `${source}:${localDate}`,
    startAt: start.instant,
    endAt: end.instant,
    utcOffsetSeconds: start.utcOffsetSeconds,
    localDate,
    inBedS: seconds(night.inBed),
    asleepS,
    deepS: seconds(night.deep),
    remS: seconds(night.rem),
    // Apple's "Core" stage is what other vendors call light sleep.
    lightS: seconds(night.core),
    awakeS: seconds(night.awake),
    stages: null,
    raw: night,
  };
  if (!collector.add(source, "sleepSessions", record, path)) return;
  if (asleepS !== null) {
    collector.add(source, "samples", {
      metric: "sleep_analysis",
      time: start.instant,
      endTime: end.instant,
      value: asleepS,
      unit: "s",
      meta: {
        night: localDate,
        inBedS: record.inBedS,
        deepS: record.deepS,
        remS: record.remS,
        coreS: record.lightS,
        awakeS: record.awakeS,
      },
    });
  }
}

/** `sleep_analysis` in any of its shapes: segments have `startDate`, nights have a date-only `date`. */
export function parseSleep(metric: HaeMetric, path: string, collector: BatchCollector): void {
  const segments = new SleepSegments();
  metric.data.forEach((raw, index) => {
    const pointPath = `${path}.data[${index}]`;
    if ("startDate" in raw) segments.add(raw, pointPath, collector);
    else parseNight(raw, pointPath, collector);
  });
  segments.flush(collector);
}
