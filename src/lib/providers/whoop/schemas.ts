import { z } from "zod";

// Raw WHOOP payloads, as documented at developer.whoop.com and in its v2 OpenAPI (shared/providers/whoop.md).

export const whoopTokenSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  // 3600 in every documented reply; the reply is the authority.
  expires_in: z.number().int().positive(),
  // Only issued when `offline` was granted; each refresh hands out a new one and spends the old.
  refresh_token: z.string().min(1).optional(),
  // Space-separated, `offline` included.
  scope: z.string().optional(),
});
export type WhoopToken = z.infer<typeof whoopTokenSchema>;

// GET /developer/v2/user/profile/basic (read:profile). `user_id` is also in every record and webhook.
export const whoopBasicProfileSchema = z.object({
  user_id: z.number().int(),
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
});
export type WhoopBasicProfile = z.infer<typeof whoopBasicProfileSchema>;

// Data payloads (v2). Only what we store is checked strictly; `.passthrough()` keeps the rest
// for `raw`. Every timestamp is UTC with a Z; `timezone_offset` is the person's offset then.
const instant = z.iso.datetime({ offset: true });
// "+hh:mm", "-hh:mm" or "Z" (ISO 8601 time-zone designator).
const timezoneOffset = z.string().regex(/^(Z|[+-]\d{2}:?\d{2})$/);
// `score` is only present when SCORED; PENDING_SCORE and UNSCORABLE carry none.
const scoreState = z.enum(["SCORED", "PENDING_SCORE", "UNSCORABLE"]);

/** GET /v2/cycle etc.: `records` plus `next_token` while more pages remain. */
export const whoopPageSchema = <T extends z.ZodType>(record: T) =>
  z.object({ records: z.array(record), next_token: z.string().nullish() }).passthrough();

export const whoopCycleSchema = z
  .object({
    id: z.number().int(),
    start: instant,
    // Absent while the person is still in this cycle.
    end: instant.nullish(),
    timezone_offset: timezoneOffset,
    score_state: scoreState,
    score: z
      .object({
        strain: z.number().nullish(),
        kilojoule: z.number().nullish(),
        average_heart_rate: z.number().nullish(),
        max_heart_rate: z.number().nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type WhoopCycle = z.infer<typeof whoopCycleSchema>;

export const whoopRecoverySchema = z
  .object({
    cycle_id: z.number().int(),
    sleep_id: z.string().nullish(),
    score_state: scoreState,
    score: z
      .object({
        user_calibrating: z.boolean().nullish(),
        recovery_score: z.number().nullish(),
        resting_heart_rate: z.number().nullish(),
        hrv_rmssd_milli: z.number().nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type WhoopRecovery = z.infer<typeof whoopRecoverySchema>;

export const whoopSleepSchema = z
  .object({
    id: z.string().min(1),
    start: instant,
    end: instant,
    timezone_offset: timezoneOffset,
    nap: z.boolean().nullish(),
    score_state: scoreState,
    score: z
      .object({
        stage_summary: z
          .object({
            total_in_bed_time_milli: z.number().nullish(),
            total_awake_time_milli: z.number().nullish(),
            total_light_sleep_time_milli: z.number().nullish(),
            total_slow_wave_sleep_time_milli: z.number().nullish(),
            total_rem_sleep_time_milli: z.number().nullish(),
          })
          .passthrough()
          .nullish(),
        respiratory_rate: z.number().nullish(),
        sleep_performance_percentage: z.number().nullish(),
        sleep_efficiency_percentage: z.number().nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type WhoopSleep = z.infer<typeof whoopSleepSchema>;

export const whoopWorkoutSchema = z
  .object({
    id: z.string().min(1),
    start: instant,
    end: instant,
    timezone_offset: timezoneOffset,
    sport_name: z.string().nullish(),
    // Legacy, documented to disappear; only a fallback label when sport_name is missing.
    sport_id: z.number().int().nullish(),
    score_state: scoreState,
    score: z
      .object({
        strain: z.number().nullish(),
        average_heart_rate: z.number().nullish(),
        max_heart_rate: z.number().nullish(),
        kilojoule: z.number().nullish(),
        distance_meter: z.number().nullish(),
        altitude_gain_meter: z.number().nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type WhoopWorkout = z.infer<typeof whoopWorkoutSchema>;

// GET /v2/user/measurement/body: the current values only, no history and no timestamp.
export const whoopBodyMeasurementSchema = z
  .object({
    height_meter: z.number().nullish(),
    weight_kilogram: z.number().positive(),
    max_heart_rate: z.number().nullish(),
  })
  .passthrough();
export type WhoopBodyMeasurement = z.infer<typeof whoopBodyMeasurementSchema>;
