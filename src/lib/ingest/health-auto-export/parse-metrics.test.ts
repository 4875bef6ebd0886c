import { describe, expect, it } from "vitest";
import { parseHealthAutoExport } from "./parse";
import { WATCH, dailyBody, imperialBody, metricsBody, recordsOf } from "./test-fixtures";

describe("parseHealthAutoExport: metrics", () => {
  it("turns every point into a sample under a snake_case name, grouped by source", () => {
    const parsed = parseHealthAutoExport(metricsBody);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.batches.map((batch) => batch.sourceId)).toEqual([
      "Ana's Apple Watch|Ana's iPhone",
      WATCH,
      "Withings",
      "Dexcom",
    ]);
    expect(recordsOf(parsed, "Ana's Apple Watch|Ana's iPhone").samples).toEqual([
      {
        metric: "step_count",
        time: new Date("2025-03-02T06:14:00Z"),
        endTime: null,
        value: 112,
        unit: "count",
        meta: null,
      },
    ]);
    const watch = recordsOf(parsed, WATCH).samples!;
    expect(watch).toContainEqual({
      metric: "heart_rate",
      time: new Date("2025-03-02T06:14:00Z"),
      endTime: null,
      value: 64.5,
      unit: "bpm",
      meta: { min: 61, max: 70 },
    });
    expect(watch).toContainEqual({
      metric: "heart_rate_variability",
      time: new Date("2025-03-02T02:41:12Z"),
      endTime: null,
      value: 48.2,
      unit: "ms",
      meta: null,
    });
    expect(watch).toContainEqual({
      metric: "blood_oxygen_saturation",
      time: new Date("2025-03-02T02:00:00Z"),
      endTime: null,
      value: 97,
      unit: "%",
      meta: null,
    });
  });

  it("splits blood pressure into systolic and diastolic samples in mmHg", () => {
    const samples = recordsOf(parseHealthAutoExport(metricsBody), "Withings").samples;
    expect(samples).toEqual([
      {
        metric: "blood_pressure_systolic",
        time: new Date("2025-03-02T07:05:00Z"),
        endTime: null,
        value: 118,
        unit: "mmHg",
        meta: null,
      },
      {
        metric: "blood_pressure_diastolic",
        time: new Date("2025-03-02T07:05:00Z"),
        endTime: null,
        value: 77,
        unit: "mmHg",
        meta: null,
      },
    ]);
  });

  it("keeps extra point fields in meta and converts glucose to mmol/L", () => {
    const [sample] = recordsOf(parseHealthAutoExport(metricsBody), "Dexcom").samples!;
    expect(sample).toMatchObject({ metric: "blood_glucose", unit: "mmol/L", meta: { mealTime: "Before Meal" } });
    expect(sample!.value).toBeCloseTo(4.995674, 6);
  });

  it("stores an unknown metric under its own name and unit, unconverted", () => {
    const watch = recordsOf(parseHealthAutoExport(metricsBody), WATCH).samples!;
    expect(watch).toContainEqual({
      metric: "mystery_index",
      time: new Date("2025-03-02T08:00:00Z"),
      endTime: null,
      value: 3.5,
      unit: "zorks",
      meta: null,
    });
  });

  it("converts imperial units and fills body measurements from one scale reading", () => {
    const parsed = parseHealthAutoExport(imperialBody);
    expect(parsed.rejected).toEqual([]);
    const scale = recordsOf(parsed, "Scale");
    const [measurement] = scale.bodyMeasurements!;
    expect(scale.bodyMeasurements).toHaveLength(1);
    expect(measurement!.measuredAt).toEqual(new Date("2024-06-01T14:00:00Z"));
    expect(measurement!.weightKg).toBeCloseTo(74.978819, 6);
    expect(measurement!.bmi).toBe(23.4);
    // 0.215 is HealthKit's fraction: stored as 21.5 %.
    expect(measurement!.bodyFatPercent).toBeCloseTo(21.5, 10);
    expect(scale.samples!.map((sample) => sample.metric)).toEqual([
      "weight_body_mass",
      "body_mass_index",
      "body_fat_percentage",
    ]);
    expect(recordsOf(parsed, "iPhone").samples).toEqual([
      {
        metric: "walking_running_distance",
        time: new Date("2024-06-01T19:00:00Z"),
        endTime: null,
        value: 3218.688,
        unit: "m",
        meta: null,
      },
    ]);
    const watch = recordsOf(parsed, "Watch").samples!;
    expect(watch[0]).toMatchObject({ metric: "apple_sleeping_wrist_temperature", unit: "degC" });
    expect(watch[0]!.value).toBeCloseTo(36, 10);
    expect(watch[1]).toMatchObject({ metric: "active_energy", unit: "kcal" });
    expect(watch[1]!.value).toBeCloseTo(10, 10);
    // Not aggregated per day: no daily summaries.
    expect(recordsOf(parsed, "iPhone").dailySummaries).toBeUndefined();
  });

  it("fills daily summaries only from a per-day export (points at local midnight)", () => {
    const records = recordsOf(parseHealthAutoExport(dailyBody), "iPhone");
    expect(records.dailySummaries).toEqual([
      {
        localDate: "2026-05-18",
        steps: 7369,
        activeEnergyKcal: 500,
        totalEnergyKcal: 2200,
        raw: { step_count: 7369.14, active_energy: 500, basal_energy: 1700 },
      },
      {
        localDate: "2026-05-19",
        steps: 9412,
        activeEnergyKcal: 610.5,
        totalEnergyKcal: 2320.5,
        raw: { step_count: 9412, active_energy: 610.5, basal_energy: 1710 },
      },
    ]);
    expect(records.samples).toHaveLength(6);
    expect(records.samples![4]).toMatchObject({
      metric: "basal_energy",
      time: new Date("2026-05-18T07:00:00Z"),
      value: 1700,
    });
  });

  it("follows the automation-aggregation header when the endpoint passes it", () => {
    const lone = {
      data: {
        metrics: [
          {
            name: "step_count",
            units: "count",
            data: [{ date: "2026-05-19 00:00:00 -0700", qty: 9412, source: "iPhone" }],
          },
        ],
      },
    };
    expect(recordsOf(parseHealthAutoExport(lone), "iPhone").dailySummaries).toBeUndefined();
    expect(recordsOf(parseHealthAutoExport(lone, { aggregation: "Days" }), "iPhone").dailySummaries).toEqual([
      { localDate: "2026-05-19", steps: 9412, raw: { step_count: 9412 } },
    ]);
    expect(
      recordsOf(parseHealthAutoExport(dailyBody, { aggregation: "minutes" }), "iPhone").dailySummaries,
    ).toBeUndefined();
  });

  it("rejects bad points with their path while the rest of the body parses", () => {
    const body = structuredClone(metricsBody) as {
      data: { metrics: Array<{ name: string; units: string; data: unknown[] }> };
    };
    body.data.metrics[0]!.data.push(
      { date: "2025-03-02T07:15:00", qty: 3 },
      { date: "2025-03-02 07:16:00 +0100", source: WATCH },
    );
    body.data.metrics[2]!.units = "furlongs";
    body.data.metrics.push({ units: "count", data: [] } as never);
    const parsed = parseHealthAutoExport(body);
    expect(parsed.rejected).toEqual([
      { path: "data.metrics[0].data[1]", reason: 'unparseable date "2025-03-02T07:15:00"' },
      { path: "data.metrics[0].data[2]", reason: "point without qty" },
      { path: "data.metrics[2].data[0]", reason: 'unknown unit "furlongs" for heart_rate_variability' },
      { path: "data.metrics[7]", reason: expect.stringMatching(/^name: /) },
    ]);
    expect(recordsOf(parsed, WATCH).samples!.map((sample) => sample.metric)).toEqual([
      "heart_rate",
      "blood_oxygen_saturation",
      "mystery_index",
    ]);
    expect(recordsOf(parsed, "Withings").samples).toHaveLength(2);
  });
});
