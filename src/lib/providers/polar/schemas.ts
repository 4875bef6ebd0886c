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
