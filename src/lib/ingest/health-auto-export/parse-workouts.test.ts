import { describe, expect, it } from "vitest";
import { parseHealthAutoExport } from "./parse";
import { v1WorkoutId } from "./workouts";

const v2 = {
  id: "3F2B6C1A-9D4E-4B7A-8E21-7C0D5A9B1E44",
  name: "Running",
  start: "2025-03-02 07:00:05 +0100",
  end: "2025-03-02 07:41:50 +0100",
  duration: 2505.3,
  location: "Outdoor",
  isIndoor: false,
  distance: { qty: 7.42, units: "km" },
  activeEnergyBurned: { qty: 512.7, units: "kcal" },
  elevationUp: { qty: 41, units: "m" },
  heartRate: { min: { qty: 102, units: "bpm" }, avg: { qty: 151, units: "bpm" }, max: { qty: 173, units: "bpm" } },
  avgSpeed: { qty: 10.8, units: "km/hr" },
  activeEnergy: [{ date: "2025-03-02 07:01:00 +0100", qty: 12.1, units: "kcal", source: "Ana's Apple Watch" }],
  heartRateData: [
    { date: "2025-03-02 07:01:00 +0100", Min: 102, Avg: 118, Max: 131, units: "bpm", source: "Ana's Apple Watch" },
  ],
  heartRateRecovery: [
    {
      date: "2025-03-02 07:42:50 +0100",
      Min: 140,
      Avg: 140,
      Max: 140,
      units: "count/min",
      source: "Ana's Apple Watch",
    },
  ],
  route: [
    { latitude: 38.5, longitude: -120.2, altitude: 519.4, speed: 2.95, timestamp: "2025-03-02 07:00:06 +0100" },
    { latitude: 40.7, longitude: -120.95, altitude: 520, speed: 2.9, timestamp: "2025-03-02 07:00:07 +0100" },
    { latitude: 43.252, longitude: -126.453, altitude: 521, speed: 2.9, timestamp: "2025-03-02 07:00:08 +0100" },
  ],
  metadata: {},
};

// Legacy v1 with imperial units: no id, no duration, lat/lon route, elevation object, qty heart-rate points.
const v1 = {
  name: "Indoor Cycling",
  start: "2021-06-05 18:00:00 -0400",
  end: "2021-06-05 18:45:00 -0400",
  distance: { qty: 12.5, units: "mi" },
  activeEnergy: { qty: 1673.6, units: "kJ" },
  totalEnergy: { qty: 2000, units: "kJ" },
  elevation: { ascent: 328.084, descent: 300, units: "ft" },
  avgHeartRate: { qty: 140, units: "bpm" },
  maxHeartRate: { qty: 165, units: "bpm" },
  speed: { qty: 16.6667, units: "mph" },
  heartRateData: [{ date: "2021-06-05 18:10:00 -0400", qty: 138, units: "count/min" }],
  route: [{ lat: 38.5, lon: -120.2, altitude: 10, timestamp: "2021-06-05 18:00:01 -0400" }],
};

