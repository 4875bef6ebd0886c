import { z } from "zod";

// COROS Training Hub's web API (t.coros.com), as coros-connect and xballoy/coros-api read it.
// Every answer is HTTP 200 with an envelope; only result "0000" is success (coros.md B2).

export const HUB_OK = "0000";
/** Login refused: wrong account or password. */
export const HUB_LOGIN_ERROR = "1030";
/** The token expired or was replaced by a newer sign-in (1019), or is missing/invalid (1001). */
export const HUB_TOKEN_REFUSED = new Set(["1019", "1001"]);

export const envelopeSchema = z.looseObject({
  result: z.string(),
  message: z.string().nullish(),
  apiCode: z.string().nullish(),
  data: z.unknown().optional(),
});

export const loginDataSchema = z.looseObject({
  accessToken: z.string().min(1),
  userId: z.union([z.string(), z.number()]).transform(String),
  regionId: z.number().nullish(),
  nickname: z.string().nullish(),
});

export const accountDataSchema = z.looseObject({
  userId: z.union([z.string(), z.number()]).transform(String),
  regionId: z.number().nullish(),
  nickname: z.string().nullish(),
});

export const hubActivitySchema = z.looseObject({
  // Past Number.MAX_SAFE_INTEGER: kept a string.
  labelId: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
  sportType: z.number(),
  date: z.number().nullish(),
  startTime: z.number(),
  endTime: z.number().nullish(),
  /** Quarter-hours east of UTC. */
  startTimezone: z.number().nullish(),
  totalTime: z.number().nullish(),
  workoutTime: z.number().nullish(),
  distance: z.number().nullish(),
  device: z.string().nullish(),
  avgHr: z.number().nullish(),
  maxHr: z.number().nullish(),
  /** Calories (not kcal): divided by 1000 (coros.md B6.5). */
  calorie: z.number().nullish(),
  ascent: z.number().nullish(),
  avgPower: z.number().nullish(),
});
export type HubActivity = z.infer<typeof hubActivitySchema>;

export const activityPageSchema = z.looseObject({
  count: z.number().nullish(),
  totalPage: z.number().nullish(),
  pageNumber: z.number().nullish(),
  dataList: z.array(hubActivitySchema).nullish(),
});

export const downloadSchema = z.looseObject({ fileUrl: z.url() });

export const dayDetailSchema = z.looseObject({
  dayList: z
    .array(
      z.looseObject({
        happenDay: z.number(),
        rhr: z.number().nullish(),
        avgSleepHrv: z.number().nullish(),
        trainingLoad: z.number().nullish(),
      }),
    )
    .nullish(),
});
export type HubDay = NonNullable<z.infer<typeof dayDetailSchema>["dayList"]>[number];
