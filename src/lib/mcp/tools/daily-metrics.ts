import { z } from "zod";
import { sourceParam } from "@/lib/api-v1/query-params";
import { findMergedDaily } from "@/lib/db/queries/merged-daily";
import { queryMetric } from "@/lib/db/queries/metrics";
import { DAILY_MERGE_METRICS } from "@/lib/merge/daily/metrics";
import { dayRangeFields, resolveDayRange } from "../day-range";
import { defineTool, withheldNotes } from "../tool-kit";

export const MAX_METRIC_DAYS = 366;

export const dailyMetricInput = z.enum(DAILY_MERGE_METRICS, {
  message: `must be one of ${DAILY_MERGE_METRICS.join(", ")}`,
});

export const dailyMetricsInput = z.strictObject({
  metric: dailyMetricInput.describe("Which daily metric."),
  ...dayRangeFields,
  source: sourceParam,
});

/** A source's key in an answer: the provider, and the device or account when it names one. */
export const sourceKey = (point: { provider: string; sourceId: string }) =>
  point.sourceId ? `${point.provider}:${point.sourceId}` : point.provider;

export const dailyMetrics = defineTool({
  name: "daily_metrics",
  title: "Daily metrics",
  description: `One daily metric (${DAILY_MERGE_METRICS.join(", ")}) day by day over at most ${MAX_METRIC_DAYS} days: each source's value and, without a source filter, the merged value (the person's source order; hours pieced together for steps, distance and energy). Units: distance m, energy kcal, heart rate bpm, hrv ms; the rest are the sources' scores.`,
  input: dailyMetricsInput,
  async run(context, input) {
    const range = resolveDayRange(input, context, MAX_METRIC_DAYS);
    const bySource = await queryMetric(context.db, {
      userId: context.userId,
      metric: input.metric,
      provider: input.source,
      start: range.from,
      end: range.to,
    });
    const merged = input.source
      ? []
      : await findMergedDaily(context.db, {
          userId: context.userId,
          metric: input.metric,
          start: range.from,
          end: range.to,
        });
    const withheld = new Map<string, number>();
    const days = new Map<string, { date: string; merged?: number; sources: Record<string, number> }>();
    const dayOf = (date: string) => days.get(date) ?? days.set(date, { date, sources: {} }).get(date)!;
    for (const point of bySource.points) {
      if (context.sharing.withheld.has(point.provider)) {
        withheld.set(point.provider, (withheld.get(point.provider) ?? 0) + 1);
        continue;
      }
      dayOf(point.at).sources[sourceKey(point)] = point.value;
    }
    // A merged value made partly of a withheld source would carry its data: left out.
    for (const point of merged)
      if (point.explanation.parts.every((part) => !context.sharing.withheld.has(part.provider)))
        dayOf(point.date).merged = point.value;
    return {
      metric: input.metric,
      unit: bySource.unit,
      from: range.from,
      to: range.to,
      days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
      ...withheldNotes(context.sharing, withheld),
    };
  },
});
