import { describe, expect, it } from "vitest";
import { polarDailyActivitySchema, polarExerciseSchema, polarNightsSchema, polarRechargeSchema } from "./schemas";
import { isoDurationSeconds, transformPolarDailyActivity, transformPolarExercise } from "./transform";
import { transformPolarRecharge, transformPolarSleep } from "./transform-sleep";

// Fixtures in the shapes of Polar's AccessLink OpenAPI document (shared/providers/polar.md §3.3).
const exercise = {
  id: "aQlC83",
  upload_time: "2026-05-03T16:50:02.000Z",
  polar_user: "https://www.polaraccesslink.com/v3/users/10000001",
  device: "Polar Vantage V3",
  device_id: "1111AAAA",
  start_time: "2026-05-03T18:02:11",
  start_time_utc_offset: 120,
  duration: "PT39M30S",
  calories: 412,
  distance: 6230.0,
  heart_rate: { average: 149, maximum: 176 },
  training_load: 88.5,
  sport: "RUNNING",
  detailed_sport_info: "TRAIL_RUNNING",
  has_route: true,
};

const night = {
  polar_user: "https://www.polaraccesslink/v3/users/1",
  date: "2020-01-01",
  sleep_start_time: "2019-12-31T23:50:07+03:00",
  sleep_end_time: "2020-01-01T07:20:07+03:00",
  device_id: "1111AAAA",
  continuity: 2.1,
  continuity_class: 2,
  light_sleep: 14_400,
  deep_sleep: 5400,
  rem_sleep: 5400,
  unrecognized_sleep_stage: 600,
  sleep_score: 80,
  total_interruption_duration: 1200,
  sleep_charge: 3,
  sleep_goal: 28_800,
  sleep_rating: 3,
  hypnogram: { "23:50": 2, "23:55": 3, "00:30": 4, "01:10": 0, "01:15": 1, "06:58": 5 },
  heart_rate_samples: { "23:51": 60, "23:56": 58, "00:01": 56 },
};

const recharge = {
  polar_user: "https://www.polaraccesslink/v3/users/1",
  date: "2020-01-01",
  heart_rate_avg: 70,
  beat_to_beat_avg: 816,
  heart_rate_variability_avg: 28,
  breathing_rate_avg: 14.1,
  nightly_recharge_status: 3,
  ans_charge: 0.0,
  ans_charge_status: 3,
  hrv_samples: { "00:41": 14, "00:46": 14 },
  breathing_samples: { "00:39": 13.4 },
};

const activityDay = {
  start_time: "2025-08-13T08:15:30",
  end_time: "2025-08-13T23:59:59",
  active_duration: "PT3H11M",
  inactive_duration: "PT18H23M30S",
  daily_activity: 89.1,
  calories: 2500,
  active_calories: 1500,
  steps: 8823,
  inactivity_alert_count: 1,
  distance_from_steps: 4590.53,
};

describe("ISO 8601 durations", () => {
  it.each([
    ["PT39M30S", 2370],
    ["PT2H44M", 9840],
    ["PT210.026S", 210.026],
    ["P1DT1H", 90_000],
    ["PT0S", 0],
  ])("%s is %d s", (value, seconds) => expect(isoDurationSeconds(value)).toBe(seconds));

  it("rejects anything else at the schema", () => {
    expect(polarExerciseSchema.safeParse({ ...exercise, duration: "39:30" }).success).toBe(false);
  });
});

describe("Polar exercise", () => {
  it("turns local start time + offset in minutes into the UTC instant, with SI units", () => {
    const record = transformPolarExercise(polarExerciseSchema.parse(exercise));
    expect(record.startAt).toEqual(new Date("2026-05-03T16:02:11Z"));
    expect(record).toMatchObject({
      externalId: "aQlC83",
      utcOffsetSeconds: 7200,
      durationS: 2370,
      distanceM: 6230,
      energyKcal: 412,
      avgHeartRateBpm: 149,
      maxHeartRateBpm: 176,
      device: "Polar Vantage V3",
      type: "trail_run",
      providerType: "TRAIL_RUNNING",
    });
    expect(record.avgSpeedMps).toBeCloseTo(6230 / 2370, 3);
    expect(record.raw).toMatchObject({ training_load: 88.5, has_route: true });
  });

  it("prefers detailed_sport_info and falls back to the coarse sport, then other", () => {
    const type = (sport: string, detailed?: string) =>
      transformPolarExercise(polarExerciseSchema.parse({ ...exercise, sport, detailed_sport_info: detailed })).type;
    expect(type("OTHER", "STRENGTH_TRAINING")).toBe("strength");
    expect(type("CYCLING", "MOUNTAIN_BIKING")).toBe("mountain_bike");
    expect(type("CYCLING", "SOMETHING_NEW")).toBe("ride");
    expect(type("OTHER", "WATERSPORTS_WATERSKI")).toBe("other");
  });

  it("handles a negative offset and a session without distance", () => {
    const record = transformPolarExercise(
      polarExerciseSchema.parse({
        ...exercise,
        distance: undefined,
        start_time: "2026-05-03T23:30:00",
        start_time_utc_offset: -300,
      }),
    );
    expect(record.startAt).toEqual(new Date("2026-05-04T04:30:00Z"));
    expect(record).toMatchObject({ utcOffsetSeconds: -18_000, distanceM: null, avgSpeedMps: null });
  });
});

