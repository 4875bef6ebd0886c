import { z } from "zod";
import type { Database } from "@/lib/db";
import { findWeightRecords } from "@/lib/db/queries/weigh-ins";
import { compareDays, type DayComparison } from "./compare-days";

const source = z.string().regex(/^[a-z0-9_]{1,40}$/, { message: "must be a source slug such as fitbit or garmin" });
const day = z.iso.date({ message: "must be a date like 2026-11-01" });

export const compareWeightsSchema = z
  .object({
    sourceA: source.default("fitbit"),
    sourceB: source.default("garmin"),
    start_date: day,
    end_date: day,
    // Two scales, or a scale and an app that rounds, rarely agree to the gram.
    toleranceKg: z.number({ error: "must be a number of kilograms" }).min(0).max(10).default(0.1),
  })
  .refine((input) => input.sourceA !== input.sourceB, { message: "must differ from sourceA", path: ["sourceB"] })
  .refine((input) => input.start_date <= input.end_date, {
    message: "must not be after end_date",
    path: ["start_date"],
  });
export type CompareWeightsInput = z.input<typeof compareWeightsSchema>;

export interface WeightComparison extends DayComparison {
  sourceA: string;
  sourceB: string;
  startDate: string;
  endDate: string;
  toleranceKg: number;
  /** Weigh-ins and days with one, per source. */
  counts: { sourceA: { records: number; days: number }; sourceB: { records: number; days: number } };
}

/**
 * One person's weigh-ins from two sources over days [start_date, end_date] in their time zone:
 * how many each has, the days only one has, and the days both have whose first weigh-ins differ
 * by more than the tolerance.
 */
export async function compareWeights(
  db: Database,
  params: { userId: string; timeZone: string; input: unknown },
): Promise<WeightComparison> {
  const input = compareWeightsSchema.parse(params.input);
  const read = (provider: string) =>
    findWeightRecords(db, {
      userId: params.userId,
      provider,
      start: input.start_date,
      end: input.end_date,
      timeZone: params.timeZone,
    });
  const [a, b] = await Promise.all([read(input.sourceA), read(input.sourceB)]);
  const days = compareDays(a, b, input.toleranceKg);
  const daysWith = (records: typeof a) => new Set(records.map((record) => record.date)).size;
  return {
    sourceA: input.sourceA,
    sourceB: input.sourceB,
    startDate: input.start_date,
    endDate: input.end_date,
    toleranceKg: input.toleranceKg,
    counts: {
      sourceA: { records: a.length, days: daysWith(a) },
      sourceB: { records: b.length, days: daysWith(b) },
    },
    ...days,
  };
}
