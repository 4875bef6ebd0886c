import type { SleepRecord } from "@/lib/sync/records";
import type { ParseOptions, RowHandler } from "./collect";
import { localDateOf, sourceIdOf, stableIdOf } from "./origin";
import { hcSleepSchema, type HcSleep } from "./schemas";
import { sleepStageOf } from "./sleep-stages";

const seconds = (start: string, end: string) => (Date.parse(end) - Date.parse(start)) / 1000;

function stageTotals(row: HcSleep) {
  const totals = { light: 0, deep: 0, rem: 0, awake: 0, asleep: 0, outOfBed: 0, isStaged: false };
  for (const stage of row.stages ?? []) {
    const kind = sleepStageOf(stage.stage);
    if (!kind) continue;
    const length = seconds(stage.start_time, stage.end_time);
    if (kind.stage && kind.stage !== "awake") totals.isStaged = true;
    if (kind.stage) totals[kind.stage] += length;
    if (kind.isAsleep) totals.asleep += length;
    if (!kind.isInBed) totals.outOfBed += length;
  }
  return totals;
}

export function transformSleep(row: HcSleep, options: ParseOptions = {}): SleepRecord {
  const endAt = new Date(row.session_end_time);
  const startAt = new Date(endAt.getTime() - row.duration_seconds * 1000);
  const metadata = row.metadata;
  const offsets = metadata?.interval_zone_offset;
  const hasStages = Boolean(row.stages?.length);
  const totals = stageTotals(row);
  const inBedS = row.duration_seconds - totals.outOfBed;
  // A session without stages is how Fit and Samsung write a plain sleep period: all of it sleep.
  const asleepS = hasStages ? totals.asleep : row.duration_seconds;
  const staged = (value: number) => (totals.isStaged ? value : null);
  const stages = (row.stages ?? []).flatMap((stage) => {
    const kind = sleepStageOf(stage.stage)?.stage;
    return kind
      ? [
          {
            stage: kind,
            startAt: new Date(stage.start_time).toISOString(),
            endAt: new Date(stage.end_time).toISOString(),
          },
        ]
      : [];
  });
  return {
    // Older builds send no id and no start field: the end, length and origin name the session.
    externalId: metadata?.id ?? stableIdOf("sleep", endAt.toISOString(), row.duration_seconds, metadata?.data_origin),
    startAt,
    endAt,
    utcOffsetSeconds: offsets?.start_zone_offset_seconds ?? offsets?.end_zone_offset_seconds ?? null,
    // The night belongs to the local date of waking up.
    localDate: localDateOf(
      endAt,
      offsets?.end_zone_offset_seconds ?? offsets?.start_zone_offset_seconds,
      options.timeZone,
    ),
    inBedS,
    asleepS,
    deepS: staged(totals.deep),
    remS: staged(totals.rem),
    lightS: staged(totals.light),
    awakeS: hasStages ? totals.awake : null,
    efficiencyPercent: hasStages && inBedS > 0 ? Math.round((asleepS / inBedS) * 1000) / 10 : null,
    stages: stages.length ? stages : null,
    raw: row,
  };
}

export const sleepHandler: RowHandler = (item, path, out, options) => {
  const parsed = hcSleepSchema.safeParse(item);
  if (!parsed.success) return out.rejectIssues(path, parsed.error);
  out.sleep(sourceIdOf(parsed.data.metadata), transformSleep(parsed.data, options), path);
};
