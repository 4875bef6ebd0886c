import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { countUserData } from "@/lib/db/queries/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const counts = await countUserData(await getDb(), { userId: user.id });
  const hasData = counts.activities + counts.sleepNights + counts.days > 0;

  return (
    <>
      <PageHeader title={`Hello${user.name ? `, ${user.name}` : ""}`} description="Your week at a glance." />
      {hasData ? (
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {(
            [
              ["Connected sources", counts.connections],
              ["Activities", counts.activities],
              ["Nights of sleep", counts.sleepNights],
              ["Days of health data", counts.days],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
              <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{value.toLocaleString("en")}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <EmptyState title="Nothing here yet" action={{ href: "/dashboard/settings", label: "Connect a source" }}>
          Connect Strava, Garmin, Oura, WHOOP, Fitbit, Polar or COROS, or send Apple Health and Health Connect data from your
          phone. Your week, last night&apos;s sleep and today&apos;s readiness will show up here.
        </EmptyState>
      )}
    </>
  );
}
