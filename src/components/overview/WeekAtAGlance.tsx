import type { WeekByType } from "@/lib/db/queries/overview";
import { formatDistance, formatDuration, type UnitSystem } from "@/lib/format";
import { Card } from "./Card";

const label = (type: string) => type.replaceAll("_", " ");

/** Time, distance and sessions this week, with a bar per activity type. */
export function WeekAtAGlance({ week, units }: { week: WeekByType[]; units: UnitSystem }) {
  const total = week.reduce(
    (sum, row) => ({
      sessions: sum.sessions + row.sessions,
      durationS: sum.durationS + row.durationS,
      distanceM: sum.distanceM + row.distanceM,
    }),
    { sessions: 0, durationS: 0, distanceM: 0 },
  );
  const longest = Math.max(1, ...week.map((row) => row.durationS));
  return (
    <Card title="This week" testId="week-at-a-glance">
      <dl className="grid grid-cols-3 gap-2">
        {(
          [
            ["Time", formatDuration(total.durationS)],
            ["Distance", formatDistance(total.distanceM, units)],
            ["Sessions", String(total.sessions)],
          ] as const
        ).map(([name, value]) => (
          <div key={name}>
            <dt className="text-xs text-zinc-500">{name}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {week.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">No sessions yet this week.</p>
      ) : (
        <ul className="mt-4 flex flex-col gap-2">
          {week.map((row) => (
            <li key={row.type} className="grid grid-cols-[6rem_1fr_auto] items-center gap-3 text-sm">
              <span className="truncate capitalize">{label(row.type)}</span>
              <span className="h-2 rounded-full bg-zinc-100 dark:bg-zinc-800">
                <span
                  className="block h-2 rounded-full bg-brand-500"
                  style={{ width: `${(row.durationS / longest) * 100}%` }}
                />
              </span>
              <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
                {row.sessions} · {formatDuration(row.durationS)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
