import { z } from "zod";

// Raw Polar AccessLink v3 payloads (shared/providers/polar.md; Polar's AccessLink OpenAPI).

// Polar user ids are integers; a numeric string is accepted too so a change of JSON type
// on Polar's side cannot strand every new connection.
const polarUserIdSchema = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);

export const polarTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  // Long-lived (the documented example is ~10 years); no refresh token comes with it.
  expires_in: z.number().int().positive().optional(),
  // The Polar user id: the same number is `polar-user-id` and the webhook `user_id`.
  x_user_id: polarUserIdSchema,
});
export type PolarToken = z.infer<typeof polarTokenSchema>;

/** Body of POST /v3/users. */
export const polarRegisterSchema = z.object({ "member-id": z.string().min(1) });
export type PolarRegister = z.infer<typeof polarRegisterSchema>;

/** What POST /v3/users (registration) and GET /v3/users/{user-id} answer with. */
export const polarUserSchema = z.object({
  "polar-user-id": polarUserIdSchema,
  "member-id": z.string().nullish(),
  "registration-date": z.string().nullish(),
  "first-name": z.string().nullish(),
  "last-name": z.string().nullish(),
});
export type PolarUser = z.infer<typeof polarUserSchema>;

/** AccessLink's error body; every field is optional in Polar's schema. */
export const polarErrorSchema = z.object({
  timestamp: z.string().optional(),
  status: z.number().int().optional(),
  errorType: z.string().optional(),
  message: z.string().optional(),
  corrId: z.string().optional(),
});
export type PolarError = z.infer<typeof polarErrorSchema>;

// Data payloads of the non-transactional AccessLink endpoints. Only what we store is checked
// strictly; everything else passes through into `raw`.

/** ISO 8601 durations as Polar writes them: PT39M30S, PT2H44M, PT210.026S. */
export const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const isoDurationSchema = z.string().regex(ISO_DURATION, "expected an ISO 8601 duration");
const isoDateSchema = z.iso.date();
// Wall-clock time without an offset (exercise start_time, daily activity start/end_time).
const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, "expected a date-time");
const hhmmRecordSchema = <T extends z.ZodType>(value: T) =>
  z.record(z.string().regex(/^\d{2}:\d{2}$/, "expected HH:MM"), value);

/** An exercise from GET /v3/exercises (hashed string id, not the transaction API's integer). */
export const polarExerciseSchema = z
  .object({
    id: z.string().min(1),
    upload_time: z.string().nullish(),
    device: z.string().nullish(),
    start_time: localDateTimeSchema,
    // Minutes east of UTC; without it the local start_time names no instant.
    start_time_utc_offset: z.number().int(),
    duration: isoDurationSchema.nullish(),
    calories: z.number().nullish(),
    distance: z.number().nullish(),
    heart_rate: z.object({ average: z.number().nullish(), maximum: z.number().nullish() }).passthrough().nullish(),
    sport: z.string().nullish(),
    detailed_sport_info: z.string().nullish(),
  })
  .passthrough();
export type PolarExercise = z.infer<typeof polarExerciseSchema>;
export const polarExerciseListSchema = z.array(polarExerciseSchema);

/** A night from GET /v3/users/sleep; durations are whole seconds. */
export const polarSleepSchema = z
  .object({
    date: isoDateSchema,
    sleep_start_time: z.iso.datetime({ offset: true }),
    sleep_end_time: z.iso.datetime({ offset: true }),
    light_sleep: z.number().nullish(),
    deep_sleep: z.number().nullish(),
    rem_sleep: z.number().nullish(),
    unrecognized_sleep_stage: z.number().nullish(),
    total_interruption_duration: z.number().nullish(),
    sleep_score: z.number().nullish(),
    hypnogram: hhmmRecordSchema(z.number().int().min(0).max(5)).nullish(),
    heart_rate_samples: hhmmRecordSchema(z.number()).nullish(),
  })
  .passthrough();
export type PolarSleep = z.infer<typeof polarSleepSchema>;
export const polarNightsSchema = z.object({ nights: z.array(polarSleepSchema) }).passthrough();

/** A Nightly Recharge from GET /v3/users/nightly-recharge. */
export const polarRechargeSchema = z
  .object({
    date: isoDateSchema,
    heart_rate_avg: z.number().nullish(),
    // RMSSD in ms, per Polar's schema description.
    heart_rate_variability_avg: z.number().nullish(),
    breathing_rate_avg: z.number().nullish(),
    nightly_recharge_status: z.number().int().min(1).max(6).nullish(),
    ans_charge: z.number().nullish(),
  })
  .passthrough();
export type PolarRecharge = z.infer<typeof polarRechargeSchema>;
export const polarRechargesSchema = z.object({ recharges: z.array(polarRechargeSchema) }).passthrough();

/** A day from GET /v3/users/activities (activity-summary-with-all-samples). */
export const polarDailyActivitySchema = z
  .object({
    start_time: localDateTimeSchema,
    end_time: localDateTimeSchema.nullish(),
    active_duration: isoDurationSchema.nullish(),
    calories: z.number().nullish(),
    active_calories: z.number().nullish(),
    steps: z.number().int().nullish(),
    distance_from_steps: z.number().nullish(),
    samples: z.object({ date: isoDateSchema.nullish() }).passthrough().nullish(),
  })
  .passthrough();
export type PolarDailyActivity = z.infer<typeof polarDailyActivitySchema>;
export const polarDailyActivityListSchema = z.array(polarDailyActivitySchema);

/**
 * GET /v3/users/physical-info: the current snapshot (snake_case, unlike the deprecated
 * physical-information transactions). Weight in kg, height in cm.
 */
export const polarPhysicalInfoSchema = z
  .object({
    weight: z.number().positive().nullish(),
    height: z.number().positive().nullish(),
    created: localDateTimeSchema.nullish(),
    modified: localDateTimeSchema.nullish(),
  })
  .passthrough();
export type PolarPhysicalInfo = z.infer<typeof polarPhysicalInfoSchema>;
