import type { BodyBucketRow, DailyBucketRow, HealthMetric } from "@/lib/db/queries/health-series";
import type { PushSourceSlug } from "@/lib/ingest/push-sources";
import type { DataType } from "@/lib/providers/types";
import type { UnitSystem } from "@/lib/format";

// The line charts of the Health page, top to bottom. Sleep has its own stacked bars.

type Line<Row> = { pick: (row: Row) => number | null; keySuffix?: string; labelSuffix?: string; isDashed?: boolean };

interface ChartSpec<Row> {
  id: string;
  title: string;
  /** What the empty state asks for: "to see HRV". */
  noun: string;
  /** Which metrics decide between "connect a source" and "nothing in this range". */
  metrics: HealthMetric[];
  /** Registry data types that fill it, and phone sources that can send it. */
  dataTypes: DataType[];
  pushSources: PushSourceSlug[];
  lines: Line<Row>[];
  includeZero?: boolean;
  /** Measured now and then rather than daily: join the points however far apart. */
  joinGaps?: boolean;
  /** The table's value column. */
  column: string;
  unit: (units: UnitSystem) => string;
  toDisplay?: (value: number, units: UnitSystem) => number;
  format: (displayed: number, units: UnitSystem) => string;
  /** Tick labels; round numbers by default. */
  tick?: (displayed: number) => string;
}

export type DailyChart = ChartSpec<DailyBucketRow> & { table: "daily" };
export type BodyChart = ChartSpec<BodyBucketRow> & { table: "body" };

const KG_PER_LB = 0.45359237;
// One formatter per precision, made once: toLocaleString with options builds a new one per call
// (about 14 µs), and a year of charts formats every point.
const roundFormats = new Map<number, Intl.NumberFormat>();
const round = (digits: number) => {
  let format = roundFormats.get(digits);
  if (!format)
    roundFormats.set(
      digits,
      (format = new Intl.NumberFormat("en", { maximumFractionDigits: digits, minimumFractionDigits: digits })),
    );
  return (value: number) => format.format(value);
};
const compact = new Intl.NumberFormat("en", { notation: "compact" });

export const LINE_CHARTS: Array<DailyChart | BodyChart> = [
  {
    table: "daily",
    id: "hrv",
    column: "HRV",
    title: "Heart rate variability",
    noun: "HRV",
    metrics: ["hrv"],
    dataTypes: ["hrv"],
    pushSources: ["apple_health"],
    lines: [{ pick: (row) => row.hrvMs }],
    unit: () => "ms",
    format: (value) => `${round(0)(value)} ms`,
  },
  {
    table: "daily",
    id: "resting-heart-rate",
    column: "Resting HR",
    title: "Resting heart rate",
    noun: "your resting heart rate",
    metrics: ["resting_heart_rate"],
    dataTypes: ["heart_rate"],
    pushSources: ["apple_health"],
    lines: [{ pick: (row) => row.restingHeartRateBpm }],
    unit: () => "bpm",
    format: (value) => `${round(0)(value)} bpm`,
  },
  {
    table: "daily",
    id: "readiness",
    column: "Score",
    title: "Readiness and recovery",
    noun: "readiness and recovery scores",
    metrics: ["readiness", "recovery"],
    dataTypes: ["readiness", "recovery"],
    pushSources: [],
    lines: [
      { pick: (row) => row.readinessScore, keySuffix: ":readiness", labelSuffix: " readiness" },
      { pick: (row) => row.recoveryScore, keySuffix: ":recovery", labelSuffix: " recovery", isDashed: true },
    ],
    unit: () => "score, 0–100",
    format: round(0),
    includeZero: true,
  },
  {
    table: "daily",
    id: "strain",
    column: "Strain",
    title: "Strain",
    noun: "strain",
    metrics: ["strain"],
    dataTypes: ["strain"],
    pushSources: [],
    lines: [{ pick: (row) => row.strain }],
    unit: () => "score",
    format: round(1),
    includeZero: true,
  },
  {
    table: "daily",
    id: "steps",
    column: "Steps",
    title: "Steps",
    noun: "steps",
    metrics: ["steps"],
    dataTypes: ["steps"],
    pushSources: ["apple_health"],
    lines: [{ pick: (row) => row.steps }],
    unit: () => "steps a day",
    format: round(0),
    tick: (value) => compact.format(value),
    includeZero: true,
  },
  {
    table: "body",
    id: "weight",
    column: "Weight",
    title: "Weight",
    noun: "your weight",
    metrics: ["weight"],
    dataTypes: ["weight"],
    pushSources: ["apple_health", "health_connect"],
    lines: [{ pick: (row) => row.weightKg }],
    joinGaps: true,
    unit: (units) => (units === "imperial" ? "lb" : "kg"),
    toDisplay: (kg, units) => (units === "imperial" ? kg / KG_PER_LB : kg),
    format: (value, units) => `${round(1)(value)} ${units === "imperial" ? "lb" : "kg"}`,
  },
  {
    table: "body",
    id: "bmi",
    column: "BMI",
    title: "Body mass index",
    noun: "your BMI",
    metrics: ["bmi"],
    dataTypes: ["weight"],
    pushSources: ["apple_health"],
    lines: [{ pick: (row) => row.bmi }],
    joinGaps: true,
    unit: () => "kg/m²",
    format: round(1),
  },
];
