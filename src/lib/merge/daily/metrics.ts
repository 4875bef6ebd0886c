// The metrics merged per day, and which of them add up over a day (so hours from several
// sources may be pieced together) rather than being one reading (a resting heart rate).

export const DAILY_MERGE_METRICS = [
  "steps",
  "distance",
  "active_energy",
  "total_energy",
  "resting_heart_rate",
  "hrv",
  "readiness",
  "recovery",
  "strain",
  "stress",
  "sleep_score",
] as const;
export type DailyMergeMetric = (typeof DAILY_MERGE_METRICS)[number];

/** Sleep nights and weigh-ins are merged as rows (one primary, the rest copies), not as values. */
export const ROW_MERGE_METRICS = ["sleep", "weight"] as const;
export type RowMergeMetric = (typeof ROW_MERGE_METRICS)[number];

export const ORDERED_METRICS = [...DAILY_MERGE_METRICS, ...ROW_MERGE_METRICS] as const;
export type OrderedMetric = (typeof ORDERED_METRICS)[number];

/**
 * Intra-day samples that make up an additive daily metric, by their `samples.metric` names:
 * Health Auto Export and Health Connect name distance differently.
 */
export const SAMPLE_METRICS: Partial<Record<DailyMergeMetric, readonly string[]>> = {
  steps: ["step_count"],
  distance: ["walking_running_distance", "distance"],
  active_energy: ["active_energy"],
};

export const METRIC_NAMES: Record<OrderedMetric, string> = {
  steps: "Steps",
  distance: "Distance",
  active_energy: "Active energy",
  total_energy: "Total energy",
  resting_heart_rate: "Resting heart rate",
  hrv: "HRV",
  readiness: "Readiness",
  recovery: "Recovery",
  strain: "Strain",
  stress: "Stress",
  sleep_score: "Sleep score",
  sleep: "Sleep",
  weight: "Weight",
};

export const METRIC_UNITS: Record<OrderedMetric, string> = {
  steps: "",
  distance: " m",
  active_energy: " kcal",
  total_energy: " kcal",
  resting_heart_rate: " bpm",
  hrv: " ms",
  readiness: "",
  recovery: "",
  strain: "",
  stress: "",
  sleep_score: "",
  sleep: "",
  weight: " kg",
};

export const isOrderedMetric = (name: string): name is OrderedMetric =>
  (ORDERED_METRICS as readonly string[]).includes(name);
