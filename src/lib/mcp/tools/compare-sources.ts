import { z } from "zod";
import { addDays } from "@/lib/dates";
import { queryMetric, type MetricPoint } from "@/lib/db/queries/metrics";
import { DAILY_MERGE_METRICS } from "@/lib/merge/daily/metrics";
import { localDate } from "@/lib/time-zone";
import { dayRangeFields, resolveDayRange } from "../day-range";
import { defineTool, withheldNotes } from "../tool-kit";

export const MAX_COMPARE_DAYS = 366;

const SLEEP_METRICS = ["sleep_duration", "deep_sleep", "rem_sleep"] as const;
const BODY_METRICS = ["weight", "bmi", "body_fat"] as const;
export const COMPARABLE_METRICS = [...DAILY_MERGE_METRICS, ...SLEEP_METRICS, ...BODY_METRICS] as const;

const source = z
  .string({ message: "is required: a source slug such as garmin or oura" })
  .regex(/^[a-z0-9_]{1,40}$/, { message: "must be a source slug such as garmin or oura" });

export const compareSourcesInput = z
  .strictObject({
    metric: z
      .enum(COMPARABLE_METRICS, { message: `must be one of ${COMPARABLE_METRICS.join(", ")}` })
      .describe("What to compare."),
    sourceA: source.describe("The first source (provider slug)."),
    sourceB: source.describe("The second source."),
    ...dayRangeFields,
  })
  .refine((input) => input.sourceA !== input.sourceB, { message: "must differ from sourceA", path: ["sourceB"] });

const isSleep = (metric: string) => (SLEEP_METRICS as readonly string[]).includes(metric);
const isBody = (metric: string) => (BODY_METRICS as readonly string[]).includes(metric);
const round = (value: number) => Math.round(value * 1000) / 1000;

/** One value per local day: the first reading of the day, or for sleep the longest session (the night, not a nap). */
function valuesByDay(points: MetricPoint[], metric: string, timeZone: string): Map<string, number> {
  const days = new Map<string, number>();
  for (const point of points) {
    const date = isBody(metric) ? localDate(new Date(point.at), timeZone) : point.at;
    const kept = days.get(date);
    if (kept === undefined || (isSleep(metric) && point.value > kept)) days.set(date, point.value);
  }
  return days;
}

export const compareSources = defineTool({
  name: "compare_sources",
  title: "Compare two sources",
  description: `One metric from two sources day by day over at most ${MAX_COMPARE_DAYS} days: each day's values, B minus A, the days only one has, and the mean and largest differences. Metrics: ${COMPARABLE_METRICS.join(", ")}. A day's value is the source's first reading that day (for sleep its longest session; weigh-ins by the person's local day).`,
  input: compareSourcesInput,
  async run(context, input) {
    const range = resolveDayRange(input, context, MAX_COMPARE_DAYS);
    // Weigh-ins are read by UTC day: a day either side, then kept by the person's own day.
    const read = (provider: string) =>
      queryMetric(context.db, {
        userId: context.userId,
        metric: input.metric,
        provider,
        start: isBody(input.metric) ? addDays(range.from, -1) : range.from,
        end: isBody(input.metric) ? addDays(range.to, 1) : range.to,
      });
    const [a, b] = await Promise.all([read(input.sourceA), read(input.sourceB)]);
    const withheld = new Map<string, number>();
    const shared = (provider: string, points: MetricPoint[]) => {
      if (!context.sharing.withheld.has(provider)) return points;
      withheld.set(provider, points.length);
      return [];
    };
    const inRange = (days: Map<string, number>) =>
      new Map([...days].filter(([date]) => date >= range.from && date <= range.to));
    const daysA = inRange(valuesByDay(shared(input.sourceA, a.points), input.metric, context.timeZone));
    const daysB = inRange(valuesByDay(shared(input.sourceB, b.points), input.metric, context.timeZone));

    const dates = [...new Set([...daysA.keys(), ...daysB.keys()])].sort();
    const days = dates.map((date) => {
      const valueA = daysA.get(date) ?? null;
      const valueB = daysB.get(date) ?? null;
      return {
        date,
        a: valueA,
        b: valueB,
        difference: valueA !== null && valueB !== null ? round(valueB - valueA) : null,
      };
    });
    const both = days.filter((day) => day.difference !== null) as Array<(typeof days)[number] & { difference: number }>;
    const largest = both.reduce<(typeof both)[number] | null>(
      (best, day) => (best && Math.abs(best.difference) >= Math.abs(day.difference) ? best : day),
      null,
    );
    const mean = (values: number[]) =>
      values.length ? round(values.reduce((x, y) => x + y, 0) / values.length) : null;
    return {
      metric: input.metric,
      unit: a.unit || b.unit,
      sourceA: input.sourceA,
      sourceB: input.sourceB,
      from: range.from,
      to: range.to,
      summary: {
        daysWithA: daysA.size,
        daysWithB: daysB.size,
        daysWithBoth: both.length,
        meanDifference: mean(both.map((day) => day.difference)),
        meanAbsoluteDifference: mean(both.map((day) => Math.abs(day.difference))),
        largestDifference: largest ? { date: largest.date, difference: largest.difference } : null,
      },
      days,
      ...withheldNotes(context.sharing, withheld),
    };
  },
});
