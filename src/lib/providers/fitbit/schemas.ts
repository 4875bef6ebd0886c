import { z } from "zod";

// Raw Google payloads: the OAuth 2.0 token endpoint and the Google Health API v4
// (discovery document health:v4 rev 20260527; shared/providers/google-health.md).

export const googleTokenSchema = z.object({
  access_token: z.string().min(1),
  // ≈3599 s.
  expires_in: z.number().int().positive(),
  // Only in the code exchange, and only for access_type=offline; Google never rotates it.
  refresh_token: z.string().min(1).optional(),
  // What the person left ticked on the granular consent screen, space-separated.
  scope: z.string(),
  token_type: z.string(),
  // Set when the grant itself ends: Testing-mode apps (7 days) or time-based access.
  refresh_token_expires_in: z.number().int().optional(),
});
export type GoogleToken = z.infer<typeof googleTokenSchema>;

// GET /v4/users/me/identity. proto3 JSON omits empty strings, so a person who never had a
// Fitbit account comes back without legacyUserId.
export const googleHealthIdentitySchema = z.object({
  name: z.string().optional(),
  healthUserId: z.string().regex(/^[A-Za-z0-9-]{1,63}$/),
  legacyUserId: z.string().min(1).optional(),
});
export type GoogleHealthIdentity = z.infer<typeof googleHealthIdentitySchema>;

// Google's API error envelope: {"error":{"code":403,"message":"…","status":"PERMISSION_DENIED"}}.
export const googleApiErrorSchema = z.object({
  error: z.object({ code: z.number().int(), message: z.string(), status: z.string().optional() }),
});
export type GoogleApiError = z.infer<typeof googleApiErrorSchema>;

// The revoke endpoint answers RFC 6749-style: {"error":"invalid_token","error_description":"…"}.
export const googleRevokeErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
export type GoogleRevokeError = z.infer<typeof googleRevokeErrorSchema>;

// ---- Data points (users.dataTypes.dataPoints list / dailyRollUp). Only what we store is
// checked strictly; .passthrough() keeps the rest for `raw`. proto3 JSON leaves out zero and
// default values, and writes int64 as strings, so numbers are converted in transform.ts.

const int64 = z.union([z.string().regex(/^-?\d+$/), z.number().int()]);
// google.protobuf.Duration: "3600s", "-14400s", "1497.788s".
const duration = z.string().regex(/^-?\d+(\.\d+)?s$/);
const instant = z.iso.datetime({ offset: true });

export const civilDateSchema = z.object({
  year: z.number().int().min(1),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
});
export type CivilDate = z.infer<typeof civilDateSchema>;
const civilDateTime = z.object({ date: civilDateSchema, time: z.object({}).passthrough().optional() }).passthrough();

// "users/{user}/dataTypes/{type}/dataPoints/{id}": {user} may be "me" or the healthUserId.
const pointName = z.string().regex(/\/dataPoints\/[^/]+$/);

