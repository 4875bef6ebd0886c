import type { ActivityDetail } from "@/lib/activity/detail";
import { TimeSeriesChart } from "./TimeSeriesChart";

/**
 * Heart rate and pace (or speed) over the activity, each only where samples were recorded, then
 * power, cadence and elevation when an original file recorded them.
 */
export function ActivityCharts({ detail }: { detail: ActivityDetail }) {
  const { heartRate, speed, power, cadence, altitude, activity, speedDisplay } = detail;
  const speedWord = speedDisplay === "speed" ? "speed" : "pace";
  // A yoga session has no pace to miss; only say so for activities that covered ground.
  const isSpeedExpected = (activity.distanceM ?? 0) > 0;
  if (!heartRate && !speed && !power && !cadence && !altitude) {
    return (
      <p
        className="rounded-2xl border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
        data-testid="charts-empty"
      >
        No heart-rate{isSpeedExpected ? ` or ${speedWord}` : ""} samples were recorded during this activity.
      </p>
    );
  }
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {heartRate ? (
        <TimeSeriesChart chart={heartRate} id="heart-rate" tone="heart" />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No heart-rate samples were recorded during this activity.
        </p>
      )}
      {speed ? (
        <TimeSeriesChart chart={speed} id="speed" tone="speed" />
      ) : isSpeedExpected ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No {speedWord} samples were recorded during this activity.
        </p>
      ) : null}
      {power ? <TimeSeriesChart chart={power} id="power" tone="power" /> : null}
      {cadence ? <TimeSeriesChart chart={cadence} id="cadence" tone="cadence" /> : null}
      {altitude ? <TimeSeriesChart chart={altitude} id="altitude" tone="altitude" /> : null}
    </div>
  );
}
