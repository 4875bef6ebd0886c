import { z } from "zod";

// Raw Garmin Connect Developer Program payloads (shared/providers/garmin.md, Part A).

// POST https://diauth.garmin.com/di-oauth2-service/oauth/token, both grants.
export const garminTokenSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  // Rotated on every refresh: the reply always carries the one to use next.
  refresh_token: z.string().min(1),
  // 86400 (24 h).
  expires_in: z.number().int().positive(),
  // ~7,776,000 (90 days), counted from this reply: a refresh resets it.
  refresh_token_expires_in: z.number().int().positive().optional(),
  // Whether partner tokens carry scope and jti is unconfirmed; read when present.
  scope: z.string().optional(),
  jti: z.string().optional(),
});
export type GarminToken = z.infer<typeof garminTokenSchema>;

// GET https://apis.garmin.com/wellness-api/rest/user/id. Stable across re-authorizations
// and the same id every push/ping notification carries.
export const garminUserIdSchema = z.object({
  userId: z.string().min(1),
});

// An OAuth 1.0a Authorization header's parameters, decoded (RFC 5849 §3.1), as Garmin
// checks them: HMAC-SHA1 only.
export const oauth1HeaderSchema = z.object({
  oauth_consumer_key: z.string().min(1),
  oauth_signature_method: z.literal("HMAC-SHA1"),
  oauth_signature: z.string().min(1),
  oauth_timestamp: z.string().regex(/^\d+$/),
  oauth_nonce: z.string().min(1),
  oauth_version: z.literal("1.0").optional(),
  oauth_token: z.string().min(1).optional(),
  oauth_callback: z.string().optional(),
  oauth_verifier: z.string().optional(),
});
export type OAuth1HeaderParams = z.infer<typeof oauth1HeaderSchema>;

// Health and Activity API summaries (pull responses and push bodies alike): JSON arrays of
// these. Only what we store is checked; the rest passes through into `raw`.
const seconds = z.number().int();
const offsetValues = z.record(z.string(), z.number());

const summaryBase = {
  summaryId: z.string().min(1),
  // The local calendar day the summary belongs to; absent on activities and body comps.
  calendarDate: z.iso.date(),
  startTimeInSeconds: seconds,
  // Local time = start + offset; Garmin sends no IANA zone.
  startTimeOffsetInSeconds: seconds.nullish(),
  durationInSeconds: z.number().nullish(),
};

export const garminActivitySchema = z
  .object({
    summaryId: z.string().min(1),
    activityId: z.number().int().nullish(),
    activityName: z.string().nullish(),
    activityType: z.string().nullish(),
    startTimeInSeconds: seconds,
    startTimeOffsetInSeconds: seconds.nullish(),
    durationInSeconds: z.number().nullish(),
    distanceInMeters: z.number().nullish(),
    averageSpeedInMetersPerSecond: z.number().nullish(),
    maxSpeedInMetersPerSecond: z.number().nullish(),
    averageHeartRateInBeatsPerMinute: z.number().nullish(),
    maxHeartRateInBeatsPerMinute: z.number().nullish(),
    totalElevationGainInMeters: z.number().nullish(),
    activeKilocalories: z.number().nullish(),
    deviceName: z.string().nullish(),
  })
  .passthrough();
export type GarminActivity = z.infer<typeof garminActivitySchema>;

export const garminDailySchema = z
  .object({
    ...summaryBase,
    steps: z.number().int().nullish(),
    distanceInMeters: z.number().nullish(),
    // Excludes BMR: the day's total is active + bmr.
    activeKilocalories: z.number().nullish(),
    bmrKilocalories: z.number().nullish(),
    restingHeartRateInBeatsPerMinute: z.number().nullish(),
    // -1 means too little data to score.
    averageStressLevel: z.number().nullish(),
  })
  .passthrough();
export type GarminDaily = z.infer<typeof garminDailySchema>;

