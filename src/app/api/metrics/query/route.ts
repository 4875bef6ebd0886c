// GET /api/metrics/query?metric_type=&source=&merged=&start_date=&end_date= — one metric's points over a date range: merged across sources by default, one source's on request (weight: its records too).
import { z } from "zod";
import { DAY_MS } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { findWeighInCopies } from "@/lib/db/queries/merged-copies";
import { queryMetric } from "@/lib/db/queries/metrics";
import { findWeightRecords } from "@/lib/db/queries/weigh-ins";
import { withApiUser } from "@/lib/http/with-api-user";
import { explainCopies, explainDailyMerge } from "@/lib/merge/daily/explain";
import { DAILY_MERGE_METRICS, type DailyMergeMetric } from "@/lib/merge/daily/metrics";
import { labelSource } from "@/lib/merge/daily/source-label";

const isoDate = z.iso.date({ message: "must be a date like 2026-11-01" });
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
const isDailyMerged = (metric: string): metric is DailyMergeMetric =>
  (DAILY_MERGE_METRICS as readonly string[]).includes(metric);

const querySchema = z
  .object({
    metric_type: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, { message: "must be a metric name such as steps, hrv or heart_rate" }),
    source: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/, { message: "must be a provider slug such as oura" })
      .optional(),
    // "false": every source's own rows, side by side, as before merging existed.
    merged: z.enum(["true", "false"], { message: "must be true or false" }).default("true"),
    start_date: isoDate.optional(),
    end_date: isoDate.optional(),
  })
  .transform((query) => ({
    ...query,
    start_date: query.start_date ?? daysAgo(30),
    end_date: query.end_date ?? today(),
  }))
  .refine((query) => query.start_date <= query.end_date, {
    message: "must not be after end_date",
    path: ["start_date"],
  });

export const GET = withApiUser(
  async ({ request, user }) => {
    const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const range = { start_date: query.start_date, end_date: query.end_date };
    const isMerged = query.merged === "true" && !query.source;
    const db = await getDb();
    if (query.metric_type === "weight") {
      // Weigh-ins as records (id, BMI, sync status), on the person's own calendar days.
      const records = await findWeightRecords(db, {
        userId: user.id,
        provider: query.source,
        start: query.start_date,
        end: query.end_date,
        timeZone: user.timeZone,
        isMerged,
      });
      const copies = isMerged
        ? await findWeighInCopies(db, { userId: user.id, primaryIds: records.map((record) => record.id) })
        : null;
      const points = records.map((record) => {
        const point = {
          at: record.measuredAt,
          value: record.weightKg,
          provider: record.source,
          sourceId: record.sourceId,
        };
        if (!copies) return point;
        const copied = copies.get(record.id) ?? [];
        return { ...point, copies: copied, explanation_text: explainCopies("weight", point, copied, labelSource) };
      });
      return Response.json({ metric: "weight", unit: "kg", merged: isMerged, points, records, ...range });
    }
    const { isMerged: merged, ...result } = await queryMetric(db, {
      userId: user.id,
      metric: query.metric_type,
      provider: query.source,
      start: query.start_date,
      end: query.end_date,
      isMerged,
    });
    const points = result.points.map((point) => {
      if (point.explanation && isDailyMerged(result.metric))
        return {
          ...point,
          explanation_text: explainDailyMerge(result.metric, point.value, point.explanation, labelSource),
        };
      if (point.copies) return { ...point, explanation_text: explainCopies("sleep", point, point.copies, labelSource) };
      return point;
    });
    return Response.json({ ...result, merged, points, ...range });
  },
  { apiKeyScope: "read" },
);
