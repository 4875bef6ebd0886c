import { BASE_UNITS, type Dimension } from "./units";

export interface MetricSpec {
  /** Our metric name in `samples.metric`. */
  metric: string;
  dimension: Dimension;
  /** Stored unit; the dimension's base unit unless the column convention differs (HRV in ms, heart rate in bpm). */
  unit: string;
  /** HealthKit percentages are fractions (0.97) in some exports and percents (97) in others. */
  fractionMayBePercent?: boolean;
}

const spec = (dimension: Dimension, unit = BASE_UNITS[dimension], extra: Partial<MetricSpec> = {}) => ({
  dimension,
  unit,
  ...extra,
});

// HAE metric names (snake_case already) → how their values are normalised. A name missing
// here is still stored, under its own name and unit, unconverted.
const CATALOG: Record<string, Omit<MetricSpec, "metric"> & { metric?: string }> = {
  heart_rate: spec("frequency", "bpm"),
  resting_heart_rate: spec("frequency", "bpm"),
  walking_heart_rate_average: spec("frequency", "bpm"),
  cardio_recovery: spec("frequency", "bpm"),
  heart_rate_variability: spec("duration", "ms"),
  respiratory_rate: spec("frequency"),
  step_count: spec("count"),
  flights_climbed: spec("count"),
  apple_stand_hour: spec("count"),
  push_count: spec("count"),
  swimming_stroke_count: spec("count"),
  active_energy: spec("energy"),
  basal_energy_burned: spec("energy", "kcal", { metric: "basal_energy" }),
  basal_energy: spec("energy"),
  dietary_energy: spec("energy"),
  walking_running_distance: spec("length"),
  cycling_distance: spec("length"),
  distance_cycling: spec("length", "m", { metric: "cycling_distance" }),
  swimming_distance: spec("length"),
  distance_swimming: spec("length", "m", { metric: "swimming_distance" }),
  wheelchair_distance: spec("length"),
  six_minute_walking_test_distance: spec("length"),
  walking_step_length: spec("length"),
  height: spec("length"),
  waist_circumference: spec("length"),
  weight_body_mass: spec("mass"),
  lean_body_mass: spec("mass"),
  body_fat_percentage: spec("percent", "%", { fractionMayBePercent: true }),
  blood_oxygen_saturation: spec("percent", "%", { fractionMayBePercent: true }),
  walking_asymmetry_percentage: spec("percent"),
  walking_double_support_percentage: spec("percent"),
  body_mass_index: spec("bmi"),
  vo2_max: spec("vo2"),
  apple_exercise_time: spec("duration"),
  apple_stand_time: spec("duration"),
  mindful_minutes: spec("duration"),
  time_in_daylight: spec("duration"),
  apple_sleeping_wrist_temperature: spec("temperature"),
  body_temperature: spec("temperature"),
  basal_body_temperature: spec("temperature"),
  walking_speed: spec("speed"),
  running_speed: spec("speed"),
  stair_speed_up: spec("speed"),
  stair_speed_down: spec("speed"),
  blood_glucose: spec("glucose"),
  blood_pressure: spec("pressure"),
};

export function metricSpec(name: string): MetricSpec | undefined {
  const entry = Object.hasOwn(CATALOG, name) ? CATALOG[name] : undefined;
  return entry ? { ...entry, metric: entry.metric ?? name } : undefined;
}

/** Metrics that also fill body_measurements, by their BodyRecord column. */
export const BODY_COLUMNS = {
  weight_body_mass: "weightKg",
  body_mass_index: "bmi",
  body_fat_percentage: "bodyFatPercent",
} as const;

/** Metrics that fill daily_summaries when the export is aggregated per day. */
export const DAILY_COLUMNS = {
  step_count: "steps",
  walking_running_distance: "distanceM",
  active_energy: "activeEnergyKcal",
  resting_heart_rate: "restingHeartRateBpm",
  heart_rate_variability: "hrvMs",
} as const;
