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
