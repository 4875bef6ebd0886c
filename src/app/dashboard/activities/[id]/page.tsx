import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { ActivityCharts } from "@/components/activity/ActivityCharts";
import { ActivityHeading } from "@/components/activity/ActivityHeading";
import { ActivityStats } from "@/components/activity/ActivityStats";
import { RouteMap } from "@/components/activity/RouteMap";
import { loadActivityDetail, type ActivityDetail } from "@/lib/activity/detail";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

type Params = Promise<{ id: string }>;

// Any 8-4-4-4-12 hex id: Postgres would answer a malformed one with an error (a 500), not "no such row".
const idSchema = z.guid();

// Shared by the title and the page, so one request reads the activity once.
const loadForRequest = cache(async (id: string) => {
  const user = await requireUser();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return undefined;
  const detail = await loadActivityDetail(await getDb(), { userId: user.id, activityId: parsed.data, units: user.unitSystem });
  return detail && { detail, units: user.unitSystem, timeZone: user.timeZone };
});

function chartsHeading(detail: ActivityDetail): string {
  const hasGround = detail.speed !== null || (detail.activity.distanceM ?? 0) > 0;
  return hasGround ? `Heart rate and ${detail.speedDisplay === "speed" ? "speed" : "pace"}` : "Heart rate";
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const loaded = await loadForRequest((await params).id);
  return { title: loaded?.detail.activity.name ?? "Activity" };
}

export default async function ActivityPage({ params }: { params: Params }) {
  const loaded = await loadForRequest((await params).id);
  if (!loaded) notFound();
  const { detail, units, timeZone } = loaded;
  return (
    <>
      <ActivityHeading detail={detail} timeZone={timeZone} />
      <div className="flex flex-col gap-6">
        <section aria-labelledby="stats-heading">
          <h2 id="stats-heading" className="sr-only">
            Stats
          </h2>
          <ActivityStats detail={detail} units={units} />
        </section>
        <section aria-labelledby="route-heading">
          <h2 id="route-heading" className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">
            Route
          </h2>
          <RouteMap route={detail.route} name={detail.activity.name ?? "this activity"} />
        </section>
        <section aria-labelledby="charts-heading">
          <h2 id="charts-heading" className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">
            {chartsHeading(detail)}
          </h2>
          <ActivityCharts detail={detail} />
        </section>
      </div>
    </>
  );
}
