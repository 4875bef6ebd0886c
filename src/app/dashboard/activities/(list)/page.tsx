import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { activitySource } from "@/lib/activity/source";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { decodeActivityCursor, findActivitiesPage, listActivityFacets } from "@/lib/db/queries/activities";
import { maxFileBytes } from "@/lib/files";
import { formatDistance, formatDuration } from "@/lib/format";
import { localDate } from "@/lib/time-zone";
import { ActivityFilters } from "./ActivityFilters";
import { ExportFilesForm } from "./ExportFilesForm";
import { UploadFiles } from "./UploadFiles";

export const metadata: Metadata = { title: "Activities" };

const PAGE_SIZE = 50;
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const querySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  type: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  source: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  from: z.preprocess(blankToUndefined, z.iso.date().optional()),
  to: z.preprocess(blankToUndefined, z.iso.date().optional()),
  after: z.preprocess(blankToUndefined, z.string().max(200).optional()),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ActivitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const db = await getDb();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  const parsed = querySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  const filters = { text: query.q, type: query.type, provider: query.source, from: query.from, to: query.to };
  const [{ rows, next }, facets] = await Promise.all([
    findActivitiesPage(db, {
      userId: user.id,
      filters,
      timeZone: user.timeZone,
      after: decodeActivityCursor(query.after),
      limit: PAGE_SIZE,
    }),
    listActivityFacets(db, { userId: user.id }),
  ]);
  const hasFilters = Object.values(filters).some(Boolean);
  const nextHref = next
    ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter(([key, value]) => key !== "after" && value)), after: next } as Record<string, string>)}`
    : undefined;

  return (
    <>
      <PageHeader title="Activities" description="Every workout from every source, newest first.">
        {facets.types.length > 0 ? <ExportFilesForm /> : null}
      </PageHeader>
      {/* Above both branches, so its results survive the refresh that shows the first activity. */}
      <UploadFiles maxFileBytes={maxFileBytes()} />
      {facets.types.length === 0 ? (
        <EmptyState title="No activities yet" action={{ href: "/dashboard/settings", label: "Connect a source" }}>
          Upload FIT, GPX or TCX files from your watch, bike computer or another app above, connect an account such as
          Strava or Garmin, or push workouts from Apple Health or Health Connect.
        </EmptyState>
      ) : (
        <>
          <ActivityFilters filters={filters} types={facets.types} providers={facets.providers} />
          {rows.length === 0 ? (
            <p className="rounded-2xl border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              Nothing matches these filters.{" "}
              <Link href="/dashboard/activities" className="font-medium text-brand-700 hover:underline">
                Clear them
              </Link>
            </p>
          ) : (
            <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800">
                  <tr>
                    <th className="px-4 py-3 font-medium">Date</th>
                    <th className="px-4 py-3 font-medium">Name</th>
                    <th className="px-4 py-3 font-medium">Type</th>
                    <th className="px-4 py-3 font-medium">Source</th>
                    <th className="px-4 py-3 text-right font-medium">Distance</th>
                    <th className="px-4 py-3 text-right font-medium">Time</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((activity) => (
                    <tr key={activity.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                      <td className="px-4 py-3 whitespace-nowrap tabular-nums">
                        <time dateTime={activity.startAt.toISOString()}>
                          {localDate(activity.startAt, user.timeZone)}
                        </time>
                      </td>
                      <td className="px-4 py-3">
                        <Link
                          href={`/dashboard/activities/${activity.id}`}
                          className="font-medium text-zinc-900 hover:text-brand-700 hover:underline dark:text-zinc-100 dark:hover:text-brand-500"
                        >
                          {activity.name ?? "Untitled"}
                        </Link>
                      </td>
                      <td className="px-4 py-3 capitalize">{activity.type.replaceAll("_", " ")}</td>
                      <td className="px-4 py-3">
                        {activitySource(activity.provider, "").name}
                        {activity.alsoOn.length ? (
                          <span className="block text-xs text-zinc-500" data-testid="also-on">
                            also on {activity.alsoOn.map((slug) => activitySource(slug, "").name).join(", ")}
                          </span>
                        ) : null}
                      </td>
                      <td className="px-4 py-3 text-right tabular-nums">
                        {formatDistance(activity.distanceM, user.unitSystem)}
                      </td>
                      <td className="px-4 py-3 text-right tabular-nums">{formatDuration(activity.durationS)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav aria-label="Pages" className="mt-4 flex gap-3 text-sm">
            {query.after ? (
              <Link
                href={`?${new URLSearchParams(Object.fromEntries(Object.entries(raw).filter(([key, value]) => key !== "after" && value)) as Record<string, string>)}`}
                className="font-medium text-brand-700 hover:underline"
              >
                Newest
              </Link>
            ) : null}
            {nextHref ? (
              <Link href={nextHref} className="font-medium text-brand-700 hover:underline">
                Older
              </Link>
            ) : null}
            {hasFilters ? (
              <Link href="/dashboard/activities" className="text-zinc-600 hover:underline dark:text-zinc-400">
                Clear filters
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}
