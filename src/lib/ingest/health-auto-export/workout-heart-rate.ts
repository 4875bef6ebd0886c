import type { SampleRecord } from "@/lib/sync/records";
import type { BatchCollector } from "./batches";
import { parseHaeDate } from "./dates";
import { firstIssue } from "./issues";
import { haeWorkoutHeartRateSchema, type HaeWorkout } from "./schemas";
import { convert } from "./units";
import { implausibleSample } from "@/lib/sync/plausibility";

type Series = "heartRateData" | "heartRateRecovery";

/**
 * A workout's heart-rate series as `heart_rate` samples tagged with the workout. Known bug (HAE
 * issue #60): `heartRateData` sometimes holds only the post-workout recovery, every point at or
 * after `end`; such points are marked as recovery, and `onlyRecovery` tells the caller.
 */
export function workoutHeartRate(
  workout: HaeWorkout,
  workoutId: string,
  end: Date,
  path: string,
  collector: BatchCollector,
) {
  const samples: SampleRecord[] = [];
  let during = 0;
  let after = 0;
  for (const series of ["heartRateData", "heartRateRecovery"] as Series[]) {
    (workout[series] ?? []).forEach((raw, index) => {
      const pointPath = `${path}.${series}[${index}]`;
      const parsed = haeWorkoutHeartRateSchema.safeParse(raw);
      if (!parsed.success) return collector.reject(pointPath, firstIssue(parsed.error));
      const point = parsed.data;
      const at = parseHaeDate(point.date);
      if (!at) return collector.reject(pointPath, `unparseable date "${point.date}"`);
      // v2 points carry Min/Avg/Max, v1 points a single qty.
      const value = point.Avg ?? point.qty;
      if (value === undefined) return collector.reject(pointPath, "heart-rate point without Avg or qty");
      const unit = point.units ?? "bpm";
      const bpm = convert("frequency", value, unit, "bpm");
      if (bpm === null) return collector.reject(pointPath, `unknown unit "${unit}" for heart rate`);
      const recovery = series === "heartRateRecovery" || at.instant >= end;
      const meta: Record<string, unknown> = { workoutId };
      if (point.Min !== undefined) meta.min = convert("frequency", point.Min, unit, "bpm");
      if (point.Max !== undefined) meta.max = convert("frequency", point.Max, unit, "bpm");
      if (recovery) meta.recovery = true;
      const sample: SampleRecord = {
        metric: "heart_rate",
        time: at.instant,
        endTime: null,
        value: bpm,
        unit: "bpm",
        meta,
      };
      const reason = implausibleSample(sample, collector.window);
      if (reason) return collector.reject(pointPath, reason);
      if (series === "heartRateData" && recovery) after++;
      else if (series === "heartRateData") during++;
      samples.push(sample);
    });
  }
  return { samples, onlyRecovery: after > 0 && during === 0 };
}
