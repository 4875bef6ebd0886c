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