describe("parseHealthAutoExport: workouts", () => {
  it("maps a v2 workout: its id, our type, SI units, heart rate, route polyline, raw without series", () => {
    const parsed = parseHealthAutoExport({ data: { workouts: [v2] } });
    expect(parsed.rejected).toEqual([]);
    expect(parsed.batches).toHaveLength(1);
    const { activities, samples } = parsed.batches[0]!.records;
    expect(parsed.batches[0]!.sourceId).toBe("");
    const [activity] = activities!;
    expect(activity).toMatchObject({
      externalId: v2.id,
      type: "run",
      providerType: "Running",
      name: "Running",
      utcOffsetSeconds: 3600,
      durationS: 2505.3,
      distanceM: 7420,
      energyKcal: 512.7,
      elevationGainM: 41,
      avgHeartRateBpm: 151,
      maxHeartRateBpm: 173,
      maxSpeedMps: null,
      polyline: "_p~iF~ps|U_ulLnnqC_mqNvxq`@",
    });
    expect(activity!.startAt).toEqual(new Date("2025-03-02T06:00:05Z"));
    expect(activity!.avgSpeedMps).toBeCloseTo(3, 12);
    expect(activity!.raw).not.toHaveProperty("route");
    expect(activity!.raw).not.toHaveProperty("heartRateData");
    expect(activity!.raw).not.toHaveProperty("activeEnergy");
    expect(activity!.raw).toMatchObject({ id: v2.id, location: "Outdoor", distance: { qty: 7.42, units: "km" } });
    expect(samples).toEqual([
      {
        metric: "heart_rate",
        time: new Date("2025-03-02T06:01:00Z"),
        endTime: null,
        value: 118,
        unit: "bpm",
        meta: { workoutId: v2.id, min: 102, max: 131 },
      },
      {
        metric: "heart_rate",
        time: new Date("2025-03-02T06:42:50Z"),
        endTime: null,
        value: 140,
        unit: "bpm",
        meta: { workoutId: v2.id, min: 140, max: 140, recovery: true },
      },
    ]);
  });

  it("maps a v1 workout with imperial units and a stable hashed id", () => {
    const { activities, samples } = parseHealthAutoExport({ data: { workouts: [v1] } }).batches[0]!.records;
    const [activity] = activities!;
    expect(activity!.externalId).toBe(v1WorkoutId(v1));
    expect(activity!.externalId).toMatch(/^v1:[0-9a-f]{32}$/);
    expect(activity).toMatchObject({
      type: "virtual_ride",
      providerType: "Indoor Cycling",
      durationS: 2700,
      utcOffsetSeconds: -14400,
      avgHeartRateBpm: 140,
      maxHeartRateBpm: 165,
    });
    expect(activity!.distanceM).toBeCloseTo(20116.8, 9);
    expect(activity!.energyKcal).toBeCloseTo(400, 9);
    expect(activity!.elevationGainM).toBeCloseTo(100, 4);
    expect(activity!.avgSpeedMps).toBeCloseTo(7.450682, 6);
    expect(activity!.polyline).toBe("_p~iF~ps|U");
    expect(samples).toEqual([
      {
        metric: "heart_rate",
        time: new Date("2021-06-05T22:10:00Z"),
        endTime: null,
        value: 138,
        unit: "bpm",
        meta: { workoutId: activity!.externalId },
      },
    ]);
  });

  it("types indoor runs and open-water swims from location", () => {
    const typeOf = (extra: object) =>
      parseHealthAutoExport({ data: { workouts: [{ ...v2, ...extra }] } }).batches[0]!.records.activities![0]!.type;
    expect(typeOf({ isIndoor: true, location: "Indoor" })).toBe("treadmill_run");
    expect(typeOf({ name: "Swimming", location: "Open Water", isIndoor: undefined })).toBe("open_water_swim");
    expect(typeOf({ name: "Traditional Strength Training" })).toBe("strength");
    expect(typeOf({ name: "Underwater Basket Weaving" })).toBe("other");
  });

  it("treats heartRateData that lies wholly after the end as recovery (issue #60) and drops the wrong summaries", () => {
    const buggy = {
      ...v2,
      heartRateRecovery: undefined,
      heartRateData: [{ date: "2025-03-02 07:42:00 +0100", Min: 150, Avg: 150, Max: 150, units: "bpm" }],
    };
    const { activities, samples } = parseHealthAutoExport({ data: { workouts: [buggy] } }).batches[0]!.records;
    expect(activities![0]).toMatchObject({ avgHeartRateBpm: null, maxHeartRateBpm: null });
    expect(samples![0]!.meta).toEqual({ workoutId: v2.id, min: 150, max: 150, recovery: true });
  });

  it("rejects a workout with a bad date or unknown unit by path, keeping the others", () => {
    const parsed = parseHealthAutoExport({
      data: {
        workouts: [
          { ...v2, start: "yesterday" },
          { ...v2, id: "B", distance: { qty: 3, units: "leagues" } },
          { name: "Yoga" },
        ],
      },
    });
    expect(parsed.rejected).toEqual([
      { path: "data.workouts[0].start", reason: 'unparseable date "yesterday"' },
      { path: "data.workouts[1].distance", reason: 'unknown unit "leagues" for distance' },
      { path: "data.workouts[2]", reason: expect.stringMatching(/^start: /) },
    ]);
    expect(parsed.batches[0]!.records.activities).toEqual([
      expect.objectContaining({ externalId: "B", distanceM: null }),
    ]);
  });
});
