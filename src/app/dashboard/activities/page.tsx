import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findRecentActivities } from "@/lib/db/queries/activities";
import { formatDistance, formatDuration } from "@/lib/format";

export const metadata: Metadata = { title: "Activities" };

export default async function ActivitiesPage() {
  const user = await requireUser();
  const rows = await findRecentActivities(await getDb(), { userId: user.id, limit: 50 });

  return (
    <>
      <PageHeader title="Activities" description="Every workout from every source, newest first." />
      {rows.length === 0 ? (
        <EmptyState title="No activities yet" action={{ href: "/dashboard/settings", label: "Connect a source" }}>
          Activities arrive once you connect an account such as Strava or Garmin, or push workouts from Apple Health or
          Health Connect.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800">
              <tr>
                <th className="px-4 py-3 font-medium">Date</th>
                <th className="px-4 py-3 font-medium">Name</th>
                <th className="px-4 py-3 font-medium">Type</th>
                <th className="px-4 py-3 text-right font-medium">Distance</th>
                <th className="px-4 py-3 text-right font-medium">Time</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((activity) => (
                <tr key={activity.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <td className="px-4 py-3 whitespace-nowrap">{activity.startAt.toISOString().slice(0, 10)}</td>
                  <td className="px-4 py-3">{activity.name ?? "Untitled"}</td>
                  <td className="px-4 py-3 capitalize">{activity.type.replaceAll("_", " ")}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatDistance(activity.distanceM, user.unitSystem)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatDuration(activity.durationS)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
