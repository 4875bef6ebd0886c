// GET /api/metrics/query?metric_type=&source=&start_date=&end_date= — one metric's points over a date range (weight: its records too).
import { z } from "zod";
import { DAY_MS } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { queryMetric } from "@/lib/db/queries/metrics";
import { findWeightRecords } from "@/lib/db/queries/weigh-ins";
import { withApiUser } from "@/lib/http/with-api-user";

const isoDate = z.iso.date({ message: "must be a date like 2026-11-01" });
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

const querySchema = z
  .object({
    metric_type: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, { message: "must be a metric name such as steps, hrv or heart_rate" }),
    source: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/, { message: "must be a provider slug such as oura" })
      .optional(),
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
    if (query.metric_type === "weight") {
      // Weigh-ins as records (id, BMI, sync status), on the person's own calendar days.
      const records = await findWeightRecords(await getDb(), {
        userId: user.id,
        provider: query.source,
        start: query.start_date,
        end: query.end_date,
        timeZone: user.timeZone,
      });
      const points = records.map((record) => ({
        at: record.measuredAt,
        value: record.weightKg,
        provider: record.source,
        sourceId: record.sourceId,
      }));
      return Response.json({ metric: "weight", unit: "kg", points, records, ...range });
    }
    const result = await queryMetric(await getDb(), {
      userId: user.id,
      metric: query.metric_type,
      provider: query.source,
      start: query.start_date,
      end: query.end_date,
    });
    return Response.json({ ...result, ...range });
  },
  { apiKeyScope: "read" },
);
