import type { Metadata } from "next";
import { timeDomain } from "@/components/health/chart-scale";
import { seriesStyle } from "@/components/health/series-style";
import { bucketLabel } from "@/components/health/labels";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import {
  findBodySeries,
  findDailySeries,
  findHealthCoverage,
  findSleepSeries,
  findSourceLabels,
} from "@/lib/db/queries/health-series";
import { findMergedDaily } from "@/lib/db/queries/merged-daily";
import {
  findMergedDailySeries,
  findMergedTotals,
  findSleepCopySources,
  MERGED_SOURCE,
} from "@/lib/db/queries/merged-series";
import { localDate } from "@/lib/time-zone";
import { groupBySource, lineSeries } from "./build-series";
import { HealthControls } from "./HealthControls";
import { HealthTotals } from "./HealthTotals";
import { LINE_CHARTS } from "./health-charts";
import { readHealthQuery, resolveRange, sourceViewOf } from "./health-query";
import { LineChartSection } from "./LineChartSection";
import { MergeExplanations } from "./MergeExplanations";
import { withSleepCopies } from "./sleep-copies";
import { SleepSection } from "./SleepSection";
import { describeSources, providerName, sourceKey } from "./sources";
import { loadWeightSection } from "./weight/load-weight-section";
import { WeightSection } from "./weight/WeightSection";

export const metadata: Metadata = { title: "Health" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function HealthPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const db = await getDb();
  const { query, notes } = readHealthQuery(await searchParams);
  const coverageQuery = findHealthCoverage(db, { userId: user.id, timeZone: user.timeZone });
  // Only "All" starts at the first day with data; any other range need not wait for it.
  const firstDataDay = query.range === "all" ? (await coverageQuery).first : null;
  const range = resolveRange(query, { today: localDate(new Date(), user.timeZone), firstDataDay });
  const params = { userId: user.id, ...range };
  // One history: a night or weigh-in several sources recorded counts once; "Each source" shows every source's own.
  const isMerged = sourceViewOf(query) === "merged";
  const [coverage, perSource, merged, mergedSteps, totals, body, sleep, sleepCopies, accountLabels, weight] =
    await Promise.all([
      coverageQuery,
      findDailySeries(db, params),
      findMergedDailySeries(db, params),
      findMergedDaily(db, { userId: user.id, metric: "steps", start: range.start, end: range.end, newest: 7 }),
      findMergedTotals(db, { userId: user.id, start: range.start, end: range.end }),
      findBodySeries(db, { ...params, timeZone: user.timeZone }),
      findSleepSeries(db, { ...params, isMerged }),
      isMerged ? findSleepCopySources(db, params) : Promise.resolve([]),
      findSourceLabels(db, { userId: user.id }),
      loadWeightSection(db, { userId: user.id, timeZone: user.timeZone, start: range.start, end: range.end, isMerged }),
    ]);
  // The merged line is one more source, named for what it is, where more than one source feeds a chart.
  const daily = [...perSource, ...merged];
  const sources = describeSources(
    merged.length ? [...coverage.sources, MERGED_SOURCE] : coverage.sources,
    accountLabels,
  );
  const mergedSource = sources.get(sourceKey(MERGED_SOURCE));
  if (mergedSource) sources.set(mergedSource.key, { ...mergedSource, label: "All sources, merged" });
  const labelOf = (source: { provider: string; sourceId: string }) =>
    sources.get(sourceKey(source))?.label ?? providerName(source.provider);
  const mergedSleep = withSleepCopies(sleep, sleepCopies, labelOf);
  const sleepGroups = isMerged
    ? sleep.length
      ? [{ source: mergedSource ?? MERGED_SLEEP_SOURCE, rows: mergedSleep.rows }]
      : []
    : groupBySource(sleep, sources);
  const domain = timeDomain(range.start, range.end, range.bucket);
  const rangeText = `from ${bucketLabel(range.start, "day")} to ${bucketLabel(range.end, "day")}`;

  return (
    <>
      <PageHeader
        title="Health"
        description="Sleep, HRV, resting heart rate, readiness, strain, steps and weight over time: one history across sources, or each source's own."
      />
      {coverage.first === null ? (
        <div className="mb-6">
          <EmptyState title="No health data yet" action={{ href: "/dashboard/settings", label: "Connect a source" }}>
            Connect Oura, WHOOP, Garmin, Fitbit or Polar for sleep, HRV and readiness, or send Apple Health and Health
            Connect data from your phone. Each chart below says which sources fill it.
          </EmptyState>
        </div>
      ) : (
        <HealthControls query={query} range={range} />
      )}
      {notes.map((note) => (
        <p
          key={note}
          role="status"
          className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {note}
        </p>
      ))}
      {coverage.first === null ? null : (
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400" data-testid="health-range">
          {rangeText[0]!.toUpperCase() + rangeText.slice(1)}
        </p>
      )}
      <HealthTotals totals={totals} units={user.unitSystem} />
      <div className="grid gap-4 xl:grid-cols-2">
        <SleepSection
          groups={sleepGroups}
          isMerged={isMerged}
          copyNote={mergedSleep.note}
          domain={domain}
          view={query.view}
          hasEver={coverage.has.sleep}
          rangeText={rangeText}
        />
        {LINE_CHARTS.map((spec) => {
          const series = withMergedLineIfSeveral(
            spec.table === "daily"
              ? spec.lines.flatMap((line) => lineSeries(daily, line.pick, sources, line))
              : spec.lines.flatMap((line) => lineSeries(body, line.pick, sources, line)),
          );
          return (
            <LineChartSection
              key={spec.id}
              spec={spec}
              series={series}
              domain={domain}
              view={query.view}
              hasEver={spec.metrics.some((metric) => coverage.has[metric])}
              rangeText={rangeText}
              units={user.unitSystem}
            />
          );
        })}
      </div>
      <MergeExplanations steps={mergedSteps.reverse()} />
      <WeightSection
        data={weight}
        units={user.unitSystem}
        range={range}
        rangeText={rangeText}
        sourceLabel={(record) => labelOf({ provider: record.source, sourceId: record.sourceId })}
      />
    </>
  );
}

const MERGED_KEY = sourceKey(MERGED_SOURCE);
// Merged sleep's one series, when no daily metric gave the merged source a colour.
const MERGED_SLEEP_SOURCE = { key: MERGED_KEY, label: "All sources, merged", style: seriesStyle(0) };

/**
 * A merged line only where several sources feed the same line of a chart (keys are
 * "provider:sourceId" plus the line's suffix): for one source it would draw that source twice.
 */
function withMergedLineIfSeveral<T extends { key: string }>(series: T[]): T[] {
  const suffixOf = (line: T) => line.key.slice(MERGED_KEY.length);
  return series.filter((line) => {
    if (!line.key.startsWith(MERGED_KEY)) return true;
    const suffix = suffixOf(line);
    const feeding = series.filter((other) => !other.key.startsWith(MERGED_KEY) && other.key.endsWith(suffix));
    return feeding.length > 1;
  });
}
