import { z } from "zod";
import {
  cursorParam,
  dateParam,
  instantParam,
  isRangeInOrder,
  limitParam,
  RANGE_ORDER_ISSUE,
  sourceParam,
} from "./query-params";

// The zod schemas of /api/v1: what each route parses its query with, and the shape of what it
// answers. openapi.ts builds the published document from these very objects.

const uuidKey = z.uuid();
const timeKey = z.iso.datetime();
const dateKey = z.iso.date();

export const activityCursorKey = z.tuple([timeKey, uuidKey]);
export const dateCursorKey = z.tuple([dateKey, uuidKey]);
export const timeCursorKey = z.tuple([timeKey, uuidKey]);
export const sampleCursorKey = z.tuple([timeKey, z.string(), z.string()]);

export const activitiesQuerySchema = z
  .strictObject({
    source: sourceParam,
    type: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/, { message: "must be an activity type such as run or ride" })
      .optional()
      .describe("Only this activity type (run, ride, swim …)."),
    from: instantParam("from"),
    to: instantParam("to"),
    cursor: cursorParam(activityCursorKey),
    limit: limitParam,
  })
  .refine(isRangeInOrder, RANGE_ORDER_ISSUE);
export type ActivitiesQuery = z.infer<typeof activitiesQuerySchema>;

export const activityParamsSchema = z.strictObject({ id: z.uuid({ message: "must be an activity id (UUID)" }) });

/** Daily metrics and sleep: ranges of the person's local dates. */
export const datedQuerySchema = z
  .strictObject({
    source: sourceParam,
    from: dateParam("from"),
    to: dateParam("to"),
    cursor: cursorParam(dateCursorKey),
    limit: limitParam,
  })
  .refine(isRangeInOrder, RANGE_ORDER_ISSUE);
export type DatedQuery = z.infer<typeof datedQuerySchema>;

export const bodyMeasurementsQuerySchema = z
  .strictObject({
    source: sourceParam,
    from: instantParam("from"),
    to: instantParam("to"),
    cursor: cursorParam(timeCursorKey),
    limit: limitParam,
  })
  .refine(isRangeInOrder, RANGE_ORDER_ISSUE);
export type BodyMeasurementsQuery = z.infer<typeof bodyMeasurementsQuerySchema>;

export const samplesQuerySchema = z
  .strictObject({
    metric: z
      .string({ message: "is required: one metric per request (see sampleMetrics in /api/v1/sources)" })
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: "must be a metric name such as heart_rate" })
      .describe("The metric, e.g. heart_rate (the names are listed by /api/v1/sources)."),
    source: sourceParam,
    from: instantParam("from"),
    to: instantParam("to"),
    cursor: cursorParam(sampleCursorKey),
    limit: limitParam,
  })
  .refine(isRangeInOrder, RANGE_ORDER_ISSUE);
export type SamplesQuery = z.infer<typeof samplesQuerySchema>;

export const emptyQuerySchema = z.strictObject({});

// Responses. Times are ISO 8601: `…At` in UTC, `…Local` with the offset the source recorded
// (null when it recorded none). Units are in the names: m, s, m/s, kg, kcal, bpm, W, ms.

const instant = z.iso.datetime({ offset: true });
const localInstant = instant.nullable();
const num = z.number().nullable();
const sourceFields = {
  source: z.string().describe("Provider slug the row came from."),
  sourceId: z.string().describe("Which account or device of that source (empty when only one)."),
};
const page = <T extends z.ZodType>(row: T) =>
  z.object({
    data: z.array(row),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  });

export const activityRowSchema = z.object({
  id: z.uuid(),
  source: z.string(),
  externalId: z.string(),
  type: z.string(),
  providerType: z.string().nullable(),
  name: z.string().nullable(),
  startAt: instant,
  startLocal: localInstant,
  utcOffsetSeconds: z.number().int().nullable(),
  durationS: num,
  movingTimeS: num,
  distanceM: num,
  elevationGainM: num,
  energyKcal: num,
  avgHeartRateBpm: num,
  maxHeartRateBpm: num,
  avgPowerW: num,
  avgSpeedMps: num,
  maxSpeedMps: num,
  device: z.string().nullable(),
  polyline: z.string().nullable().describe("Google encoded polyline of the route."),
});
export type ActivityRow = z.infer<typeof activityRowSchema>;

export const streamSchema = z.object({
  metric: z.string(),
  source: z.string().describe("Where the series came from: the file's source, or the samples' source."),
  unit: z.string(),
  times: z.array(instant),
  values: z.array(z.number()),
});
export const activityDetailSchema = z.object({
  activity: activityRowSchema,
  streams: z.object({
    origin: z
      .enum(["file", "samples", "none"])
      .describe("file: the recording kept for the activity; samples: stored samples in its window."),
    series: z.array(streamSchema),
  }),
});
export type ActivityDetailResponse = z.infer<typeof activityDetailSchema>;

const dailyMetricFields = {
  date: z.iso.date().describe("The person's local date."),
  steps: z.number().int().nullable(),
  distanceM: num,
  activeEnergyKcal: num,
  totalEnergyKcal: num,
  restingHeartRateBpm: num,
  hrvMs: num,
  readinessScore: num,
  recoveryScore: num,
  strain: num,
  stressAvg: num,
  bodyBatteryHigh: num.describe("Not merged across sources: null on a merged day (ask for ?source=garmin)."),
  bodyBatteryLow: num.describe("Not merged across sources: null on a merged day (ask for ?source=garmin)."),
  sleepScore: num,
};

