import { z } from "zod";

// Raw COROS Open API payloads (shared/providers/coros.md, Part A). COROS answers failures
// with HTTP 200 as well, so a reply is told apart by its `result` code first.

export const COROS_OK = "0000";
/** "Invalid token": expired, revoked or unbound. The reference documents no other code's meaning. */
export const COROS_INVALID_TOKEN = "1001";

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
    // The reference fixes the access token's life at 30 days (corosOAuth.tokenLifetimeSeconds)
    // and the reply states it too.
    expires_in: z.number().int().positive().optional(),
    // The user's id for our client, needed beside the token on every data call.
    openId: z.string().min(1),
  }),
);
export type CorosToken = z.infer<typeof corosTokenSchema>;

// Data payloads (reference §4.2.4 and §4.3.4 as quoted by integrators). Only what we store is
// checked strictly; the rest (hrvList, …) passes through into `raw`.

/** yyyyMMdd, an integer in the reference's examples; a string is read alike. Left as sent, for `raw`. */
const corosDaySchema = z.union([
  z.number().int().min(10_000_101).max(99_991_231),
  z.string().regex(/^\d{8}$/, "expected yyyyMMdd"),
]);

/** A workout in GET /v2/coros/sport/list's `data` (also the shape COROS pushes). */
export const corosWorkoutSchema = z
  .object({
    // A 64-bit id beyond Number.MAX_SAFE_INTEGER: only a string keeps it exact.
    labelId: z.string().min(1),
    mode: z.number().int(),
    subMode: z.number().int().nullish(),
    deviceName: z.string().nullish(),
    distance: z.number().nullish(),
    duration: z.number().nullish(),
    startTime: z.number().int(),
    endTime: z.number().int().nullish(),
    startTimezone: z.number().int().nullish(),
    endTimezone: z.number().int().nullish(),
    // The workout's FIT on COROS's file host (or an S3 URL), a plain GET.
    fitUrl: z.string().nullish(),
    // A triathlon's legs, each with a FIT of its own.
    triathlonItemList: z.array(z.object({ fitUrl: z.string().nullish() }).passthrough()).nullish(),
  })
  .passthrough();
export type CorosWorkout = z.infer<typeof corosWorkoutSchema>;

/** `data` is the plain array, no pagination: one call answers a whole date range. */
export const corosWorkoutListSchema = z.object({ data: z.array(corosWorkoutSchema).nullish() }).passthrough();

/** A day in the daily summary's `data.dailyList`. */
export const corosDailySchema = z
  .object({
    happenDay: corosDaySchema,
    step: z.number().nullish(),
    rhr: z.number().nullish(),
    ppgHrv: z.number().nullish(),
  })
  .passthrough();
export type CorosDaily = z.infer<typeof corosDailySchema>;

export const corosDailyListSchema = z
  .object({
    data: z
      .object({ dailyList: z.array(corosDailySchema).nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();
