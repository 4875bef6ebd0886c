// The phone's unit settings decide what HAE writes ("mi" or "km", "kJ" or "kcal", "degF" …);
// everything is stored in SI (or the unit the column names), so each quantity passes through here.

export type Dimension =
  | "length"
  | "mass"
  | "energy"
  | "temperature"
  | "speed"
  | "frequency"
  | "duration"
  | "percent"
  | "count"
  | "pressure"
  | "vo2"
  | "glucose"
  | "bmi";

// Factors to the dimension's base unit (the first one named in each comment).
const FACTORS: Record<Exclude<Dimension, "temperature">, Record<string, number>> = {
  // m
  length: { m: 1, km: 1000, mi: 1609.344, ft: 0.3048, yd: 0.9144, in: 0.0254, cm: 0.01, mm: 0.001 },
  // kg
  mass: { kg: 1, g: 0.001, lb: 0.45359237, lbs: 0.45359237, oz: 0.028349523125, st: 6.35029318 },
  // kcal; HealthKit's "Cal" is the food calorie, i.e. a kcal, while "cal" is a real calorie.
  energy: { kcal: 1, Cal: 1, kJ: 1 / 4.184, cal: 0.001, J: 1 / 4184 },
  // m/s; HAE spells speeds "mi/hr", "mph", "km/hr" and "kmph" depending on where they appear.
  speed: {
    "m/s": 1,
    "km/hr": 1 / 3.6,
    "km/h": 1 / 3.6,
    kmph: 1 / 3.6,
    kph: 1 / 3.6,
    "mi/hr": 0.44704,
    mph: 0.44704,
    "ft/s": 0.3048,
  },
  // per minute; heart rate arrives as "count/min" or "bpm" depending on the app version.
  frequency: {
    "count/min": 1,
    bpm: 1,
    "/min": 1,
    "beats/min": 1,
    "breaths/min": 1,
    "count/s": 60,
    Hz: 60,
    "count/hr": 1 / 60,
  },
  // s
  duration: { s: 1, sec: 1, ms: 0.001, min: 60, hr: 3600, h: 3600, d: 86400, day: 86400 },
  percent: { "%": 1 },
  count: { count: 1, "": 1 },
  // mmHg
  pressure: { mmHg: 1, kPa: 7.500615758456564, cmHg: 10 },
  // mL/(kg·min); the middle dot and the order vary between app versions.
  vo2: {
    "mL/(kg·min)": 1,
    "ml/(kg·min)": 1,
    "mL/min·kg": 1,
    "ml/min·kg": 1,
    "mL/kg·min": 1,
    "ml/kg/min": 1,
    "mL/(kg*min)": 1,
  },
  // mmol/L
  glucose: { "mmol/L": 1, "mmol<180.1558800000541>/L": 1, "mg/dL": 1 / 18.01558800000541 },
  // kg/m²; HealthKit has no BMI unit, so HAE labels it "count".
  bmi: { "kg/m2": 1, "kg/m²": 1, count: 1, "": 1 },
};

const TEMPERATURE: Record<string, (value: number) => number> = {
  degC: (value) => value,
  "°C": (value) => value,
  C: (value) => value,
  degF: (value) => ((value - 32) * 5) / 9,
  "°F": (value) => ((value - 32) * 5) / 9,
  F: (value) => ((value - 32) * 5) / 9,
  K: (value) => value - 273.15,
};

/** The unit each dimension is stored in. */
export const BASE_UNITS: Record<Dimension, string> = {
  length: "m",
  mass: "kg",
  energy: "kcal",
  temperature: "degC",
  speed: "m/s",
  frequency: "count/min",
  duration: "s",
  percent: "%",
  count: "count",
  pressure: "mmHg",
  vo2: "mL/(kg·min)",
  glucose: "mmol/L",
  bmi: "kg/m2",
};

/** `value` in `unit` converted to the dimension's base unit; null when the unit is not one of the dimension's. */
export function toBase(dimension: Dimension, value: number, unit: string): number | null {
  const key = unit.trim();
  if (dimension === "temperature") return TEMPERATURE[key]?.(value) ?? null;
  const factor = FACTORS[dimension][key];
  return factor === undefined ? null : value * factor;
}

/** Converts to `target` (which must be one of the dimension's units), e.g. HRV kept in "ms". */
export function convert(
  dimension: Exclude<Dimension, "temperature">,
  value: number,
  unit: string,
  target: string,
): number | null {
  // Same unit: no round trip through the base, so 48.2 ms stays exactly 48.2.
  if (unit.trim() === target && FACTORS[dimension][target] !== undefined) return value;
  const base = toBase(dimension, value, unit);
  const factor = FACTORS[dimension][target];
  return base === null || factor === undefined ? null : base / factor;
}
