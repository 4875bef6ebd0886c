import { describe, expect, it } from "vitest";
import {
  bodyFatPointSchema,
  dailyRollUpResponseSchema,
  exercisePointSchema,
  heartRatePointSchema,
  heightPointSchema,
  hrvPointSchema,
  listResponseSchema,
  restingHeartRatePointSchema,
  sleepPointSchema,
  weightPointSchema,
} from "./schemas";
import { isOwnPoint } from "./sync-streams";
import {
  exerciseActivityType,
  transformBody,
  transformExercise,
  transformHeartRate,
  transformHeight,
  transformHrv,
  transformRestingHeartRate,
  transformRollup,
  transformSleep,
} from "./transform";

// Fixtures in the documented shapes (shared/providers/google-health.md §6).
const exerciseList = {
  dataPoints: [
    {
      name: "users/me/dataTypes/exercise/dataPoints/7300112233445566778",
      dataSource: {
        platform: "FITBIT",
        recordingMethod: "ACTIVELY_MEASURED",
        device: { formFactor: "WATCH", manufacturer: "Google" },
      },
      exercise: {
        exerciseType: "RUNNING",
        displayName: "Run",
        interval: {
          startTime: "2026-11-18T06:02:10Z",
          startUtcOffset: "3600s",
          endTime: "2026-11-18T06:48:40Z",
          endUtcOffset: "3600s",
          civilStartTime: { date: { year: 2026, month: 11, day: 18 }, time: { hours: 7, minutes: 2, seconds: 10 } },
          civilEndTime: { date: { year: 2026, month: 11, day: 18 }, time: { hours: 7, minutes: 48, seconds: 40 } },
        },
        activeDuration: "2712s",
        metricsSummary: {
          caloriesKcal: 512.4,
          distanceMillimeters: 8040000,
          steps: "7150",
          averageHeartRateBeatsPerMinute: "151",
          averagePaceSecondsPerMeter: 0.337,
          elevationGainMillimeters: 41000,
          activeZoneMinutes: "58",
          heartRateZoneDurations: { lightTime: "180s", moderateTime: "960s", vigorousTime: "1500s", peakTime: "72s" },
        },
        exerciseMetadata: { hasGps: true },
        createTime: "2026-11-18T06:55:02.118Z",
        updateTime: "2026-11-18T06:55:02.118Z",
      },
    },
  ],
  nextPageToken: "",
};

const sleepPoint = {
  name: "users/1120349876543210987/dataTypes/sleep/dataPoints/5f0c2a9e-1b7d-4c1e-9d2a-0c8b7e6f5a41",
  dataSource: { platform: "FITBIT", recordingMethod: "PASSIVELY_MEASURED" },
  sleep: {
    type: "STAGES",
    interval: {
      startTime: "2026-11-17T22:41:00Z",
      startUtcOffset: "3600s",
      endTime: "2026-11-18T05:52:30Z",
      endUtcOffset: "3600s",
    },
    stages: [
      {
        type: "LIGHT",
        startTime: "2026-11-17T22:41:00Z",
        endTime: "2026-11-17T23:05:30Z",
        startUtcOffset: "3600s",
        endUtcOffset: "3600s",
      },
    ],
    summary: {
      minutesInSleepPeriod: "431",
      minutesAsleep: "392",
      minutesAwake: "39",
      stagesSummary: [
        { type: "LIGHT", minutes: "221", count: "27" },
        { type: "DEEP", minutes: "78", count: "5" },
        { type: "REM", minutes: "93", count: "6" },
        { type: "AWAKE", minutes: "39", count: "26" },
      ],
    },
    metadata: { nap: false, processed: true, stagesStatus: "SUCCEEDED" },
  },
};

