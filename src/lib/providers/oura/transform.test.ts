import { describe, expect, it } from "vitest";
import { ouraDailyActivitySchema, ouraHeartRateSchema, ouraSleepSchema, ouraWorkoutSchema } from "./schemas";
import {
  dailyFromMainSleep,
  isCountedSleep,
  transformOuraDailyActivity,
  transformOuraHeartRate,
  transformOuraReadiness,
  transformOuraSleep,
  transformOuraWorkout,
} from "./transform";

// Fixtures in the shapes Oura documents (shared/providers/oura.md §3.2).
const workout = {
  id: "8f2c1a",
  activity: "running",
  calories: 412.0,
  day: "2026-05-03",
  distance: 6230.5,
  intensity: "moderate",
  label: null,
  source: "confirmed",
  start_datetime: "2026-05-03T18:02:00+02:00",
  end_datetime: "2026-05-03T18:41:30+02:00",
};

const sleep = {
  id: "c0ffee",
  day: "2026-05-04",
  type: "long_sleep",
  period: 0,
  bedtime_start: "2026-05-03T23:10:00-05:00",
  bedtime_end: "2026-05-04T06:40:00-05:00",
  time_in_bed: 27000,
  total_sleep_duration: 24600,
  awake_time: 2400,
  light_sleep_duration: 13200,
  deep_sleep_duration: 5400,
  rem_sleep_duration: 6000,
  latency: 600,
  efficiency: 91,
  average_heart_rate: 54.5,
  lowest_heart_rate: 47,
  average_hrv: 62,
  average_breath: 14.8,
  sleep_phase_5_min: "4422113",
  sleep_phase_30_sec: null,
  readiness: { score: 80, contributors: {} },
};

describe("Oura transforms", () => {
  it("maps a workout to an activity: UTC instant, offset, seconds, metres, kcal, our type", () => {
    const record = transformOuraWorkout(ouraWorkoutSchema.parse(workout));
    expect(record).toMatchObject({
      externalId: "8f2c1a",
      type: "run",
      providerType: "running",
      name: null,
      utcOffsetSeconds: 7200,
      durationS: 39 * 60 + 30,
      distanceM: 6230.5,
      energyKcal: 412,
    });
    expect(record.startAt).toEqual(new Date("2026-05-03T16:02:00Z"));
    expect(record.raw).toMatchObject({ intensity: "moderate", source: "confirmed" });
  });

  it("types workouts from Oura's own activity names, unknown ones as other", () => {
    const typeOf = (activity: string) => transformOuraWorkout(ouraWorkoutSchema.parse({ ...workout, activity })).type;
    expect(typeOf("cycling")).toBe("ride");
    expect(typeOf("walking")).toBe("walk");
    expect(typeOf("strength_training")).toBe("strength");
    expect(typeOf("Swimming")).toBe("swim");
    expect(typeOf("underwater_basket_weaving")).toBe("other");
  });

  it("maps a sleep period: wake-up day, seconds, HRV in ms, and the 5-minute hypnogram as stages", () => {
    const record = transformOuraSleep(ouraSleepSchema.parse(sleep));
    expect(record).toMatchObject({
      externalId: "c0ffee",
      localDate: "2026-05-04",
      utcOffsetSeconds: -18000,
      inBedS: 27000,
      asleepS: 24600,
      deepS: 5400,
      remS: 6000,
      lightS: 13200,
      awakeS: 2400,
      efficiencyPercent: 91,
      avgHeartRateBpm: 54.5,
      avgHrvMs: 62,
      respiratoryRate: 14.8,
    });
    expect(record.startAt).toEqual(new Date("2026-05-04T04:10:00Z"));
    expect(record.endAt).toEqual(new Date("2026-05-04T11:40:00Z"));
    expect(record.stages).toEqual([
      { stage: "awake", startAt: "2026-05-04T04:10:00.000Z", endAt: "2026-05-04T04:20:00.000Z" },
      { stage: "light", startAt: "2026-05-04T04:20:00.000Z", endAt: "2026-05-04T04:30:00.000Z" },
      { stage: "deep", startAt: "2026-05-04T04:30:00.000Z", endAt: "2026-05-04T04:40:00.000Z" },
      { stage: "rem", startAt: "2026-05-04T04:40:00.000Z", endAt: "2026-05-04T04:45:00.000Z" },
    ]);
  });

  it("prefers the 30-second hypnogram when Oura sends one", () => {
    const record = transformOuraSleep(ouraSleepSchema.parse({ ...sleep, sleep_phase_30_sec: "2213" }));
    expect(record.stages!.map((stage) => [stage.stage, stage.endAt])).toEqual([
      ["light", "2026-05-04T04:11:00.000Z"],
      ["deep", "2026-05-04T04:11:30.000Z"],
      ["rem", "2026-05-04T04:12:00.000Z"],
    ]);
  });

  it("gives the day its HRV and resting heart rate from the main night only, and skips rest and deleted periods", () => {
    const main = ouraSleepSchema.parse(sleep);
    expect(dailyFromMainSleep(main)).toMatchObject({ localDate: "2026-05-04", hrvMs: 62, restingHeartRateBpm: 47 });
    expect(dailyFromMainSleep(ouraSleepSchema.parse({ ...sleep, type: "late_nap" }))).toBeUndefined();
    expect(isCountedSleep(ouraSleepSchema.parse({ ...sleep, type: "late_nap" }))).toBe(true);
    expect(isCountedSleep(ouraSleepSchema.parse({ ...sleep, type: "rest" }))).toBe(false);
    expect(isCountedSleep(ouraSleepSchema.parse({ ...sleep, type: "deleted" }))).toBe(false);
  });

  it("fills only the columns a daily stream knows, raw keyed by stream", () => {
    const activity = ouraDailyActivitySchema.parse({
      id: "a1",
      day: "2026-05-03",
      score: 82,
      steps: 9120,
      active_calories: 512,
      total_calories: 2380,
      equivalent_walking_distance: 7450,
      target_calories: 500,
      timestamp: "2026-05-03T04:00:00+02:00",
    });
    const record = transformOuraDailyActivity(activity);
    expect(record).toEqual({
      localDate: "2026-05-03",
      steps: 9120,
      distanceM: 7450,
      activeEnergyKcal: 512,
      totalEnergyKcal: 2380,
      raw: { activity },
    });
    expect(record).not.toHaveProperty("readinessScore");
    expect(transformOuraReadiness({ id: "r1", day: "2026-05-03", score: null })).toEqual({
      localDate: "2026-05-03",
      readinessScore: null,
      raw: { readiness: { id: "r1", day: "2026-05-03", score: null } },
    });
  });

  it("maps heart-rate rows to bpm samples at their UTC instant", () => {
    const sample = transformOuraHeartRate(
      ouraHeartRateSchema.parse({ bpm: 58, source: "rest", timestamp: "2026-05-03T03:05:00+00:00" }),
    );
    expect(sample).toEqual({
      metric: "heart_rate",
      time: new Date("2026-05-03T03:05:00Z"),
      value: 58,
      unit: "bpm",
      meta: { source: "rest" },
    });
  });

  it("refuses documents without the fields we store, naming them", () => {
    expect(() => ouraSleepSchema.parse({ ...sleep, bedtime_start: "last night" })).toThrow(/bedtime_start/);
    expect(() => ouraWorkoutSchema.parse({ ...workout, day: "03/05/2026" })).toThrow(/day/);
    expect(() => ouraHeartRateSchema.parse({ bpm: "58", timestamp: "2026-05-03T03:05:00+00:00" })).toThrow(/bpm/);
  });
});
