import { describe, expect, it } from "vitest";
import {
  garminActivitySchema,
  garminBodyCompSchema,
  garminDailySchema,
  garminHrvSchema,
  garminSleepSchema,
  garminStressDetailsSchema,
} from "./schemas";
import {
  garminSleepScoreDay,
  transformGarminActivity,
  transformGarminBodyComp,
  transformGarminDaily,
  transformGarminHrv,
  transformGarminSleep,
  transformGarminStressDetails,
} from "./transform";

// Fixtures in the shapes of Garmin's Activity and Health API (shared/providers/garmin.md).
const USER = "d3315b1072421d0dd7c8f6b8e1de4df8";

describe("Garmin activity summaries", () => {
  const activity = garminActivitySchema.parse({
    userId: USER,
    summaryId: "18273645912",
    activityId: 18273645912,
    activityName: "Lunch Run",
    activityType: "TRAIL_RUNNING",
    startTimeInSeconds: 1767880800,
    startTimeOffsetInSeconds: 3600,
    durationInSeconds: 3725,
    distanceInMeters: 10234.7,
    averageSpeedInMetersPerSecond: 2.747,
    averageHeartRateInBeatsPerMinute: 151,
    maxHeartRateInBeatsPerMinute: 178,
    totalElevationGainInMeters: 412,
    activeKilocalories: 702,
    deviceName: "Garmin fenix 8",
    manual: false,
  });

  it("maps to SI units, a UTC instant, our type and keeps theirs and the payload", () => {
    expect(transformGarminActivity(activity)).toMatchObject({
      externalId: "18273645912",
      type: "trail_run",
      providerType: "TRAIL_RUNNING",
      name: "Lunch Run",
      startAt: new Date("2026-01-08T14:00:00Z"),
      utcOffsetSeconds: 3600,
      durationS: 3725,
      distanceM: 10234.7,
      avgSpeedMps: 2.747,
      elevationGainM: 412,
      energyKcal: 702,
      avgHeartRateBpm: 151,
      maxHeartRateBpm: 178,
      device: "Garmin fenix 8",
      raw: expect.objectContaining({ manual: false, userId: USER }),
    });
  });

  it("normalizes Garmin's activity types and falls back to other", () => {
    const typeOf = (activityType: string) => transformGarminActivity({ ...activity, activityType }).type;
    expect(
      [
        "RUNNING",
        "TREADMILL_RUNNING",
        "ROAD_BIKING",
        "INDOOR_CYCLING",
        "LAP_SWIMMING",
        "OPEN_WATER_SWIMMING",
        "HIKING",
        "STRENGTH_TRAINING",
        "YOGA",
        "BASE_JUMPING",
      ].map(typeOf),
    ).toEqual([
      "run",
      "treadmill_run",
      "ride",
      "virtual_ride",
      "swim",
      "open_water_swim",
      "hike",
      "strength",
      "yoga",
      "other",
    ]);
  });

  it("leaves what a summary lacks null", () => {
    const bare = transformGarminActivity(
      garminActivitySchema.parse({ summaryId: "7", startTimeInSeconds: 1767880800, activityType: "STRENGTH_TRAINING" }),
    );
    expect(bare).toMatchObject({ externalId: "7", distanceM: null, utcOffsetSeconds: null, avgSpeedMps: null });
  });
});

