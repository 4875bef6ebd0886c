import { describe, expect, it } from "vitest";
import { implausibleRow, implausibleSample, sampleValueCheck, timeWindow, withoutImplausible } from "./plausibility";

const window = timeWindow(Date.parse("2026-03-02T12:00:00Z"));
const at = new Date("2026-03-02T07:00:00Z");

describe("plausibility", () => {
  it("refuses what no body produces, per metric in its stored unit", () => {
    expect(sampleValueCheck("heart_rate", "bpm")(-5)).toBe(
      "heart_rate -5 bpm is outside the plausible range 20 to 300 bpm",
    );
    expect(sampleValueCheck("heart_rate", "bpm")(61)).toBeNull();
    expect(sampleValueCheck("step_count", "count")(-1000)).toMatch(/outside/);
    expect(sampleValueCheck("step_count", "count")(3e9)).toMatch(/outside/);
    // HealthKit splits steps across buckets, so a sample may be fractional.
    expect(sampleValueCheck("step_count", "count")(12.5)).toBeNull();
    expect(sampleValueCheck("weight_body_mass", "kg")(-70)).toMatch(/outside/);
    expect(sampleValueCheck("weight_body_mass", "kg")(1e30)).toMatch(/outside/);
    expect(sampleValueCheck("blood_oxygen_saturation", "%")(101)).toMatch(/outside/);
    expect(sampleValueCheck("heart_rate", "bpm")(Number.NaN)).toMatch(/outside/);
  });

  it("holds a metric it does not know, or a known one in another unit, only to finite human-sized numbers", () => {
    expect(sampleValueCheck("dietary_caffeine", "mg")(95)).toBeNull();
    expect(sampleValueCheck("dietary_caffeine", "mg")(1e300)).toMatch(
      /outside the plausible range -1000000000 to 1000000000$/,
    );
    expect(sampleValueCheck("heart_rate", "count/s")(1.2)).toBeNull();
  });

  it("keeps dates between 1970 and tomorrow, and checks a bucket's min and max too", () => {
    const sample = {
      metric: "heart_rate",
      time: at,
      endTime: null,
      value: 61,
      unit: "bpm",
      meta: { min: 55, max: 70 },
    };
    expect(implausibleSample(sample, window)).toBeNull();
    expect(implausibleSample({ ...sample, time: new Date("0000-06-01T00:00:00Z") }, window)).toBe(
      "date 0000-06-01T00:00:00.000Z is before 1970",
    );
    expect(implausibleSample({ ...sample, time: new Date("2026-03-04T00:00:00Z") }, window)).toBe(
      "date 2026-03-04T00:00:00.000Z is after tomorrow",
    );
    expect(implausibleSample({ ...sample, meta: { min: -5, max: 70 } }, window)).toMatch(/heart_rate -5 bpm/);
  });

  it("checks the numeric columns of activities, days and body measurements", () => {
    expect(implausibleRow({ measuredAt: at, weightKg: -70 }, window)).toMatch(/weightKg -70 kg/);
    expect(implausibleRow({ localDate: "2026-03-01", steps: 8000.5 }, window)).toBe(
      "steps 8000.5 is not a whole number",
    );
    expect(implausibleRow({ localDate: "1900-06-01", steps: 8000 }, window)).toMatch(/before 1970/);
    expect(implausibleRow({ startAt: at, durationS: 1800, avgHeartRateBpm: 150, name: "Run" }, window)).toBeNull();
  });

  it("drops a provider page's implausible records and counts them", () => {
    const { batch, rejected } = withoutImplausible(
      {
        samples: [
          { metric: "heart_rate", time: at, value: 61, unit: "bpm" },
          { metric: "heart_rate", time: at, value: -1, unit: "bpm" },
        ],
        bodyMeasurements: [{ measuredAt: at, weightKg: 1e30 }],
      },
      window,
    );
    expect(rejected).toBe(2);
    expect(batch.samples).toHaveLength(1);
    expect(batch.bodyMeasurements).toEqual([]);
  });
});
