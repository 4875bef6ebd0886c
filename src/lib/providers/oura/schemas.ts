import { z } from "zod";

// Raw Oura payloads, as documented in Oura's OpenAPI and authentication pages (shared/providers/oura.md).

export const ouraTokenSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  // Single-use: every reply, refresh included, carries the refresh token to use next.
  refresh_token: z.string().min(1),
  // 86400 observed; one Oura FAQ line says "30 days", so the reply is the authority.
  expires_in: z.number().int().positive(),
  // Not in Oura's documented reply (the callback carries the granted scope); read when present.
  scope: z.string().optional(),
});
export type OuraToken = z.infer<typeof ouraTokenSchema>;

// GET /v2/usercollection/personal_info. Only `id` is required: the rest is null without `personal`/`email`.
export const ouraPersonalInfoSchema = z.object({
  id: z.string().min(1),
  age: z.number().int().nullish(),
  weight: z.number().nullish(),
  // Metres, not centimetres.
  height: z.number().nullish(),
  biological_sex: z.string().nullish(),
  email: z.string().nullish(),
});
export type OuraPersonalInfo = z.infer<typeof ouraPersonalInfoSchema>;