describe("Google Health exercise → activity", () => {
  const [point] = listResponseSchema(exercisePointSchema).parse(exerciseList).dataPoints;
  const record = transformExercise(point!);

  it("converts millimetres to metres and keeps the offset, duration strings and int64 strings", () => {
    expect(record).toMatchObject({
      externalId: "7300112233445566778",
      type: "run",
      providerType: "RUNNING",
      name: "Run",
      startAt: new Date("2026-11-18T06:02:10Z"),
      utcOffsetSeconds: 3600,
      durationS: 2790,
      movingTimeS: 2712,
      distanceM: 8040,
      elevationGainM: 41,
      energyKcal: 512.4,
      avgHeartRateBpm: 151,
      maxHeartRateBpm: null,
    });
    expect(record.avgSpeedMps).toBeCloseTo(2.967, 3); // 1 / 0.337 s per metre
    expect(record.raw).toMatchObject({ exercise: { metricsSummary: { steps: "7150" } } });
  });

  it("leaves a missing distance unknown rather than zero", () => {
    const bare = exercisePointSchema.parse({
      ...exerciseList.dataPoints[0],
      exercise: { ...exerciseList.dataPoints[0]!.exercise, metricsSummary: { caloriesKcal: 80 } },
    });
    expect(transformExercise(bare)).toMatchObject({
      distanceM: null,
      elevationGainM: null,
      avgSpeedMps: null,
      energyKcal: 80,
    });
  });

  it.each([
    ["RUNNING", "Treadmill run", "treadmill_run"],
    ["RUNNING", "Morning Ride", "run"],
    ["OTHER", "Treadmill", "treadmill_run"],
    ["OTHER", "Elliptical", "elliptical"],
    ["WORKOUT", "Spinning", "ride"],
    ["BIKING", "Bike", "ride"],
    ["WEIGHTLIFTING", "Weights", "strength"],
    ["PILATES", "Pilates", "yoga"],
    ["SOME_NEW_TYPE", "Sauna", "other"],
    [undefined, undefined, "other"],
  ])("maps %s %j to %s", (exerciseType, displayName, expected) => {
    expect(exerciseActivityType(exerciseType, displayName)).toBe(expected);
  });

  it("rejects a point without a data point name", () => {
    const result = listResponseSchema(exercisePointSchema).safeParse({
      dataPoints: [{ ...exerciseList.dataPoints[0], name: "" }],
    });
    expect(result.error?.issues[0]?.path).toEqual(["dataPoints", 0, "name"]);
  });
});

describe("Google Health sleep → sleep session", () => {
  it("dates the night by its local wake-up day and reads minutes as seconds", () => {
    const record = transformSleep(sleepPointSchema.parse(sleepPoint));
    expect(record).toMatchObject({
      externalId: "5f0c2a9e-1b7d-4c1e-9d2a-0c8b7e6f5a41",
      startAt: new Date("2026-11-17T22:41:00Z"),
      endAt: new Date("2026-11-18T05:52:30Z"),
      utcOffsetSeconds: 3600,
      localDate: "2026-11-18",
      inBedS: 431 * 60,
      asleepS: 392 * 60,
      lightS: 221 * 60,
      deepS: 78 * 60,
      remS: 93 * 60,
      awakeS: 39 * 60,
      stages: [{ stage: "light", startAt: "2026-11-17T22:41:00.000Z", endAt: "2026-11-17T23:05:30.000Z" }],
    });
  });

  it("takes the local date from the end offset when the civil fields are absent (a night ending after UTC midnight)", () => {
    const west = {
      ...sleepPoint,
      sleep: {
        ...sleepPoint.sleep,
        interval: {
          startTime: "2026-11-18T04:10:00Z",
          startUtcOffset: "-25200s",
          endTime: "2026-11-18T06:40:00Z",
          endUtcOffset: "-25200s",
        },
      },
    };
    expect(transformSleep(sleepPointSchema.parse(west)).localDate).toBe("2026-11-17");
    const east = {
      ...west,
      sleep: {
        ...west.sleep,
        interval: { ...west.sleep.interval, civilEndTime: { date: { year: 2026, month: 11, day: 19 } } },
      },
    };
    expect(transformSleep(sleepPointSchema.parse(east)).localDate).toBe("2026-11-19");
  });
});

