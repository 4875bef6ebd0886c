import type { SleepBucketRow } from "@/lib/db/queries/health-series";

// Bottom to top. Sleep a source reports without stages (older phone exports) still counts.
export const SLEEP_STAGES = [
  { key: "deep", name: "Deep", fill: "fill-indigo-700 dark:fill-indigo-400" },
  { key: "rem", name: "REM", fill: "fill-sky-500" },
  { key: "light", name: "Light", fill: "fill-sky-200 dark:fill-sky-800" },
  { key: "unstaged", name: "Asleep, no stages", fill: "fill-zinc-400 dark:fill-zinc-500" },
  { key: "awake", name: "Awake", fill: "fill-amber-300" },
] as const;

export type StageKey = (typeof SLEEP_STAGES)[number]["key"];

export function stagesOf(night: SleepBucketRow): Array<(typeof SLEEP_STAGES)[number] & { seconds: number }> {
  const staged = (night.deepS ?? 0) + (night.remS ?? 0) + (night.lightS ?? 0);
  const seconds: Record<StageKey, number> = {
    deep: night.deepS ?? 0,
    rem: night.remS ?? 0,
    light: night.lightS ?? 0,
    // Under a minute is rounding between averages, not sleep.
    unstaged: (night.asleepS ?? 0) - staged >= 60 ? (night.asleepS ?? 0) - staged : 0,
    awake: night.awakeS ?? 0,
  };
  return SLEEP_STAGES.map((stage) => ({ ...stage, seconds: seconds[stage.key] }));
}
