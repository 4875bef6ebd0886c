import { describe, expect, it } from "vitest";
import { decodePolyline } from "@/lib/geo/polyline";
import { connectActivitySchema, sleepDataSchema, weightRangeSchema } from "./schemas";
import {
  transformConnectActivity,
  transformConnectDaily,
  transformConnectSleep,
  transformConnectWeighIn,
} from "./transform";

// Shapes as Connect's activity list, daily summary, dailySleepData and weight range send them
// (garmin.md B4, garth's dataclasses).

describe("Garmin Connect transforms", () => {
  it("reads an activity-list item: UTC start from startTimeGMT, the local offset, the type, the route", () => {
    const item = connectActivitySchema.parse({
      activityId: 21482825013,
      activityName: "Morning Trail",
      startTimeLocal: "2026-01-08 08:10:21",
      startTimeGMT: "2026-01-08 14:10:21",
      beginTimestamp: 1767881421000,
      activityType: { typeId: 6, typeKey: "trail_running" },
      distance: 4261.19,
      duration: 2223.33,
      movingDuration: 2100,
      averageHR: 142.0,
      calories: 390.0,
      manufacturer: "GARMIN",
    });
    const record = transformConnectActivity(item, [
      { lat: 47.37, lon: 8.54 },
      { lat: 47.38, lon: 8.55 },
    ]);
    expect(record).toMatchObject({
      externalId: "21482825013",
      type: "trail_run",
      providerType: "trail_running",
      startAt: new Date("2026-01-08T14:10:21Z"),
      utcOffsetSeconds: -6 * 3600,
      distanceM: 4261.19,
      movingTimeS: 2100,
      avgHeartRateBpm: 142,
      energyKcal: 390,
    });
    expect(decodePolyline(record.polyline!)).toEqual([
      [47.37, 8.54],
      [47.38, 8.55],
    ]);
  });

  it("keeps an unknown typeKey as other, with Garmin's own word beside it", () => {
    const item = connectActivitySchema.parse({
      activityId: 1,
      startTimeGMT: "2026-01-08 14:10:21",
      activityType: { typeKey: "disc_golf" },
    });
    expect(transformConnectActivity(item)).toMatchObject({ type: "other", providerType: "disc_golf", polyline: null });
  });

  it("drops Garmin's negative 'not enough data' stress codes from a daily summary", () => {
    const record = transformConnectDaily(
      { calendarDate: "2026-01-08", totalSteps: 9000, averageStressLevel: -1 },
      "2026-01-08",
    );
    expect(record).toMatchObject({ localDate: "2026-01-08", steps: 9000, stressAvg: null });
  });

  it("reads a night from the GMT timestamps and the sleep levels, never the shifted local ones", () => {
    const data = sleepDataSchema.parse({
      dailySleepDTO: {
        id: 1767830000000,
        calendarDate: "2026-01-08",
        sleepTimeSeconds: 25200,
        sleepStartTimestampGMT: Date.parse("2026-01-07T22:00:00Z"),
        sleepEndTimestampGMT: Date.parse("2026-01-08T06:00:00Z"),
        // China accounts see these shifted twice (garmin.md B5); they must not be read.
        sleepStartTimestampLocal: Date.parse("2026-01-08T14:00:00Z"),
        deepSleepSeconds: 5400,
        sleepScores: { overall: { value: 81, qualifierKey: "GOOD" } },
      },
      sleepLevels: [
        { startGMT: "2026-01-07T22:00:00.0", endGMT: "2026-01-07T23:00:00.0", activityLevel: 1 },
        { startGMT: "2026-01-07T23:00:00.0", endGMT: "2026-01-08T00:30:00.0", activityLevel: 0 },
      ],
    });
    expect(transformConnectSleep(data)).toMatchObject({
      startAt: new Date("2026-01-07T22:00:00Z"),
      endAt: new Date("2026-01-08T06:00:00Z"),
      inBedS: 8 * 3600,
      asleepS: 25200,
      score: 81,
      stages: [
        { stage: "light", startAt: "2026-01-07T22:00:00.000Z", endAt: "2026-01-07T23:00:00.000Z" },
        { stage: "deep", startAt: "2026-01-07T23:00:00.000Z", endAt: "2026-01-08T00:30:00.000Z" },
      ],
    });
    expect(
      transformConnectSleep(sleepDataSchema.parse({ dailySleepDTO: { calendarDate: "2026-01-09" } })),
    ).toBeUndefined();
  });

  it("converts weigh-ins from grams", () => {
    const [weighIn] = weightRangeSchema.parse({
      dateWeightList: [
        { samplePk: 1, date: 1767855600000, weight: 71234, bmi: 22.4, bodyFat: 17.1, muscleMass: 32100 },
      ],
    }).dateWeightList!;
    expect(transformConnectWeighIn(weighIn!)).toMatchObject({
      weightKg: 71.234,
      muscleMassKg: 32.1,
      bodyFatPercent: 17.1,
    });
  });
});