describe("Google Health dailies → daily rows", () => {
  it("reads a dailyRollUp bucket into the day's column only, with raw keyed by stream", () => {
    const body = dailyRollUpResponseSchema.parse({
      rollupDataPoints: [
        {
          civilStartTime: { date: { year: 2026, month: 11, day: 18 } },
          civilEndTime: { date: { year: 2026, month: 11, day: 19 } },
          steps: { countSum: "11482" },
        },
        { civilStartTime: { date: { year: 2026, month: 11, day: 18 } }, distance: { millimetersSum: "8950000" } },
        { civilStartTime: { date: { year: 2026, month: 11, day: 19 } }, steps: {} },
        { civilStartTime: { date: { year: 2026, month: 11, day: 20 } } },
      ],
    });
    const [steps, distance, zero, empty] = body.rollupDataPoints.map(transformRollup);
    expect(steps).toEqual({ localDate: "2026-11-18", steps: 11482, raw: { steps: body.rollupDataPoints[0] } });
    expect(distance).toMatchObject({ localDate: "2026-11-18", distanceM: 8950 });
    expect(distance).not.toHaveProperty("steps");
    expect(zero).toMatchObject({ localDate: "2026-11-19", steps: 0 });
    expect(empty).toBeNull();
  });

  it("reads resting heart rate (an int64 string) and HRV by their civil date", () => {
    const resting = restingHeartRatePointSchema.parse({
      dailyRestingHeartRate: {
        date: { year: 2026, month: 11, day: 18 },
        beatsPerMinute: "54",
        dailyRestingHeartRateMetadata: { calculationMethod: "WITH_SLEEP" },
      },
    });
    expect(transformRestingHeartRate(resting)).toMatchObject({
      localDate: "2026-11-18",
      restingHeartRateBpm: 54,
      raw: { restingHeartRate: resting },
    });
    const hrv = hrvPointSchema.parse({
      dailyHeartRateVariability: {
        date: { year: 2026, month: 11, day: 18 },
        averageHeartRateVariabilityMilliseconds: 46.7,
        deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds: 52.1,
      },
    });
    expect(transformHrv(hrv)).toMatchObject({ localDate: "2026-11-18", hrvMs: 46.7 });
    expect(
      transformHrv(
        hrvPointSchema.parse({ dailyHeartRateVariability: { date: { year: 2026, month: 11, day: 18 }, entropy: 2.1 } }),
      ),
    ).toBeNull();
  });

  it("refuses a resting heart rate without its value", () => {
    expect(
      restingHeartRatePointSchema.safeParse({ dailyRestingHeartRate: { date: { year: 2026, month: 11, day: 18 } } })
        .success,
    ).toBe(false);
  });
});

describe("Google Health weight and body fat → body rows", () => {
  it("converts grams to kilograms and joins the two types by instant", () => {
    const weight = weightPointSchema.parse({
      name: "users/me/dataTypes/weight/dataPoints/w-8c1f",
      weight: { weightGrams: 71350.0, sampleTime: { physicalTime: "2026-11-18T06:10:00Z", utcOffset: "3600s" } },
    });
    const alone = weightPointSchema.parse({
      weight: { weightGrams: 71800, sampleTime: { physicalTime: "2026-11-15T06:12:00Z", utcOffset: "3600s" } },
    });
    const fat = bodyFatPointSchema.parse({
      bodyFat: { percentage: 18.4, sampleTime: { physicalTime: "2026-11-18T06:10:00Z", utcOffset: "3600s" } },
    });
    const rows = transformBody([weight, alone], [fat]);
    expect(rows).toEqual([
      {
        measuredAt: new Date("2026-11-15T06:12:00Z"),
        externalId: null,
        weightKg: 71.8,
        bodyFatPercent: null,
        raw: { weight: alone },
      },
      {
        measuredAt: new Date("2026-11-18T06:10:00Z"),
        // The data point's id, whatever the {user} part of its name says.
        externalId: "w-8c1f",
        weightKg: 71.35,
        bodyFatPercent: 18.4,
        raw: { weight, bodyFat: fat },
      },
    ]);
  });
});

