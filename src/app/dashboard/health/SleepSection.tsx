import { ChartCard } from "@/components/health/ChartCard";
import { ChartEmpty } from "@/components/health/ChartEmpty";
import type { TimeDomain } from "@/components/health/chart-scale";
import { BUCKET_HEADINGS } from "@/components/health/labels";
import { SleepChart, SleepStageLegend } from "@/components/health/SleepChart";
import { SleepTable } from "@/components/health/SleepTable";
import type { SleepBucketRow } from "@/lib/db/queries/health-series";
import { connectHint } from "./connect-hint";
import type { HealthView } from "./health-query";
import type { Source } from "./sources";

type SleepSectionProps = {
  groups: Array<{ source: Source; rows: SleepBucketRow[] }>;
  domain: TimeDomain;
  view: HealthView;
  hasEver: boolean;
  rangeText: string;
};

const SLEEP_HINT = { dataTypes: ["sleep" as const], pushSources: ["apple_health" as const, "health_connect" as const], noun: "your sleep" };

/** Sleep stages: one stacked-bar chart per source (bars side by side would be unreadable), or one table. */
export function SleepSection({ groups, domain, view, hasEver, rangeText }: SleepSectionProps) {
  const summary = domain.bucket === "day" ? "Each night" : `${BUCKET_HEADINGS[domain.bucket].summary} per night`;
  const subtitle = `${summary} · hours`;
  if (groups.length === 0) {
    return (
      <ChartCard title="Sleep" subtitle={subtitle} testId="health-sleep">
        <ChartEmpty showConnect={!hasEver}>{hasEver ? `Nothing recorded ${rangeText}.` : connectHint(SLEEP_HINT)}</ChartEmpty>
      </ChartCard>
    );
  }
  if (view === "table") {
    return (
      <ChartCard title="Sleep" subtitle={subtitle} testId="health-sleep" isWide>
        <SleepTable caption={`Sleep, ${summary.toLowerCase()} ${rangeText}`} sources={groups.map(({ source, rows }) => ({ key: source.key, label: source.label, nights: rows }))} bucket={domain.bucket} />
      </ChartCard>
    );
  }
  return groups.map(({ source, rows }, index) => {
    const title = groups.length > 1 ? `Sleep · ${source.label}` : "Sleep";
    return (
      <ChartCard key={source.key} title={title} subtitle={groups.length > 1 ? subtitle : `${subtitle} · ${source.label}`} testId="health-sleep" legend={<SleepStageLegend nights={rows} />}>
        <SleepChart id={`sleep-${index}`} title={title} description={`Sleep stages from ${source.label}, ${summary.toLowerCase()} ${rangeText}.`} nights={rows} domain={domain} />
      </ChartCard>
    );
  });
}
