import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { LastNight } from "@/components/overview/LastNight";
import { RecentActivities } from "@/components/overview/RecentActivities";
import { Scores } from "@/components/overview/Scores";
import { WeekAtAGlance } from "@/components/overview/WeekAtAGlance";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findRecentActivities } from "@/lib/db/queries/activities";
import { findLastNight, findLatestScores, hasUserData, summarizeWeek } from "@/lib/db/queries/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const db = await getDb();
  const hasData = await hasUserData(db, { userId: user.id });
  const greeting = `Hello${user.name ? `, ${user.name}` : ""}`;
  if (!hasData) {
    return (
      <>
        <PageHeader title={greeting} description="Your week at a glance." />
        <EmptyState title="Nothing here yet" action={{ href: "/dashboard/settings", label: "Connect a source" }}>
          Connect Strava, Garmin, Oura, WHOOP, Fitbit, Polar or COROS, or send Apple Health and Health Connect data from
          your phone. Your week, last night&apos;s sleep and today&apos;s readiness will show up here.
        </EmptyState>
      </>
    );
  }
  const [week, night, scores, recent] = await Promise.all([
    summarizeWeek(db, { userId: user.id, timeZone: user.timeZone, now: new Date() }),
    findLastNight(db, { userId: user.id }),
    findLatestScores(db, { userId: user.id }),
    findRecentActivities(db, { userId: user.id, limit: 5 }),
  ]);
  return (
    <>
      <PageHeader title={greeting} description="Your week at a glance." />
      <div className="grid gap-4 lg:grid-cols-2">
        <WeekAtAGlance week={week} units={user.unitSystem} />
        <LastNight night={night} />
        <Scores scores={scores} />
        <RecentActivities rows={recent} units={user.unitSystem} timeZone={user.timeZone} />
      </div>
    </>
  );
}