describe("Garmin health summaries", () => {
  it("turns a daily into the day's steps, energy, resting HR and stress", () => {
    const daily = garminDailySchema.parse({
      userId: USER,
      summaryId: "x153a9f3-5a9478d4-6",
      calendarDate: "2026-01-08",
      startTimeInSeconds: 1767826800,
      startTimeOffsetInSeconds: 3600,
      durationInSeconds: 86400,
      steps: 11234,
      distanceInMeters: 8765.4,
      activeKilocalories: 612,
      bmrKilocalories: 1702,
      restingHeartRateInBeatsPerMinute: 48,
      averageStressLevel: 31,
      maxStressLevel: 88,
    });
    expect(transformGarminDaily(daily)).toEqual({
      localDate: "2026-01-08",
      steps: 11234,
      distanceM: 8765.4,
      activeEnergyKcal: 612,
      totalEnergyKcal: 2314,
      restingHeartRateBpm: 48,
      stressAvg: 31,
      raw: { dailies: daily },
    });
    expect(transformGarminDaily({ ...daily, averageStressLevel: -1 }).stressAvg).toBeNull();
  });

  it("fills only its own columns of the day from HRV and stress details", () => {
    const hrv = garminHrvSchema.parse({
      summaryId: "h1",
      calendarDate: "2026-01-08",
      startTimeInSeconds: 1767817800,
      durationInSeconds: 27000,
      lastNightAvg: 52,
      lastNight5MinHigh: 71,
      hrvValues: { "300": 49, "600": 55 },
    });
    expect(transformGarminHrv(hrv)).toEqual({ localDate: "2026-01-08", hrvMs: 52, raw: { hrv } });
    const stress = garminStressDetailsSchema.parse({
      summaryId: "s1",
      calendarDate: "2026-01-08",
      startTimeInSeconds: 1767826800,
      durationInSeconds: 86400,
      timeOffsetStressLevelValues: { "0": -1, "180": 25 },
      timeOffsetBodyBatteryValues: { "0": 34, "180": 88, "360": 12 },
    });
    expect(transformGarminStressDetails(stress)).toEqual({
      localDate: "2026-01-08",
      bodyBatteryHigh: 88,
      bodyBatteryLow: 12,
      raw: { stressDetails: stress },
    });
  });

  it("maps a sleep with its stages, score and breathing rate", () => {
    const start = 1767817800;
    const sleep = garminSleepSchema.parse({
      summaryId: "n1",
      calendarDate: "2026-01-08",
      startTimeInSeconds: start,
      startTimeOffsetInSeconds: 3600,
      durationInSeconds: 3000,
      deepSleepDurationInSeconds: 1200,
      lightSleepDurationInSeconds: 900,
      remSleepInSeconds: 600,
      awakeDurationInSeconds: 300,
      validation: "ENHANCED_FINAL",
      sleepLevelsMap: {
        light: [{ startTimeInSeconds: start + 300, endTimeInSeconds: start + 1200 }],
        deep: [{ startTimeInSeconds: start + 1200, endTimeInSeconds: start + 2400 }],
        awake: [{ startTimeInSeconds: start, endTimeInSeconds: start + 300 }],
        rem: [{ startTimeInSeconds: start + 2400, endTimeInSeconds: start + 3000 }],
      },
      overallSleepScore: { value: 84, qualifierKey: "GOOD" },
      timeOffsetSleepRespiration: { "60": 14, "120": 15 },
    });
    const record = transformGarminSleep(sleep);
    expect(record).toMatchObject({
      externalId: "n1",
      startAt: new Date(start * 1000),
      endAt: new Date((start + 3000) * 1000),
      utcOffsetSeconds: 3600,
      localDate: "2026-01-08",
      inBedS: 3000,
      asleepS: 2700,
      deepS: 1200,
      lightS: 900,
      remS: 600,
      awakeS: 300,
      efficiencyPercent: 90,
      score: 84,
      respiratoryRate: 14.5,
    });
    expect(record.stages!.map((stage) => stage.stage)).toEqual(["awake", "light", "deep", "rem"]);
    expect(garminSleepScoreDay(sleep)).toMatchObject({ localDate: "2026-01-08", sleepScore: 84 });
  });

  it("converts body composition grams to kilograms", () => {
    const body = garminBodyCompSchema.parse({
      summaryId: "b1",
      measurementTimeInSeconds: 1767852000,
      measurementTimeOffsetInSeconds: 3600,
      weightInGrams: 72450,
      bodyFatInPercent: 17.2,
      bodyMassIndex: 22.9,
      muscleMassInGrams: 33100,
    });
    expect(transformGarminBodyComp(body)).toMatchObject({
      measuredAt: new Date(1767852000 * 1000),
      weightKg: 72.45,
      bodyFatPercent: 17.2,
      bmi: 22.9,
      muscleMassKg: 33.1,
    });
  });

  it("rejects a summary without its calendar date", () => {
    expect(garminDailySchema.safeParse({ summaryId: "x", startTimeInSeconds: 1 }).error?.issues[0]?.path).toEqual([
      "calendarDate",
    ]);
  });
});
