import { z } from "zod";

// Raw Oura payloads, as documented in Oura's OpenAPI and authentication pages (shared/providers/oura.md).

export const ouraTokenSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  // Single-use: every reply, refresh included, carries the refresh token to use next.
  refresh_token: z.string().min(1),
  // 86400 observed; one Oura FAQ line says "30 days", so the reply is the authority.
  expires_in: z.number().int().positive(),
  // Not in Oura's documented reply (the callback carries the granted scope); read when present.
  scope: z.string().optional(),
});
export type OuraToken = z.infer<typeof ouraTokenSchema>;

// GET /v2/usercollection/personal_info. Only `id` is required: the rest is null without `personal`/`email`.
export const ouraPersonalInfoSchema = z.object({
  id: z.string().min(1),
  age: z.number().int().nullish(),
  weight: z.number().nullish(),
  // Metres, not centimetres.
  height: z.number().nullish(),
  biological_sex: z.string().nullish(),
  email: z.string().nullish(),
});
export type OuraPersonalInfo = z.infer<typeof ouraPersonalInfoSchema>;

// Data documents. Only what we store is checked; `.passthrough()` keeps the rest for `raw`.
// `*_datetime` and `bedtime_*` are localized with the person's UTC offset; durations are seconds.
const localized = z.iso.datetime({ offset: true });
const day = z.iso.date();
const optionalNumber = z.number().nullish();

/** Every collection answers {data: [...], next_token}; loop while next_token is set. */
export const ouraCollectionSchema = <T extends z.ZodType>(document: T) =>
  z.object({ data: z.array(document), next_token: z.string().nullish() });

export const ouraSleepSchema = z
  .object({
    id: z.string().min(1),
    // The wake-up day the period is attributed to.
    day,
    bedtime_start: localized,
    bedtime_end: localized,
    type: z.string().nullish(),
    time_in_bed: optionalNumber,
    total_sleep_duration: optionalNumber,
    awake_time: optionalNumber,
    light_sleep_duration: optionalNumber,
    deep_sleep_duration: optionalNumber,
    rem_sleep_duration: optionalNumber,
    efficiency: optionalNumber,
    average_heart_rate: optionalNumber,
    lowest_heart_rate: optionalNumber,
    average_hrv: optionalNumber,
    average_breath: optionalNumber,
    sleep_phase_5_min: z.string().nullish(),
    sleep_phase_30_sec: z.string().nullish(),
  })
  .passthrough();
export type OuraSleep = z.infer<typeof ouraSleepSchema>;

export const ouraDailySleepSchema = z.object({ id: z.string().min(1), day, score: optionalNumber }).passthrough();
export type OuraDailySleep = z.infer<typeof ouraDailySleepSchema>;

export const ouraDailyReadinessSchema = z.object({ id: z.string().min(1), day, score: optionalNumber }).passthrough();
export type OuraDailyReadiness = z.infer<typeof ouraDailyReadinessSchema>;

export const ouraDailyActivitySchema = z
  .object({
    id: z.string().min(1),
    day,
    steps: z.number().int().nullish(),
    active_calories: optionalNumber,
    total_calories: optionalNumber,
    // Metres.
    equivalent_walking_distance: optionalNumber,
  })
  .passthrough();
export type OuraDailyActivity = z.infer<typeof ouraDailyActivitySchema>;

export const ouraWorkoutSchema = z
  .object({
    id: z.string().min(1),
    activity: z.string().nullish(),
    label: z.string().nullish(),
    start_datetime: localized,
    end_datetime: localized,
    day,
    calories: optionalNumber,
    distance: optionalNumber,
  })
  .passthrough();
export type OuraWorkout = z.infer<typeof ouraWorkoutSchema>;

// Heart-rate rows carry UTC timestamps, unlike the daily documents.
export const ouraHeartRateSchema = z
  .object({ bpm: z.number(), source: z.string().nullish(), timestamp: localized })
  .passthrough();
export type OuraHeartRate = z.infer<typeof ouraHeartRateSchema>;
