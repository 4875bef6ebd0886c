import Link from "next/link";
import type { findRecentActivities } from "@/lib/db/queries/activities";
import { formatDistance, formatDuration, type UnitSystem } from "@/lib/format";
import { localDate } from "@/lib/time-zone";
import { Card } from "./Card";

type RecentActivitiesProps = {
  rows: Awaited<ReturnType<typeof findRecentActivities>>;
  units: UnitSystem;
  timeZone: string;
};

export function RecentActivities({ rows, units, timeZone }: RecentActivitiesProps) {
  return (
    <Card title="Recent activities" testId="recent-activities">
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No activities yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((activity) => (
            <li key={activity.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <span className="min-w-0 truncate">
                <Link
                  href={`/dashboard/activities/${activity.id}`}
                  className="font-medium hover:text-brand-700 hover:underline dark:hover:text-brand-500"
                >
                  {activity.name ?? "Untitled"}
                </Link>
                <time dateTime={activity.startAt.toISOString()} className="ml-2 text-zinc-500">
                  {localDate(activity.startAt, timeZone)}
                </time>
              </span>
              <span className="shrink-0 tabular-nums text-zinc-600 dark:text-zinc-400">
                {formatDistance(activity.distanceM, units)} · {formatDuration(activity.durationS)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link
        href="/dashboard/activities"
        className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-500"
      >
        All activities
      </Link>
    </Card>
  );
}
