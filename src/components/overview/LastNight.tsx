import type { findLastNight } from "@/lib/db/queries/overview";
import { formatDuration } from "@/lib/format";
import { Card } from "./Card";

const STAGES = [
  ["deepS", "Deep", "bg-indigo-700"],
  ["remS", "REM", "bg-sky-500"],
  ["lightS", "Light", "bg-sky-200 dark:bg-sky-800"],
  ["awakeS", "Awake", "bg-amber-300"],
] as const;

/** Last night's sleep: time asleep and how it split into stages. */
export function LastNight({ night }: { night: Awaited<ReturnType<typeof findLastNight>> }) {
  if (!night) {
    return (
      <Card title="Last night">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No sleep yet. Oura, WHOOP, Garmin, Fitbit, Polar or your phone can send it.
        </p>
      </Card>
    );
  }
  const total = STAGES.reduce((sum, [key]) => sum + (night[key] ?? 0), 0);
  return (
    <Card title="Last night" testId="last-night">
      <p className="text-2xl font-semibold tabular-nums">
        {formatDuration(night.asleepS)}{" "}
        <span className="text-sm font-normal text-zinc-500">
          asleep · {night.localDate} · {night.provider.replaceAll("_", " ")}
        </span>
      </p>
      {total > 0 ? (
        <>
          <div className="mt-3 flex h-3 overflow-hidden rounded-full" role="img" aria-label="Sleep stages">
            {STAGES.map(([key, , color]) => (
              <span key={key} className={color} style={{ width: `${((night[key] ?? 0) / total) * 100}%` }} />
            ))}
          </div>
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
            {STAGES.map(([key, name, color]) => (
              <li key={key} className="flex items-center gap-1.5">
                <span className={`size-2 rounded-full ${color}`} aria-hidden />
                {name} {formatDuration(night[key] ?? 0)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
