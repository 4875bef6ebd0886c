import { describe, expect, it } from "vitest";
import { exerciseTypeOf } from "./exercise-types";
import { FIT, SAMSUNG, WITHINGS, body, exerciseRow, sleepRow } from "./fixtures";
import { parseHealthConnect } from "./parse";
import { hcExerciseSchema, hcSleepSchema } from "./schemas";
import { sleepStageOf } from "./sleep-stages";
import { transformExercise } from "./transform-activity";
import { transformSleep } from "./transform-sleep";

const sleep = (row: object, timeZone?: string) => transformSleep(hcSleepSchema.parse(row), { timeZone });
const exercise = (row: object) => transformExercise(hcExerciseSchema.parse(row));

describe("Health Connect sleep sessions", () => {
  it("starts the session duration_seconds before its end, dates it by the local wake-up day, and totals the stages", () => {
    const record = sleep(sleepRow);
    expect(record).toMatchObject({
      externalId: "0d0f6a7e-1c2b-4c7e-8f6e-5a1b2c3d4e5f",
      utcOffsetSeconds: 32400,
      // Woke at 07:30 in UTC+9 on the 2nd, while it was still the 1st in UTC.
      localDate: "2025-03-02",
      inBedS: 25680,
      asleepS: 25080,
      lightS: 11580,
      deepS: 2700,
      remS: 3000,
      awakeS: 1200,
      efficiencyPercent: 97.7,
    });
    expect(record.startAt).toEqual(new Date("2025-03-01T15:12:00Z"));
    expect(record.endAt).toEqual(new Date("2025-03-01T22:30:00Z"));
    expect(record.stages).toEqual([
      { stage: "light", startAt: "2025-03-01T15:12:00.000Z", endAt: "2025-03-01T15:47:00.000Z" },
      { stage: "deep", startAt: "2025-03-01T15:47:00.000Z", endAt: "2025-03-01T16:32:00.000Z" },
      { stage: "rem", startAt: "2025-03-01T16:32:00.000Z", endAt: "2025-03-01T17:22:00.000Z" },
      { stage: "awake", startAt: "2025-03-01T17:22:00.000Z", endAt: "2025-03-01T17:32:00.000Z" },
      { stage: "awake", startAt: "2025-03-01T19:42:00.000Z", endAt: "2025-03-01T19:52:00.000Z" },
      { stage: "light", startAt: "2025-03-01T19:52:00.000Z", endAt: "2025-03-01T22:30:00.000Z" },
    ]);
  });

  it("reads Health Connect's stage constants and the Test payload's words alike", () => {
    expect(["0", "1", "2", "3", "4", "5", "6", "7"].map((code) => sleepStageOf(code)?.stage ?? null)).toEqual([
      null,
      "awake",
      null,
      "awake",
      "light",
      "deep",
      "rem",
      "awake",
    ]);
    expect(sleepStageOf(5)).toEqual(sleepStageOf("deep"));
    expect(sleepStageOf("REM")?.stage).toBe("rem");
    expect(sleepStageOf("2")).toEqual({ stage: null, isAsleep: true, isInBed: true });
    expect(sleepStageOf("9")).toBeUndefined();
    expect(sleepStageOf("constructor")).toBeUndefined();
  });

  it("counts a stageless session as all sleep; without an offset it dates by the given zone, else UTC", () => {
    const plain = { session_end_time: "2025-03-02T04:30:00Z", duration_seconds: 28800, stages: [] };
    expect(sleep(plain)).toMatchObject({
      inBedS: 28800,
      asleepS: 28800,
      deepS: null,
      awakeS: null,
      efficiencyPercent: null,
      stages: null,
      utcOffsetSeconds: null,
      localDate: "2025-03-02",
    });
    expect(sleep(plain, "America/Los_Angeles").localDate).toBe("2025-03-01");
  });

  it("derives the same id for an id-less session on every delivery, and a different one for another origin", () => {
    const legacy = { ...sleepRow, metadata: { data_origin: SAMSUNG } };
    expect(sleep(legacy).externalId).toBe(sleep(structuredClone(legacy)).externalId);
    expect(sleep(legacy).externalId).not.toBe(sleep({ ...legacy, metadata: { data_origin: FIT } }).externalId);
  });
});

