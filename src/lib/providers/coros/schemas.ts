import { z } from "zod";

// Raw COROS Open API payloads (shared/providers/coros.md, Part A). COROS answers failures
// with HTTP 200 as well, so a reply is told apart by its `result` code first.

export const COROS_OK = "0000";

/** The envelope of every COROS reply: `result` "0000" is success, anything else a failure. */
export const corosResultSchema = z.object({
  // Always a string in the reference; a number is accepted so "1001" and 1001 read alike.
  result: z.union([z.string(), z.number()]).transform(String),
  message: z.string().optional(),
});
export type CorosResult = z.infer<typeof corosResultSchema>;

// The reference's parameter table says accessToken/refreshToken/expiresIn while its example
// (and every working integration) uses snake_case: the camelCase spelling is folded in.
const CAMEL_TO_SNAKE = { accessToken: "access_token", refreshToken: "refresh_token", expiresIn: "expires_in" } as const;

function foldCamelCase(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const folded: Record<string, unknown> = { ...body };
  for (const [camel, snake] of Object.entries(CAMEL_TO_SNAKE)) {
    if (folded[snake] === undefined && folded[camel] !== undefined) folded[snake] = folded[camel];
  }
  return folded;
}

/** POST /oauth2/accesstoken: `{ expires_in, refresh_token, access_token, openId }`. */
export const corosTokenSchema = z.preprocess(
  foldCamelCase,
  z.object({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1),
    // The reference fixes the access token's life at 30 days; the reply states it too.
    expires_in: z.number().int().positive().default(2_592_000),
    // The user's id for our client, needed beside the token on every data call.
    openId: z.string().min(1),
  }),
);
export type CorosToken = z.infer<typeof corosTokenSchema>;
