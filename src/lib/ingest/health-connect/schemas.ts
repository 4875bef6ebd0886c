import { z } from "zod";

// The JSON the HC Webhook app (com.hcwebhook.app) POSTs, as its SyncManager.buildJsonPayload
// writes it (shared/providers/android-health-connect.md §3). Times are java.time
// Instant.toString(): UTC with "Z" and 0–9 fractional digits.
const instant = z.iso.datetime({ offset: true });
const zoneOffsetSeconds = z
  .number()
  .int()
  .min(-18 * 3600)
  .max(18 * 3600);
const optionalAmount = z.number().nonnegative().nullish();

// Newer builds only; bucketed and daily rows carry none (they merge every app).
export const hcMetadataSchema = z
  .object({
    data_origin: z.string().min(1).nullish(),
    // Words ("automatically_recorded") from HC Webhook; HC's own integers elsewhere.
    recording_method: z.union([z.string(), z.number()]).nullish(),
    device: z
      .object({ manufacturer: z.string().nullish(), model: z.string().nullish(), type: z.number().int().nullish() })
      .passthrough()
      .nullish(),
    id: z.string().min(1).nullish(),
    last_modified_time: instant.nullish(),
    instant_zone_offset_seconds: zoneOffsetSeconds.nullish(),
    interval_zone_offset: z
      .object({
        start_zone_offset_seconds: zoneOffsetSeconds.nullish(),
        end_zone_offset_seconds: zoneOffsetSeconds.nullish(),
      })
      .nullish(),
  })
  .passthrough();
export type HcMetadata = z.infer<typeof hcMetadataSchema>;

const metadata = { metadata: hcMetadataSchema.nullish() };

const endsAfterStart = (row: { start_time: string; end_time: string }) =>
  Date.parse(row.end_time) >= Date.parse(row.start_time);
const endsAfterStartIssue = { message: "end_time is before start_time", path: ["end_time"] };

/** One row of a one-number-per-row array (steps, heart_rate, weight …): `time`, or `start_time` + `end_time`. */
export interface HcSeriesRow {
  time?: string;
  start_time?: string;
  end_time?: string;
  metadata?: HcMetadata | null;
  [field: string]: unknown;
}

export function hcSeriesRowSchema(
  fields: Array<{ name: string; isSigned?: boolean }>,
  isInterval: boolean,
): z.ZodType<HcSeriesRow> {
  const values = Object.fromEntries(
    fields.map((field) => [field.name, field.isSigned ? z.number().nullish() : optionalAmount]),
  );
  if (!isInterval) return z.object({ time: instant, ...values, ...metadata }).passthrough();
  return z
    .object({ start_time: instant, end_time: instant, ...values, ...metadata })
    .passthrough()
    .refine(endsAfterStart, endsAfterStartIssue);
}

// HC's integer constant as a string ("56"); the in-app Test payload sends words ("running").
const code = z.union([z.string().min(1), z.number().int()]);

export const hcExerciseSchema = z
  .object({
    type: code,
    title: z.string().nullish(),
    start_time: instant,
    end_time: instant,
    duration_seconds: optionalAmount,
    // Health Connect aggregates over the session window, not fields of the session itself.
    distance_meters: optionalAmount,
    steps: optionalAmount,
    avg_cadence_spm: optionalAmount,
    max_cadence_spm: optionalAmount,
    stride_length_m: optionalAmount,
    ...metadata,
  })
  .passthrough()
  .refine(endsAfterStart, endsAfterStartIssue);
export type HcExercise = z.infer<typeof hcExerciseSchema>;

const hcSleepStageSchema = z
  .object({ stage: code, start_time: instant, end_time: instant, duration_seconds: optionalAmount })
  .passthrough()
  .refine(endsAfterStart, endsAfterStartIssue);

export const hcSleepSchema = z
  .object({
    // No start field: the session starts duration_seconds before it ends.
    session_end_time: instant,
    duration_seconds: z.number().nonnegative(),
    sleep_updated_at: instant.nullish(),
    stages: z.array(hcSleepStageSchema).nullish(),
    ...metadata,
  })
  .passthrough();
export type HcSleep = z.infer<typeof hcSleepSchema>;

/** A row of an array we have no table for: it needs a time to be stored at all. */
export const hcUnknownRowSchema = z
  .object({ time: instant.optional(), start_time: instant.optional(), end_time: instant.optional(), ...metadata })
  .passthrough()
  .refine((row) => row.time !== undefined || row.start_time !== undefined, {
    message: "has neither time nor start_time",
    path: ["time"],
  });
export type HcUnknownRow = z.infer<typeof hcUnknownRowSchema>;

// Every array key the app writes (SyncManager.buildJsonPayload), cycle tracking included.
export const HC_RECORD_KEYS = [
  "steps",
  "heart_rate",
  "heart_rate_variability",
  "resting_heart_rate",
  "sleep",
  "exercise",
  "distance",
  "active_calories",
  "total_calories",
  "weight",
  "height",
  "blood_pressure",
  "blood_glucose",
  "oxygen_saturation",
  "body_temperature",
  "skin_temperature",
  "respiratory_rate",
  "hydration",
  "nutrition",
  "basal_metabolic_rate",
  "body_fat",
  "lean_body_mass",
  "body_water_mass",
  "bone_mass",
  "bmi",
  "vo2_max",
  "basal_body_temperature",
  "menstruation_flow",
  "menstruation_period",
  "intermenstrual_bleeding",
  "ovulation_test",
  "cervical_mucus",
  "sexual_activity",
] as const;

const recordArray = z.array(z.unknown()).optional();

/** Root: a build time plus one array per enabled type that has records (empty ones are omitted). */
export const hcBodySchema = z
  .object({
    timestamp: instant,
    app_version: z.string().nullish(),
    // Only on the in-app "Test" button's mock payload.
    test: z.boolean().nullish(),
    ...(Object.fromEntries(HC_RECORD_KEYS.map((key) => [key, recordArray])) as Record<
      (typeof HC_RECORD_KEYS)[number],
      typeof recordArray
    >),
  })
  .passthrough();
export type HcBody = z.infer<typeof hcBodySchema>;