describe("Health Connect exercise sessions", () => {
  it("maps a session to an activity: HC id, our type, the code's name, exact seconds, metres, offset, device", () => {
    const record = exercise(exerciseRow);
    expect(record).toMatchObject({
      externalId: "9c5e7c0a-3b1f-4f0e-9a51-2f7d4c8e6b10",
      type: "run",
      providerType: "running",
      name: "Morning run",
      utcOffsetSeconds: 3600,
      durationS: 2460.5,
      distanceM: 7420.5,
      device: "Google Pixel Watch 2",
    });
    expect(record.startAt).toEqual(new Date("2025-03-02T06:00:00Z"));
    expect(record.raw).toMatchObject({ steps: 6911, avg_cadence_spm: 168.5 });
  });

  it("types sessions from androidx EXERCISE_TYPE_* codes, as strings, numbers or the Test payload's words", () => {
    const cases: Array<[string | number, string, string]> = [
      ["0", "other", "workout"],
      ["8", "ride", "biking"],
      ["9", "virtual_ride", "biking_stationary"],
      ["37", "hike", "hiking"],
      ["57", "treadmill_run", "running_treadmill"],
      [56, "run", "running"],
      ["70", "strength", "strength_training"],
      ["73", "open_water_swim", "swimming_open_water"],
      ["74", "swim", "swimming_pool"],
      ["76", "racket_sport", "tennis"],
      ["79", "walk", "walking"],
      ["83", "yoga", "yoga"],
      ["walking", "walk", "walking"],
      ["99", "other", "99"],
      ["constructor", "other", "constructor"],
    ];
    for (const [code, type, providerType] of cases) expect(exerciseTypeOf(code)).toEqual({ type, providerType });
  });

  it('derives an id-less session\'s id from type, times and origin, the same for "56" and "running"', () => {
    const legacy = { ...exerciseRow, metadata: { data_origin: FIT } };
    expect(exercise(legacy).externalId).toBe(exercise({ ...legacy, type: "running" }).externalId);
    expect(exercise(legacy).externalId).not.toBe(
      exercise({ ...legacy, start_time: "2025-03-02T06:00:01Z" }).externalId,
    );
    expect(exercise({ ...legacy, title: "  " })).toMatchObject({ name: null, utcOffsetSeconds: null, device: null });
  });
});

describe("Health Connect body measurements", () => {
  it("puts weight and body fat from one scale reading on one row", () => {
    const [row] = parseHealthConnect(body).batches.find((batch) => batch.sourceId === `${WITHINGS}/Body+`)!.records
      .bodyMeasurements!;
    expect(row).toMatchObject({ measuredAt: new Date("2025-03-02T06:50:00Z"), weightKg: 71.8, bodyFatPercent: 18.4 });
    expect(row!.raw).toMatchObject({ weight: { kilograms: 71.8 }, body_fat: { percentage: 18.4 } });
  });

  it("rejects body fat above 100 % and a second, different weight at the same instant", () => {
    const result = parseHealthConnect({
      timestamp: "2025-03-02T09:30:12Z",
      weight: [
        { kilograms: 71.8, time: "2025-03-02T06:50:00Z" },
        { kilograms: 72.1, time: "2025-03-02T06:50:00Z" },
      ],
      body_fat: [{ percentage: 184, time: "2025-03-02T06:50:00Z" }],
    });
    expect(result.batches[0]!.records.bodyMeasurements).toMatchObject([{ weightKg: 71.8 }]);
    expect(result.rejected.map((item) => item.path)).toEqual(["weight[1]", "body_fat[0]"]);
    expect(result.rejected[1]!.reason).toBe("bodyFatPercent 184 % is outside the plausible range 0 to 100 %");
  });
});