const sleepRange = z.object({ startTimeInSeconds: seconds, endTimeInSeconds: seconds }).passthrough();

export const garminSleepSchema = z
  .object({
    ...summaryBase,
    deepSleepDurationInSeconds: z.number().nullish(),
    lightSleepDurationInSeconds: z.number().nullish(),
    remSleepInSeconds: z.number().nullish(),
    awakeDurationInSeconds: z.number().nullish(),
    sleepLevelsMap: z.record(z.string(), z.array(sleepRange)).nullish(),
    overallSleepScore: z
      .object({ value: z.number().nullish(), qualifierKey: z.string().nullish() })
      .passthrough()
      .nullish(),
    timeOffsetSleepRespiration: offsetValues.nullish(),
    validation: z.string().nullish(),
  })
  .passthrough();
export type GarminSleep = z.infer<typeof garminSleepSchema>;

export const garminHrvSchema = z
  .object({
    ...summaryBase,
    // RMSSD in milliseconds.
    lastNightAvg: z.number().nullish(),
    lastNight5MinHigh: z.number().nullish(),
    hrvValues: offsetValues.nullish(),
  })
  .passthrough();
export type GarminHrv = z.infer<typeof garminHrvSchema>;

export const garminStressDetailsSchema = z
  .object({
    ...summaryBase,
    // Negative values are codes (off wrist, motion, …), not stress levels.
    timeOffsetStressLevelValues: offsetValues.nullish(),
    timeOffsetBodyBatteryValues: offsetValues.nullish(),
  })
  .passthrough();
export type GarminStressDetails = z.infer<typeof garminStressDetailsSchema>;

export const garminBodyCompSchema = z
  .object({
    summaryId: z.string().min(1),
    measurementTimeInSeconds: seconds,
    measurementTimeOffsetInSeconds: seconds.nullish(),
    weightInGrams: z.number().nullish(),
    bodyFatInPercent: z.number().nullish(),
    bodyMassIndex: z.number().nullish(),
    muscleMassInGrams: z.number().nullish(),
  })
  .passthrough();
export type GarminBodyComp = z.infer<typeof garminBodyCompSchema>;

// Push and ping notifications: { "<summaryType>": [ { userId, … } ] }. Ping entries carry
// the upload window and a callbackURL; push entries carry the summary itself. Bodies are read
// an entry at a time (notification-reader.ts), so each entry has its own schema.
export const garminNotifiedUserSchema = z
  .object({
    userId: z.string().min(1),
    // Any string: the webhook keeps only Garmin's own URLs and ignores the rest.
    callbackURL: z.string().optional(),
    uploadStartTimeInSeconds: seconds.optional(),
    uploadEndTimeInSeconds: seconds.optional(),
  })
  .passthrough();

// activityFiles pings (ping only): one activity's original file, fetched from callbackURL with
// the person's token within 24 hours, once.
export const garminActivityFileSchema = z
  .object({
    userId: z.string().min(1),
    // Numeric in Garmin's examples; a string is read alike. The activity summary's activityId.
    activityId: z.union([z.number().int(), z.string().min(1)]),
    fileType: z.enum(["FIT", "TCX", "GPX"]),
    callbackURL: z.string(),
    summaryId: z.string().optional(),
    startTimeInSeconds: seconds.optional(),
  })
  .passthrough();

export const garminDeregistrationSchema = z.object({ userId: z.string().min(1) }).passthrough();
export const garminPermissionsChangeSchema = z
  .object({ userId: z.string().min(1), permissions: z.array(z.string()) })
  .passthrough();

export const garminNotificationSchema = z
  .object({
    deregistrations: z.array(garminDeregistrationSchema).optional(),
    userPermissionsChange: z.array(garminPermissionsChangeSchema).optional(),
  })
  .catchall(z.array(garminNotifiedUserSchema));
export type GarminNotification = z.infer<typeof garminNotificationSchema>;