/** One source's own day (daily_summaries): what the export writes, and a `source` read answers. */
export const sourceDailyMetricRowSchema = z.object({ id: z.uuid(), ...sourceFields, ...dailyMetricFields });

/** The fields of a daily-metric row that are merged across sources. */
export const MERGED_DAILY_FIELDS = [
  "steps",
  "distanceM",
  "activeEnergyKcal",
  "totalEnergyKcal",
  "restingHeartRateBpm",
  "hrvMs",
  "readinessScore",
  "recoveryScore",
  "strain",
  "stressAvg",
  "sleepScore",
] as const;
export type MergedDailyField = (typeof MERGED_DAILY_FIELDS)[number];

const mergedSourceValue = z.object({ source: z.string(), sourceId: z.string(), value: z.number() });
export const dailyMergeExplanationSchema = z.object({
  source: z.string().describe("The first-ranked source counted."),
  sourceId: z.string(),
  method: z
    .enum(["hourly", "priority"])
    .describe(
      "hourly: each local hour from the first source in order that has it; priority: one source's daily total.",
    ),
  text: z.string().describe('In words: "Steps 12,430 = Apple Watch 10,010 (07:00-22:00) + iPhone 2,420 (…)".'),
  parts: z
    .array(
      mergedSourceValue.extend({
        hours: z.array(z.number().int()).optional().describe("Local hours (0-23) taken from this source."),
      }),
    )
    .describe("What the value adds up."),
  others: z.array(mergedSourceValue).describe("Other sources' own totals for the day, not counted."),
});

export const dailyMetricRowSchema = z.object({
  id: z.uuid().nullable().describe("The source row's id; null on a merged day."),
  source: z
    .string()
    .describe(
      "Provider slug the row came from; `merged` for a day merged across sources (the default without `source`).",
    ),
  sourceId: z.string().describe("Which account or device of that source (empty when only one, or merged)."),
  ...dailyMetricFields,
  explanations: z
    .partialRecord(z.enum(MERGED_DAILY_FIELDS), dailyMergeExplanationSchema)
    .nullable()
    .describe("A merged day: per field that has a value, what it is made of. Null on a source's own row."),
});
export type DailyMetricRow = z.infer<typeof dailyMetricRowSchema>;

export const sleepRowSchema = z.object({
  id: z.uuid(),
  ...sourceFields,
  externalId: z.string(),
  date: z.iso.date().describe("The night's local date."),
  startAt: instant,
  endAt: instant,
  startLocal: localInstant,
  endLocal: localInstant,
  utcOffsetSeconds: z.number().int().nullable(),
  inBedS: num,
  asleepS: num,
  deepS: num,
  remS: num,
  lightS: num,
  awakeS: num,
  efficiencyPercent: num,
  score: num,
  avgHeartRateBpm: num,
  avgHrvMs: num,
  respiratoryRate: num.describe("Breaths per minute."),
  stages: z.array(z.object({ stage: z.string(), startAt: z.string(), endAt: z.string() })).nullable(),
});
export type SleepRow = z.infer<typeof sleepRowSchema>;

export const sampleRowSchema = z.object({
  metric: z.string(),
  ...sourceFields,
  time: instant,
  endTime: instant.nullable(),
  value: z.number(),
  unit: z.string(),
});
export type SampleRow = z.infer<typeof sampleRowSchema>;

export const bodyMeasurementRowSchema = z.object({
  id: z.uuid(),
  ...sourceFields,
  measuredAt: instant,
  weightKg: num,
  bmi: num,
  bodyFatPercent: num,
  muscleMassKg: num,
});
export type BodyMeasurementRow = z.infer<typeof bodyMeasurementRowSchema>;

export const sourcesSchema = z.object({
  connections: z.array(
    z.object({
      id: z.uuid(),
      source: z.string(),
      label: z.string().nullable(),
      status: z.string(),
      lastSyncedAt: instant.nullable(),
      connectedAt: instant,
    }),
  ),
  activitySources: z.array(z.string()).describe("Source slugs that have activities."),
  sampleMetrics: z.array(z.string()).describe("Metric names that have samples."),
});
export type SourcesResponse = z.infer<typeof sourcesSchema>;

export const activitiesPageSchema = page(activityRowSchema);
export const dailyMetricsPageSchema = page(dailyMetricRowSchema);
export const sleepPageSchema = page(sleepRowSchema);
export const samplesPageSchema = page(sampleRowSchema);
export const bodyMeasurementsPageSchema = page(bodyMeasurementRowSchema);
export type Page<Row> = { data: Row[]; nextCursor: string | null };

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const EXPORT_TABLES = ["activities", "daily-metrics", "sleep", "samples", "body-measurements"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const exportParamsSchema = z.strictObject({
  table: z.enum(EXPORT_TABLES, { message: `must be one of ${EXPORT_TABLES.join(", ")}` }),
});

export const exportQuerySchema = z
  .strictObject({
    format: z
      .enum(["csv", "json"], { message: "must be csv or json" })
      .default("csv")
      .describe("csv (a header row, then one row per record) or json (an array of records)."),
    source: sourceParam,
    from: dateParam("from"),
    to: dateParam("to"),
    metric: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: "must be a metric name such as heart_rate" })
      .optional()
      .describe("Required for the samples table: which metric."),
  })
  .refine(isRangeInOrder, RANGE_ORDER_ISSUE);
export type ExportQuery = z.infer<typeof exportQuerySchema>;
