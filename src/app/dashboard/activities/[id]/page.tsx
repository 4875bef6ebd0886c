import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActivityCharts } from "@/components/activity/ActivityCharts";
import { ActivityHeading } from "@/components/activity/ActivityHeading";
import { ActivityStats } from "@/components/activity/ActivityStats";
import { DownloadMenu } from "@/components/activity/DownloadMenu";
import { LapsTable } from "@/components/activity/LapsTable";
import { RouteMap } from "@/components/activity/RouteMap";
import { buildActivityDetail, type ActivityDetail } from "@/lib/activity/detail";
import { getDb } from "@/lib/db";
import { getFileStore } from "@/lib/files";
import { activityDownloadOptions } from "@/lib/files/download/download-options";
import { OriginalFileStatus } from "@/components/activity/OriginalFileStatus";
import { listOriginalFileFetches } from "@/lib/db/queries/original-file-fetches";
import { findLinkableActivities } from "@/lib/merge/activities/linkable";
import { getActivityLinks } from "@/lib/merge/activities/view";
import { ActivityCopies } from "./ActivityCopies";
import { findRequestedActivity } from "./find-activity";

type Params = Promise<{ id: string }>;

async function loadDetail(id: string) {
  const found = await findRequestedActivity(id);
  // The layout has already answered 404; this only tells TypeScript.
  if (!found) notFound();
  const { activity, user } = found;
  const db = await getDb();
  const links = await getActivityLinks(db, { userId: user.id, activityId: activity.id });
  const [detail, originals, linkable] = await Promise.all([
    buildActivityDetail(db, { userId: user.id, activity, units: user.unitSystem, store: getFileStore() }),
    listOriginalFileFetches(db, {
      userId: user.id,
      provider: activity.provider,
      activityExternalId: activity.externalId,
    }),
    findLinkableActivities(db, {
      userId: user.id,
      startAt: activity.startAt,
      excludeIds: links.copies.map((copy) => copy.id),
    }),
  ]);
  return { detail, originals, links, linkable, units: user.unitSystem, timeZone: user.timeZone };
}

function chartsHeading(detail: ActivityDetail): string {
  const hasGround = detail.speed !== null || (detail.activity.distanceM ?? 0) > 0;
  return hasGround ? `Heart rate and ${detail.speedDisplay === "speed" ? "speed" : "pace"}` : "Heart rate";
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const found = await findRequestedActivity((await params).id);
  return { title: found?.activity.name ?? "Activity" };
}

export default async function ActivityPage({ params }: { params: Params }) {
  const { detail, originals, links, linkable, units, timeZone } = await loadDetail((await params).id);
  return (
    <>
      <ActivityHeading detail={detail} timeZone={timeZone} />
      <div className="-mt-3 mb-6 flex">
        <DownloadMenu
          options={activityDownloadOptions({ id: detail.activity.id, hasRoute: detail.route !== null }, detail.files)}
        />
      </div>
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
          {detail.drawnFrom ? (
            <p className="mt-2 text-xs text-zinc-500" data-testid="charts-file-note">
              Drawn from the original {detail.drawnFrom.format.toUpperCase()} file
              {detail.drawnFrom.fileName ? ` (${detail.drawnFrom.fileName})` : ""}.
            </p>
          ) : null}
          {detail.fileProblem ? (
            <p className="mt-2 text-xs text-amber-700 dark:text-amber-400" role="status" data-testid="file-problem">
              {detail.fileProblem}
            </p>
          ) : null}
        </section>
        {detail.laps.length > 1 ? (
          <section aria-labelledby="laps-heading">
            <h2 id="laps-heading" className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">
              Laps
            </h2>
            <LapsTable laps={detail.laps} units={units} speedDisplay={detail.speedDisplay} />
          </section>
        ) : null}
        <ActivityCopies activityId={detail.activity.id} links={links} linkable={linkable} units={units} />
        <OriginalFileStatus fetches={originals} sourceName={detail.source.name} />
      </div>
    </>
  );
}
