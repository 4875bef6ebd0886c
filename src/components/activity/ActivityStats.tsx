import type { ActivityDetail } from "@/lib/activity/detail";
import { formatSpeedAs } from "@/lib/activity/speed-display";
import {
  formatDistance,
  formatDuration,
  formatElevation,
  formatEnergy,
  formatHeartRate,
  formatPower,
  type UnitSystem,
} from "@/lib/format";

const SPEED_LABELS = { pace: "Avg pace", swim_pace: "Avg pace", speed: "Avg speed" } as const;

/** The activity's numbers; a stat the source did not record is left out rather than shown as a dash. */
export function ActivityStats({ detail, units }: { detail: ActivityDetail; units: UnitSystem }) {
  const { activity, speedDisplay } = detail;
  // Pace from distance and moving time when the source gave no average speed (Apple Health rarely does).
  const movingS = activity.movingTimeS ?? activity.durationS;
  const avgSpeed = activity.avgSpeedMps ?? (activity.distanceM && movingS ? activity.distanceM / movingS : null);
  const stats = [
    { key: "distance", label: "Distance", value: activity.distanceM, text: formatDistance(activity.distanceM, units) },
    { key: "duration", label: "Duration", value: activity.durationS, text: formatDuration(activity.durationS) },
    {
      key: "moving-time",
      label: "Moving time",
      value: activity.movingTimeS,
      text: formatDuration(activity.movingTimeS),
    },
    {
      key: "speed",
      label: SPEED_LABELS[speedDisplay],
      value: avgSpeed,
      text: formatSpeedAs(speedDisplay, avgSpeed, units),
    },
    {
      key: "max-speed",
      label: "Max speed",
      value: speedDisplay === "speed" ? activity.maxSpeedMps : null,
      text: formatSpeedAs("speed", activity.maxSpeedMps, units),
    },
    {
      key: "elevation",
      label: "Elevation gain",
      value: activity.elevationGainM,
      text: formatElevation(activity.elevationGainM, units),
    },
    { key: "energy", label: "Energy", value: activity.energyKcal, text: formatEnergy(activity.energyKcal) },
    {
      key: "avg-heart-rate",
      label: "Avg heart rate",
      value: activity.avgHeartRateBpm,
      text: formatHeartRate(activity.avgHeartRateBpm),
    },
    {
      key: "max-heart-rate",
      label: "Max heart rate",
      value: activity.maxHeartRateBpm,
      text: formatHeartRate(activity.maxHeartRateBpm),
    },
    { key: "avg-power", label: "Avg power", value: activity.avgPowerW, text: formatPower(activity.avgPowerW) },
  ].filter((stat) => stat.value != null && !(stat.key === "speed" && stat.text === "—"));

  if (stats.length === 0)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">This source recorded no numbers for the activity.</p>
    );
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {stats.map((stat) => (
        <div
          key={stat.key}
          className="rounded-xl border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900"
          data-testid={`stat-${stat.key}`}
        >
          <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{stat.label}</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums">{stat.text}</dd>
        </div>
      ))}
    </dl>
  );
}
