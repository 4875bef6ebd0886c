import type { BodyFields } from "./collect";

/** One number in a row, stored as a sample of `metric` in `unit` (SI, as the database keeps it). */
export interface SeriesValue {
  field: string;
  metric: string;
  unit: string;
  convert?: (value: number) => number;
  isSigned?: boolean;
  // Bucketed rows (resolution set to N minutes) carry these instead of `field`: avg is the value.
  bucket?: readonly [avg: string, min: string, max: string];
}

export interface SeriesSpec {
  isInterval: boolean;
  values: SeriesValue[];
  // Words describing the reading (not numbers) that are kept in the sample's meta.
  describedBy?: string[];
}

const BUCKET = ["avg", "min", "max"] as const;
// Power to energy per day: 1 W = 86 400 J/day, 4 184 J/kcal.
const wattsToKcalPerDay = (watts: number) => (watts * 86_400) / 4_184;
const gramsToKg = (grams: number) => grams / 1000;

const instant = (values: SeriesValue[], describedBy?: string[]): SeriesSpec => ({
  isInterval: false,
  values,
  describedBy,
});
const interval = (values: SeriesValue[], describedBy?: string[]): SeriesSpec => ({
  isInterval: true,
  values,
  describedBy,
});
const one = (field: string, metric: string, unit: string, extra: Partial<SeriesValue> = {}): SeriesValue => ({
  field,
  metric,
  unit,
  ...extra,
});
const nutrient = (name: string) => one(`${name}_grams`, `dietary_${name}`, "kg", { convert: gramsToKg });

/** Arrays whose rows become samples, keyed by the payload's array name. Metric names and unit
 * spellings match the Health Auto Export parser's where the quantity is the same. */
export const SERIES: Record<string, SeriesSpec> = {
  // Daily totals per device-local day: start_time is local midnight, end_time the read time.
  steps: interval([one("count", "step_count", "count")]),
  distance: interval([one("meters", "distance", "m")]),
  active_calories: interval([one("calories", "active_energy", "kcal")]),
  total_calories: interval([one("calories", "total_energy", "kcal")]),
  hydration: interval([one("liters", "hydration", "L")]),
  nutrition: interval(
    [
      one("calories", "dietary_energy", "kcal"),
      ...["protein", "carbs", "fat", "sugar", "sodium", "dietary_fiber"].map(nutrient),
    ],
    ["name"],
  ),
  heart_rate: instant([one("bpm", "heart_rate", "bpm", { bucket: BUCKET })]),
  // Health Connect stores RMSSD; Apple exports SDNN. Separate metrics so the two never share a series.
  heart_rate_variability: instant([one("rmssd_millis", "hrv_rmssd", "ms", { bucket: BUCKET })]),
  resting_heart_rate: instant([one("bpm", "resting_heart_rate", "bpm")]),
  oxygen_saturation: instant([one("percentage", "blood_oxygen_saturation", "%", { bucket: BUCKET })]),
  respiratory_rate: instant([one("rate", "respiratory_rate", "count/min", { bucket: BUCKET })]),
  blood_pressure: instant([
    one("systolic", "blood_pressure_systolic", "mmHg"),
    one("diastolic", "blood_pressure_diastolic", "mmHg"),
  ]),
  blood_glucose: instant([one("mmol_per_liter", "blood_glucose", "mmol/L")]),
  body_temperature: instant([one("celsius", "body_temperature", "degC")]),
  basal_body_temperature: instant([one("celsius", "basal_body_temperature", "degC")], ["measurement_location"]),
  skin_temperature: instant(
    [
      one("delta_celsius", "skin_temperature_delta", "degC", {
        isSigned: true,
        bucket: ["avg_delta_celsius", "min_delta_celsius", "max_delta_celsius"],
      }),
      one("baseline_celsius", "skin_temperature_baseline", "degC"),
    ],
    ["measurement_location"],
  ),
  height: instant([one("meters", "height", "m")]),
  lean_body_mass: instant([one("kilograms", "lean_body_mass", "kg")]),
  body_water_mass: instant([one("kilograms", "body_water_mass", "kg")]),
  bone_mass: instant([one("kilograms", "bone_mass", "kg")]),
  // Derived by the app from the weight and the height nearest in time; not a weigh-in of its own.
  bmi: instant([one("value", "body_mass_index", "kg/m2")]),
  vo2_max: instant([one("ml_per_kg_per_min", "vo2_max", "mL/(kg·min)")]),
  basal_metabolic_rate: instant([one("watts", "basal_metabolic_rate", "kcal/day", { convert: wattsToKcalPerDay })]),
};

/** Arrays whose rows become body measurements, with the column each fills. */
export const BODY: Record<string, { field: string; column: keyof BodyFields }> = {
  weight: { field: "kilograms", column: "weightKg" },
  body_fat: { field: "percentage", column: "bodyFatPercent" },
};

/** Every field a spec reads, for its row schema. */
export const seriesFields = (spec: SeriesSpec) =>
  spec.values.flatMap((value) => [
    { name: value.field, isSigned: value.isSigned },
    ...(value.bucket ?? []).map((name) => ({ name, isSigned: value.isSigned })),
  ]);