describe("Polar sleep", () => {
  const parsed = polarNightsSchema.parse({ nights: [night] }).nights[0]!;
  const record = transformPolarSleep(parsed, "10000001");

  it("keeps the offset times as instants and the night's date as its local date", () => {
    expect(record).toMatchObject({
      externalId: "10000001:2020-01-01",
      localDate: "2020-01-01",
      utcOffsetSeconds: 10_800,
      score: 80,
    });
    expect(record.startAt).toEqual(new Date("2019-12-31T20:50:07Z"));
    expect(record.endAt).toEqual(new Date("2020-01-01T04:20:07Z"));
  });

  it("counts light + deep + REM as asleep, leaving the unrecognized 600 s out", () => {
    expect(record).toMatchObject({
      inBedS: 27_000,
      asleepS: 25_200,
      lightS: 14_400,
      deepS: 5400,
      remS: 5400,
      awakeS: 1200,
      efficiencyPercent: 93.3,
      avgHeartRateBpm: 58,
    });
  });

  it("places hypnogram runs across midnight and merges the two light stages", () => {
    expect(record.stages).toEqual([
      { stage: "light", startAt: "2019-12-31T20:50:07.000Z", endAt: "2019-12-31T21:30:00.000Z" },
      { stage: "deep", startAt: "2019-12-31T21:30:00.000Z", endAt: "2019-12-31T22:10:00.000Z" },
      { stage: "awake", startAt: "2019-12-31T22:10:00.000Z", endAt: "2019-12-31T22:15:00.000Z" },
      { stage: "rem", startAt: "2019-12-31T22:15:00.000Z", endAt: "2020-01-01T03:58:00.000Z" },
      { stage: "unknown", startAt: "2020-01-01T03:58:00.000Z", endAt: "2020-01-01T04:20:07.000Z" },
    ]);
  });

  it("rejects a start time without an offset, naming the field", () => {
    const result = polarNightsSchema.safeParse({ nights: [{ ...night, sleep_start_time: "2019-12-31T23:50:07" }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["nights", 0, "sleep_start_time"]);
  });
});

describe("Polar Nightly Recharge", () => {
  it("fills HRV (ms) and a 0-100 recovery score on the day's row, raw keyed by stream", () => {
    const record = transformPolarRecharge(polarRechargeSchema.parse(recharge));
    expect(record).toMatchObject({
      localDate: "2020-01-01",
      hrvMs: 28,
      recoveryScore: 40,
      raw: { recharge: { ans_charge: 0 } },
    });
    expect(record).not.toHaveProperty("steps");
    expect(
      transformPolarRecharge(polarRechargeSchema.parse({ ...recharge, nightly_recharge_status: 6 })).recoveryScore,
    ).toBe(100);
  });
});

describe("Polar daily activity", () => {
  it("maps steps, metres and kcal onto the day the summary brackets", () => {
    const record = transformPolarDailyActivity(polarDailyActivitySchema.parse(activityDay));
    expect(record).toEqual({
      localDate: "2025-08-13",
      steps: 8823,
      distanceM: 4590.53,
      activeEnergyKcal: 1500,
      totalEnergyKcal: 2500,
      raw: { activity: expect.objectContaining({ daily_activity: 89.1 }) },
    });
  });

  it("prefers the samples' own date when Polar sends one", () => {
    const record = transformPolarDailyActivity(
      polarDailyActivitySchema.parse({ ...activityDay, samples: { date: "2025-08-12", steps: { samples: [] } } }),
    );
    expect(record.localDate).toBe("2025-08-12");
  });
});
