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
