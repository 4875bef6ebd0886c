// What a human body (and a day) can produce, per normalized metric in the unit we store it in.
// Wide on purpose: a value outside is a glitch, a unit mix-up or a hostile body, never a record
// worth keeping, and it must not reach an integer column or a chart's axis.

export interface PlausibleRange {
  unit: string;
  min: number;
  max: number;
  isWhole?: boolean;
}

const DAY_S = 86_400;
const range = (unit: string, min: number, max: number, isWhole = false): PlausibleRange => ({
  unit,
  min,
  max,
  isWhole,
});

const HEART_RATE = range("bpm", 20, 300);
const HRV = range("ms", 0, 3_000);
const PERCENT = range("%", 0, 100);
const BODY_MASS = range("kg", 0.5, 700);
const BODY_TEMPERATURE = range("degC", 20, 45);
// Samples may be fractional (HealthKit splits a sample across buckets); the daily column is an integer.
const STEPS = range("count", 0, 250_000);
const DAY_ENERGY = range("kcal", 0, 40_000);
const DAY_DISTANCE = range("m", 0, 2_000_000);
const DAY_DURATION = range("s", 0, DAY_S);

/** Samples, by `samples.metric`; both phone apps and the providers use these names. */
export const SAMPLE_RANGES: Record<string, PlausibleRange> = {
  heart_rate: HEART_RATE,
  resting_heart_rate: HEART_RATE,
  walking_heart_rate_average: HEART_RATE,
  cardio_recovery: range("bpm", 0, 200),
  heart_rate_variability: HRV,
  hrv_rmssd: HRV,
  respiratory_rate: range("count/min", 1, 100),
  step_count: STEPS,
  flights_climbed: range("count", 0, 10_000),
  apple_stand_hour: range("count", 0, 24),
  push_count: STEPS,
  swimming_stroke_count: STEPS,
  active_energy: DAY_ENERGY,
  basal_energy: DAY_ENERGY,
  dietary_energy: range("kcal", 0, 50_000),
  total_energy: DAY_ENERGY,
  basal_metabolic_rate: range("kcal/day", 0, 10_000),
  walking_running_distance: DAY_DISTANCE,
  cycling_distance: DAY_DISTANCE,
  swimming_distance: range("m", 0, 100_000),
  wheelchair_distance: DAY_DISTANCE,
  distance: DAY_DISTANCE,
  six_minute_walking_test_distance: range("m", 0, 2_000),
  walking_step_length: range("m", 0, 3),
  height: range("m", 0.2, 3),
  waist_circumference: range("m", 0.1, 3),
  weight_body_mass: BODY_MASS,
  lean_body_mass: BODY_MASS,
  body_water_mass: BODY_MASS,
  bone_mass: range("kg", 0, 50),
  body_fat_percentage: PERCENT,
  blood_oxygen_saturation: PERCENT,
  walking_asymmetry_percentage: PERCENT,
  walking_double_support_percentage: PERCENT,
  body_mass_index: range("kg/m2", 5, 200),
  vo2_max: range("mL/(kg·min)", 5, 100),
  apple_exercise_time: DAY_DURATION,
  apple_stand_time: DAY_DURATION,
  mindful_minutes: DAY_DURATION,
  time_in_daylight: DAY_DURATION,
  sleep_analysis: range("s", 0, 2 * DAY_S),
  apple_sleeping_wrist_temperature: BODY_TEMPERATURE,
  body_temperature: BODY_TEMPERATURE,
  basal_body_temperature: BODY_TEMPERATURE,
  skin_temperature_baseline: BODY_TEMPERATURE,
  skin_temperature_delta: range("degC", -15, 15),
  walking_speed: range("m/s", 0, 10),
  running_speed: range("m/s", 0, 15),
  stair_speed_up: range("m/s", 0, 5),
  stair_speed_down: range("m/s", 0, 5),
  blood_glucose: range("mmol/L", 0.5, 60),
  blood_pressure_systolic: range("mmHg", 30, 300),
  blood_pressure_diastolic: range("mmHg", 10, 250),
  hydration: range("L", 0, 20),
};

// Sleep stages arrive as `sleep_<stage>` samples of one segment each.
const SLEEP_STAGE = range("s", 0, 2 * DAY_S);

/**
 * Any other sample (a metric we do not know, or a known one in another unit): only finite and
 * within what no personal measurement reaches.
 */
export const ANY_SAMPLE = range("", -1e9, 1e9);

/** The range for `metric` stored in `unit`; ANY_SAMPLE when we know no better. */
export function sampleRange(metric: string, unit: string): PlausibleRange {
  const known = Object.hasOwn(SAMPLE_RANGES, metric)
    ? SAMPLE_RANGES[metric]!
    : metric.startsWith("sleep_")
      ? SLEEP_STAGE
      : undefined;
  return known && known.unit === unit ? known : ANY_SAMPLE;
}

/** Columns of the other record tables, by column name (the same name means the same quantity in every table). */
export const COLUMN_RANGES: Record<string, PlausibleRange> = {
  durationS: range("s", 0, 30 * DAY_S),
  movingTimeS: range("s", 0, 30 * DAY_S),
  distanceM: range("m", 0, 10_000_000),
  elevationGainM: range("m", 0, 100_000),
  energyKcal: range("kcal", 0, 100_000),
  avgHeartRateBpm: HEART_RATE,
  maxHeartRateBpm: HEART_RATE,
  restingHeartRateBpm: HEART_RATE,
  avgPowerW: range("W", 0, 3_000),
  avgSpeedMps: range("m/s", 0, 300),
  maxSpeedMps: range("m/s", 0, 300),
  utcOffsetSeconds: range("s", -18 * 3_600, 18 * 3_600, true),
  inBedS: SLEEP_STAGE,
  asleepS: SLEEP_STAGE,
  deepS: SLEEP_STAGE,
  remS: SLEEP_STAGE,
  lightS: SLEEP_STAGE,
  awakeS: SLEEP_STAGE,
  efficiencyPercent: PERCENT,
  avgHrvMs: HRV,
  hrvMs: HRV,
  respiratoryRate: range("count/min", 1, 100),
  steps: range("count", 0, 250_000, true),
  activeEnergyKcal: DAY_ENERGY,
  totalEnergyKcal: DAY_ENERGY,
  weightKg: BODY_MASS,
  muscleMassKg: BODY_MASS,
  bmi: range("kg/m2", 5, 200),
  bodyFatPercent: PERCENT,
};