describe("Google Health height → a sample in metres", () => {
  it("reads the int64 millimetres Google sends as a string", () => {
    const point = heightPointSchema.parse({
      name: "users/1120349876543210987/dataTypes/height/dataPoints/h-1",
      height: { heightMillimeters: "1780", sampleTime: { physicalTime: "2019-03-02T08:00:00Z", utcOffset: "0s" } },
    });
    expect(transformHeight(point)).toEqual({
      metric: "height",
      time: new Date("2019-03-02T08:00:00Z"),
      value: 1.78,
      unit: "m",
      meta: null,
    });
    expect(
      heightPointSchema.safeParse({ height: { sampleTime: { physicalTime: "2019-03-02T08:00:00Z" } } }).success,
    ).toBe(false);
  });
});

// heart-rate list as the v4 reference shapes it (HeartRate: beatsPerMinute int64, sampleTime
// ObservationSampleTime, metadata HeartRateMetadata): no `name`, proto3 leaves out defaults.
const heartRateList = {
  dataPoints: [
    {
      dataSource: {
        platform: "FITBIT",
        recordingMethod: "ACTIVELY_MEASURED",
        device: { formFactor: "WATCH", manufacturer: "Google", displayName: "Pixel Watch 3" },
      },
      heartRate: {
        beatsPerMinute: "148",
        sampleTime: {
          physicalTime: "2026-11-18T06:30:05Z",
          utcOffset: "3600s",
          civilTime: { date: { year: 2026, month: 11, day: 18 }, time: { hours: 7, minutes: 30, seconds: 5 } },
        },
        metadata: { motionContext: "ACTIVE", sensorLocation: "WRIST" },
      },
    },
    {
      dataSource: { platform: "FITBIT", recordingMethod: "PASSIVELY_MEASURED" },
      heartRate: { beatsPerMinute: "57", sampleTime: { physicalTime: "2026-11-18T03:00:00Z", utcOffset: "3600s" } },
    },
    {
      dataSource: {
        platform: "HEALTH_CONNECT",
        recordingMethod: "ACTIVELY_MEASURED",
        application: { packageName: "com.strava" },
      },
      heartRate: {
        beatsPerMinute: "149",
        sampleTime: { physicalTime: "2026-11-18T06:30:05Z", utcOffset: "3600s" },
        metadata: { sensorLocation: "CHEST" },
      },
    },
  ],
  nextPageToken: "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA",
};

describe("Google Health heart-rate → samples", () => {
  const page = listResponseSchema(heartRatePointSchema).parse(heartRateList);

  it("reads each point as a bpm sample at its physical instant, keeping the sensor context", () => {
    expect(page.nextPageToken).toBe(heartRateList.nextPageToken);
    expect(page.dataPoints.filter(isOwnPoint).map(transformHeartRate)).toEqual([
      {
        metric: "heart_rate",
        time: new Date("2026-11-18T06:30:05Z"),
        value: 148,
        unit: "bpm",
        meta: { motionContext: "ACTIVE", sensorLocation: "WRIST" },
      },
      { metric: "heart_rate", time: new Date("2026-11-18T03:00:00Z"), value: 57, unit: "bpm", meta: null },
    ]);
  });

  it("leaves out what other apps wrote through Health Connect", () => {
    expect(page.dataPoints.map(isOwnPoint)).toEqual([true, true, false]);
  });

  it("accepts an empty page as {} and refuses a sample without its value or time", () => {
    expect(listResponseSchema(heartRatePointSchema).parse({})).toEqual({ dataPoints: [] });
    const [point] = heartRateList.dataPoints;
    expect(() => heartRatePointSchema.parse({ heartRate: { ...point!.heartRate, beatsPerMinute: undefined } })).toThrow(
      /beatsPerMinute/,
    );
    expect(() =>
      heartRatePointSchema.parse({ heartRate: { ...point!.heartRate, sampleTime: { physicalTime: "06:30" } } }),
    ).toThrow(/physicalTime/);
  });
});
