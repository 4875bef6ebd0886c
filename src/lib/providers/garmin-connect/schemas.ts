import { z } from "zod";

// Garmin Connect's private API as the mobile app and python-garminconnect / garth read it
// (shared/providers/garmin.md part B). Unknown fields pass through; only what we use is checked.

/** /mobile/api/login and /mobile/api/mfa/verifyCode. */
export const ssoReplySchema = z.looseObject({
  serviceTicketId: z.string().nullish(),
  responseStatus: z.looseObject({ type: z.string(), message: z.string().optional() }).optional(),
  customerMfaInfo: z.looseObject({ mfaLastMethodUsed: z.string().nullish() }).nullish(),
  error: z.looseObject({ "status-code": z.string().optional() }).optional(),
});

/** exchange/user/2.0, and garth's oauth2_token.json (which adds expires_at). */
export const oauth2TokenSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
  expires_in: z.number().optional(),
  expires_at: z.number().optional(),
  refresh_token_expires_in: z.number().optional(),
  refresh_token_expires_at: z.number().optional(),
});
export type GarminOAuth2Token = z.infer<typeof oauth2TokenSchema>;

/** garth's oauth1_token.json, and the preauthorized reply's fields. */
export const oauth1TokenSchema = z.looseObject({
  oauth_token: z.string().min(1),
  oauth_token_secret: z.string().min(1),
  mfa_token: z.string().nullish(),
  domain: z.string().nullish(),
});

export const oauthConsumerSchema = z.object({ consumer_key: z.string().min(1), consumer_secret: z.string().min(1) });

export const socialProfileSchema = z.looseObject({
  profileId: z.union([z.number(), z.string()]),
  displayName: z.string().min(1),
  fullName: z.string().nullish(),
  userName: z.string().nullish(),
});
export type GarminSocialProfile = z.infer<typeof socialProfileSchema>;

export const connectActivitySchema = z.looseObject({
  activityId: z.number(),
  activityName: z.string().nullish(),
  /** "2026-01-08 14:10:21", UTC, no zone marker. */
  startTimeGMT: z.string(),
  startTimeLocal: z.string().nullish(),
  activityType: z.looseObject({ typeKey: z.string() }).nullish(),
  distance: z.number().nullish(),
  duration: z.number().nullish(),
  movingDuration: z.number().nullish(),
  elevationGain: z.number().nullish(),
  averageSpeed: z.number().nullish(),
  maxSpeed: z.number().nullish(),
  averageHR: z.number().nullish(),
  maxHR: z.number().nullish(),
  avgPower: z.number().nullish(),
  calories: z.number().nullish(),
  deviceId: z.number().nullish(),
  manufacturer: z.string().nullish(),
  hasPolyline: z.boolean().nullish(),
  manualActivity: z.boolean().nullish(),
});
export type ConnectActivity = z.infer<typeof connectActivitySchema>;
export const activityListSchema = z.array(connectActivitySchema);

/** /activity-service/activity/{id}/details: the route as points, when the activity has one. */
export const activityDetailsSchema = z.looseObject({
  geoPolylineDTO: z
    .looseObject({ polyline: z.array(z.looseObject({ lat: z.number(), lon: z.number() })).nullish() })
    .nullish(),
});

export const dailySummarySchema = z.looseObject({
  calendarDate: z.string().nullish(),
  totalSteps: z.number().nullish(),
  totalDistanceMeters: z.number().nullish(),
  activeKilocalories: z.number().nullish(),
  totalKilocalories: z.number().nullish(),
  restingHeartRate: z.number().nullish(),
  averageStressLevel: z.number().nullish(),
  bodyBatteryHighestValue: z.number().nullish(),
  bodyBatteryLowestValue: z.number().nullish(),
  // Set when the token may not read this person's summary: an auth problem, not a quiet day.
  privacyProtected: z.boolean().nullish(),
});
export type ConnectDailySummary = z.infer<typeof dailySummarySchema>;

export const sleepDataSchema = z.looseObject({
  dailySleepDTO: z
    .looseObject({
      id: z.union([z.number(), z.string()]).nullish(),
      calendarDate: z.string(),
      sleepTimeSeconds: z.number().nullish(),
      // Epoch milliseconds. The …Local twins are shifted twice for China accounts (garmin.md B5).
      sleepStartTimestampGMT: z.number().nullish(),
      sleepEndTimestampGMT: z.number().nullish(),
      deepSleepSeconds: z.number().nullish(),
      lightSleepSeconds: z.number().nullish(),
      remSleepSeconds: z.number().nullish(),
      awakeSleepSeconds: z.number().nullish(),
      averageRespirationValue: z.number().nullish(),
      sleepScores: z.looseObject({ overall: z.looseObject({ value: z.number().nullish() }).nullish() }).nullish(),
    })
    .nullish(),
  /** activityLevel 0 deep, 1 light, 2 REM, 3 awake; times "2026-01-08T04:00:00.0" in UTC. */
  sleepLevels: z
    .array(z.looseObject({ startGMT: z.string(), endGMT: z.string(), activityLevel: z.number() }))
    .nullish(),
  avgOvernightHrv: z.number().nullish(),
  restingHeartRate: z.number().nullish(),
});
export type ConnectSleepData = z.infer<typeof sleepDataSchema>;

export const hrvRangeSchema = z.looseObject({
  hrvSummaries: z.array(z.looseObject({ calendarDate: z.string(), lastNightAvg: z.number().nullish() })).nullish(),
});

export const weightRangeSchema = z.looseObject({
  dateWeightList: z
    .array(
      z.looseObject({
        samplePk: z.union([z.number(), z.string()]).nullish(),
        /** Epoch milliseconds of the weigh-in. */
        date: z.number(),
        /** Grams, as are boneMass and muscleMass. */
        weight: z.number().nullish(),
        bmi: z.number().nullish(),
        bodyFat: z.number().nullish(),
        muscleMass: z.number().nullish(),
      }),
    )
    .nullish(),
});
export type ConnectWeighIn = NonNullable<z.infer<typeof weightRangeSchema>["dateWeightList"]>[number];
