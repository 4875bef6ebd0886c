import { describe, expect, it } from "vitest";
import { parseHealthConnect } from "./parse";

const at = "2025-03-02T06:30:00Z";
const interval = { start_time: "2025-03-01T23:00:00Z", end_time: "2025-03-02T09:30:00Z" };

// Field names and units as SyncManager.buildJsonPayload writes each array.
const result = parseHealthConnect({
  timestamp: "2025-03-02T09:30:12Z",
  distance: [{ meters: 5420.25, ...interval }],
  active_calories: [{ calories: 312.5, ...interval }],
  total_calories: [{ calories: 2100, ...interval }],
  hydration: [{ liters: 0.5, start_time: "2025-03-02T08:30:00Z", end_time: "2025-03-02T08:31:00Z" }],
  nutrition: [
    {
      calories: 350,
      protein_grams: 25,
      sodium_grams: 0.8,
      name: "Oatmeal",
      start_time: "2025-03-02T07:30:00Z",
      end_time: "2025-03-02T07:31:00Z",
    },
  ],
  resting_heart_rate: [{ bpm: 52, time: at }],
  heart_rate_variability: [{ rmssd_millis: 42.5, time: at }],
  oxygen_saturation: [{ time: at, avg: 96.5, min: 94, max: 98 }],
  respiratory_rate: [{ rate: 14.5, time: at }],
  blood_pressure: [{ systolic: 121, diastolic: 79, time: at }],
  blood_glucose: [{ mmol_per_liter: 5.4, time: at }],
  body_temperature: [{ celsius: 36.6, time: at }],
  skin_temperature: [{ time: at, delta_celsius: -0.3, baseline_celsius: 33.9, measurement_location: "wrist" }],
  height: [{ meters: 1.78, time: at }],
  lean_body_mass: [{ kilograms: 61.5, time: at }],
  bmi: [{ value: 22.66, time: at, weight_kg: 71.8, height_meters: 1.78 }],
  vo2_max: [{ ml_per_kg_per_min: 48.2, time: at }],
  basal_metabolic_rate: [{ watts: 85, time: at }],
});
const samples = result.batches[0]!.records.samples!;
const find = (metric: string) => samples.find((sample) => sample.metric === metric);

describe("Health Connect samples", () => {
  it("stores every documented array without rejections, under one merged source", () => {
    expect(result.rejected).toEqual([]);
    expect(result.batches.map((batch) => batch.sourceId)).toEqual(["health-connect"]);
  });

  it("keeps interval amounts with their end: metres, kcal, litres, and nutrients in kg", () => {
    const end = new Date(interval.end_time);
    expect(find("distance")).toEqual({
      metric: "distance",
      time: new Date(interval.start_time),
      endTime: end,
      value: 5420.25,
      unit: "m",
      meta: null,
    });
    expect(find("active_energy")).toMatchObject({ value: 312.5, unit: "kcal", endTime: end });
    expect(find("total_energy")).toMatchObject({ value: 2100, unit: "kcal" });
    expect(find("hydration")).toMatchObject({ value: 0.5, unit: "L", endTime: new Date("2025-03-02T08:31:00Z") });
    expect(find("dietary_energy")).toMatchObject({ value: 350, unit: "kcal", meta: { name: "Oatmeal" } });
    expect(find("dietary_protein")).toMatchObject({ value: 0.025, unit: "kg" });
    expect(find("dietary_sodium")).toMatchObject({ value: 0.0008, unit: "kg" });
    expect(find("dietary_fat")).toBeUndefined();
  });

  it("keeps instant readings in their units, HRV named as the RMSSD it is", () => {
    const time = new Date(at);
    expect(find("resting_heart_rate")).toEqual({
      metric: "resting_heart_rate",
      time,
      value: 52,
      unit: "bpm",
      meta: null,
    });
    expect(find("hrv_rmssd")).toEqual({ metric: "hrv_rmssd", time, value: 42.5, unit: "ms", meta: null });
    expect(find("blood_oxygen_saturation")).toEqual({
      metric: "blood_oxygen_saturation",
      time,
      value: 96.5,
      unit: "%",
      meta: { min: 94, max: 98 },
    });
    expect(find("respiratory_rate")).toMatchObject({ value: 14.5, unit: "count/min" });
    expect(find("blood_glucose")).toMatchObject({ value: 5.4, unit: "mmol/L" });
    expect(find("body_temperature")).toMatchObject({ value: 36.6, unit: "degC" });
    expect(find("height")).toMatchObject({ value: 1.78, unit: "m" });
    expect(find("lean_body_mass")).toMatchObject({ value: 61.5, unit: "kg" });
    expect(find("body_mass_index")).toMatchObject({ value: 22.66, unit: "kg/m2" });
    expect(find("vo2_max")).toMatchObject({ value: 48.2, unit: "mL/(kg·min)" });
  });

  it("splits blood pressure into two metrics and keeps a negative skin-temperature delta", () => {
    expect([find("blood_pressure_systolic")?.value, find("blood_pressure_diastolic")?.value]).toEqual([121, 79]);
    expect(find("blood_pressure_systolic")?.unit).toBe("mmHg");
    expect(find("skin_temperature_delta")).toMatchObject({
      value: -0.3,
      unit: "degC",
      meta: { measurement_location: "wrist" },
    });
    expect(find("skin_temperature_baseline")).toMatchObject({ value: 33.9, unit: "degC" });
  });

  it("converts basal metabolic rate from watts to kcal per day", () => {
    expect(find("basal_metabolic_rate")?.unit).toBe("kcal/day");
    expect(find("basal_metabolic_rate")?.value).toBeCloseTo(1755.26, 2);
  });
});