const dataSourceSchema = z
  .object({
    platform: z.string().optional(),
    device: z
      .object({ displayName: z.string().optional(), manufacturer: z.string().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

const sessionIntervalSchema = z
  .object({
    startTime: instant,
    startUtcOffset: duration.optional(),
    endTime: instant,
    endUtcOffset: duration.optional(),
    civilStartTime: civilDateTime.optional(),
    civilEndTime: civilDateTime.optional(),
  })
  .passthrough();

const sampleTimeSchema = z.object({ physicalTime: instant, utcOffset: duration.optional() }).passthrough();

export const exercisePointSchema = z
  .object({
    name: pointName,
    dataSource: dataSourceSchema.optional(),
    exercise: z
      .object({
        // Left out when EXERCISE_TYPE_UNSPECIFIED (the proto3 default).
        exerciseType: z.string().optional(),
        displayName: z.string().optional(),
        interval: sessionIntervalSchema,
        activeDuration: duration.optional(),
        metricsSummary: z
          .object({
            caloriesKcal: z.number().optional(),
            distanceMillimeters: z.number().optional(),
            averageHeartRateBeatsPerMinute: int64.optional(),
            averageSpeedMillimetersPerSecond: z.number().optional(),
            averagePaceSecondsPerMeter: z.number().optional(),
            elevationGainMillimeters: z.number().optional(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type ExercisePoint = z.infer<typeof exercisePointSchema>;

export const sleepPointSchema = z
  .object({
    name: pointName,
    dataSource: dataSourceSchema.optional(),
    sleep: z
      .object({
        interval: sessionIntervalSchema,
        stages: z.array(z.object({ type: z.string(), startTime: instant, endTime: instant }).passthrough()).default([]),
        summary: z
          .object({
            minutesInSleepPeriod: int64.optional(),
            minutesAsleep: int64.optional(),
            minutesAwake: int64.optional(),
            stagesSummary: z.array(z.object({ type: z.string(), minutes: int64.optional() }).passthrough()).default([]),
          })
          .passthrough()
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type SleepPoint = z.infer<typeof sleepPointSchema>;

export const restingHeartRatePointSchema = z
  .object({ dailyRestingHeartRate: z.object({ date: civilDateSchema, beatsPerMinute: int64 }).passthrough() })
  .passthrough();
export type RestingHeartRatePoint = z.infer<typeof restingHeartRatePointSchema>;

// At least one of its four values is set; only the RMSSD average is stored.
export const hrvPointSchema = z
  .object({
    dailyHeartRateVariability: z
      .object({ date: civilDateSchema, averageHeartRateVariabilityMilliseconds: z.number().optional() })
      .passthrough(),
  })
  .passthrough();
export type HrvPoint = z.infer<typeof hrvPointSchema>;

// Weight is identifiable (list, get, batchDelete by name): the id says which row an edit updates.
export const weightPointSchema = z
  .object({
    name: pointName.optional(),
    weight: z.object({ weightGrams: z.number().positive(), sampleTime: sampleTimeSchema }).passthrough(),
  })
  .passthrough();
export type WeightPoint = z.infer<typeof weightPointSchema>;

// google.devicesandservices.health.v4.Height: heightMillimeters is a required int64 in [0, 3000].
export const heightPointSchema = z
  .object({ height: z.object({ heightMillimeters: int64, sampleTime: sampleTimeSchema }).passthrough() })
  .passthrough();
export type HeightPoint = z.infer<typeof heightPointSchema>;

export const bodyFatPointSchema = z
  .object({ bodyFat: z.object({ percentage: z.number().min(0).max(100), sampleTime: sampleTimeSchema }).passthrough() })
  .passthrough();
export type BodyFatPoint = z.infer<typeof bodyFatPointSchema>;

// Intraday samples (google.devicesandservices.health.v4.HeartRate): beatsPerMinute is a
// required int64 in [1, 300]; they have no identity of their own, so `name` may be left out.
export const heartRatePointSchema = z
  .object({
    dataSource: dataSourceSchema.optional(),
    heartRate: z
      .object({
        beatsPerMinute: int64,
        sampleTime: sampleTimeSchema,
        // ACTIVE | SEDENTARY, and WRIST | CHEST | FINGER | … (discovery rev 20260527).
        metadata: z
          .object({ motionContext: z.string().optional(), sensorLocation: z.string().optional() })
          .passthrough()
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type HeartRatePoint = z.infer<typeof heartRatePointSchema>;

/** ListDataPointsResponse; an empty page comes back as {} (proto3 leaves the empty list out). */
export const listResponseSchema = <Point extends z.ZodType>(point: Point) =>
  z.object({ dataPoints: z.array(point).default([]), nextPageToken: z.string().optional() });

const kcalSum = z.object({ kcalSum: z.number().optional() }).passthrough().optional();

// DailyRollupDataPoint: one per civil day of the range; the key named after the data type.
export const rollupPointSchema = z
  .object({
    civilStartTime: civilDateTime,
    steps: z.object({ countSum: int64.optional() }).passthrough().optional(),
    distance: z.object({ millimetersSum: int64.optional() }).passthrough().optional(),
    activeEnergyBurned: kcalSum,
    totalCalories: kcalSum,
  })
  .passthrough();
export type RollupPoint = z.infer<typeof rollupPointSchema>;

export const dailyRollUpResponseSchema = z.object({ rollupDataPoints: z.array(rollupPointSchema).default([]) });
