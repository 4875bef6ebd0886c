import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { countUserData } from "@/lib/db/queries/overview";

export const metadata: Metadata = { title: "Health" };

export default async function HealthPage() {
  const user = await requireUser();
  const counts = await countUserData(await getDb(), { userId: user.id });
  const hasData = counts.sleepNights + counts.days > 0;

  return (
    <>
      <PageHeader title="Health" description="Sleep, HRV, resting heart rate, readiness, steps and weight over time." />
      {hasData ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {counts.sleepNights.toLocaleString("en")} nights of sleep and {counts.days.toLocaleString("en")} days of health data stored.
        </p>
      ) : (
        <EmptyState title="No health data yet" action={{ href: "/dashboard/settings", label: "Connect a source" }}>
          Connect Oura, WHOOP, Garmin, Fitbit or Polar for sleep, HRV and readiness, or send Apple Health and Health Connect
          data from your phone.
        </EmptyState>
      )}
    </>
  );
}
