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
