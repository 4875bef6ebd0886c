import type { ParsedLap } from "@/lib/files/types";
import { formatSpeedAs, type SpeedDisplay } from "@/lib/activity/speed-display";
import { formatDistance, formatDuration, formatHeartRate, formatPower, type UnitSystem } from "@/lib/format";

/**
 * The laps the original file recorded. Columns a device left empty in every lap are left out,
 * so a run without a power meter shows no column of dashes.
 */
export function LapsTable({
  laps,
  units,
  speedDisplay,
}: {
  laps: ParsedLap[];
  units: UnitSystem;
  speedDisplay: SpeedDisplay;
}) {
  const columns = [
    {
      key: "distance",
      label: "Distance",
      text: (lap: ParsedLap) => formatDistance(lap.distanceM, units),
      has: (lap: ParsedLap) => lap.distanceM,
    },
    {
      key: "time",
      label: "Time",
      text: (lap: ParsedLap) => formatDuration(lap.movingTimeS ?? lap.durationS),
      has: (lap: ParsedLap) => lap.movingTimeS ?? lap.durationS,
    },
    {
      key: "speed",
      label: speedDisplay === "speed" ? "Avg speed" : "Avg pace",
      text: (lap: ParsedLap) => formatSpeedAs(speedDisplay, lap.avgSpeedMps, units),
      has: (lap: ParsedLap) => lap.avgSpeedMps,
    },
    {
      key: "heart-rate",
      label: "Avg HR",
      text: (lap: ParsedLap) => formatHeartRate(lap.avgHeartRateBpm),
      has: (lap: ParsedLap) => lap.avgHeartRateBpm,
    },
    {
      key: "max-heart-rate",
      label: "Max HR",
      text: (lap: ParsedLap) => formatHeartRate(lap.maxHeartRateBpm),
      has: (lap: ParsedLap) => lap.maxHeartRateBpm,
    },
    {
      key: "power",
      label: "Avg power",
      text: (lap: ParsedLap) => formatPower(lap.avgPowerW),
      has: (lap: ParsedLap) => lap.avgPowerW,
    },
    {
      key: "cadence",
      label: "Cadence",
      text: (lap: ParsedLap) => (lap.avgCadence == null ? "—" : String(Math.round(lap.avgCadence))),
      has: (lap: ParsedLap) => lap.avgCadence,
    },
  ].filter((column) => laps.some((lap) => column.has(lap) != null));

  return (
    <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-sm tabular-nums" data-testid="laps-table">
        <thead className="border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Lap
            </th>
            {columns.map((column) => (
              <th key={column.key} scope="col" className="px-4 py-2 text-right font-medium">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {laps.map((lap, index) => (
            <tr
              key={lap.startAt.toISOString() + index}
              className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
            >
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {index + 1}
              </th>
              {columns.map((column) => (
                <td key={column.key} className="px-4 py-2 text-right">
                  {column.text(lap)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
