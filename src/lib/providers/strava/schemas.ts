import { z } from "zod";

// Raw Strava payloads, as documented at developers.strava.com (shared/providers/strava.md).

export const stravaTokenSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_at: z.number().int(),
  expires_in: z.number().int().optional(),
  // Only in the authorization-code exchange, never in a refresh.
  athlete: z.object({ id: z.number().int() }).passthrough().optional(),
});
export type StravaToken = z.infer<typeof stravaTokenSchema>;

export const stravaErrorSchema = z.object({
  message: z.string(),
  errors: z.array(z.object({ resource: z.string(), field: z.string(), code: z.string() })).default([]),
});

export const stravaAthleteSchema = z.object({
  id: z.number().int(),
  username: z.string().nullish(),
  firstname: z.string().nullish(),
  lastname: z.string().nullish(),
});
export type StravaAthlete = z.infer<typeof stravaAthleteSchema>;

// SummaryActivity from GET /athlete/activities. Only what we store is checked strictly;
// the rest passes through into `raw`.
export const stravaSummaryActivitySchema = z
  .object({
    id: z.number().int(),
    name: z.string().nullish(),
    type: z.string().nullish(),
    sport_type: z.string().nullish(),
    start_date: z.iso.datetime(),
    start_date_local: z.string().nullish(),
    timezone: z.string().nullish(),
    utc_offset: z.number().nullish(),
    elapsed_time: z.number().nullish(),
    moving_time: z.number().nullish(),
    distance: z.number().nullish(),
    total_elevation_gain: z.number().nullish(),
    average_speed: z.number().nullish(),
    max_speed: z.number().nullish(),
    average_heartrate: z.number().nullish(),
    max_heartrate: z.number().nullish(),
    average_watts: z.number().nullish(),
    calories: z.number().nullish(),
    device_name: z.string().nullish(),
    map: z.object({ summary_polyline: z.string().nullish() }).passthrough().nullish(),
  })
  .passthrough();
export type StravaSummaryActivity = z.infer<typeof stravaSummaryActivitySchema>;

export const stravaActivityListSchema = z.array(stravaSummaryActivitySchema);
