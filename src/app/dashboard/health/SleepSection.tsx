import { ChartCard } from "@/components/health/ChartCard";
import { ChartEmpty } from "@/components/health/ChartEmpty";
import type { TimeDomain } from "@/components/health/chart-scale";
import { BucketTable, type TableColumn } from "@/components/health/BucketTable";
import { BUCKET_HEADINGS, formatHours } from "@/components/health/labels";
import { SleepChart, SleepStageLegend } from "@/components/health/SleepChart";
import type { SleepBucketRow } from "@/lib/db/queries/health-series";
import { connectHint } from "./connect-hint";
import type { HealthView } from "./health-query";
import type { Source } from "./sources";

/** A night (or bucket of nights) and, in the merged view, the sources that recorded it too. */
export type SleepRow = SleepBucketRow & { alsoFrom?: string };

type SleepSectionProps = {
  groups: Array<{ source: Source; rows: SleepRow[] }>;
  /** Merged: one series, copies left out; `copyNote` names the sources they came from. */
  isMerged: boolean;
  copyNote: string | null;
  domain: TimeDomain;
  view: HealthView;
  hasEver: boolean;
  rangeText: string;
};

const SLEEP_HINT = {
  dataTypes: ["sleep" as const],
  pushSources: ["apple_health" as const, "health_connect" as const],
  noun: "your sleep",
};
// A stage the source did not report shows as a dash, not as 0:00.
const hours = (seconds: number | null) => (seconds == null ? "—" : formatHours(seconds));
const SLEEP_COLUMNS: Array<TableColumn<SleepRow>> = [
  { heading: "Asleep", format: (night) => hours(night.asleepS) },
  { heading: "Deep", format: (night) => hours(night.deepS) },
  { heading: "REM", format: (night) => hours(night.remS) },
  { heading: "Light", format: (night) => hours(night.lightS) },
  { heading: "Awake", format: (night) => hours(night.awakeS) },
];
const ALSO_FROM_COLUMN: TableColumn<SleepRow> = { heading: "Also from", format: (night) => night.alsoFrom ?? "—" };
const sleepRowData = (night: SleepRow) => ({ "data-asleep-s": night.asleepS ?? "" });

function CopyNote({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400" data-testid="sleep-copies">
      {text}
    </p>
  );
}

/**
 * Sleep stages: merged, one stacked-bar chart with a night counted once and a note on where
 * else it was recorded; per source, one chart per source (bars side by side would be
 * unreadable). Or one table.
 */
export function SleepSection({ groups, isMerged, copyNote, domain, view, hasEver, rangeText }: SleepSectionProps) {
  const summary = domain.bucket === "day" ? "Each night" : `${BUCKET_HEADINGS[domain.bucket].summary} per night`;
  const subtitle = `${summary} · hours`;
  if (groups.length === 0) {
    return (
      <ChartCard title="Sleep" subtitle={subtitle} testId="health-sleep">
        <ChartEmpty showConnect={!hasEver}>
          {hasEver ? `Nothing recorded ${rangeText}.` : connectHint(SLEEP_HINT)}
        </ChartEmpty>
      </ChartCard>
    );
  }
  if (view === "table") {
    return (
      <ChartCard title="Sleep" subtitle={subtitle} testId="health-sleep" isWide>
        <BucketTable
          caption={`Sleep, ${summary.toLowerCase()} ${rangeText}`}
          bucket={domain.bucket}
          sources={groups.map(({ source, rows }) => ({ key: source.key, label: source.label, rows }))}
          columns={isMerged ? [...SLEEP_COLUMNS, ALSO_FROM_COLUMN] : SLEEP_COLUMNS}
          rowData={sleepRowData}
        />
        <CopyNote text={copyNote} />
      </ChartCard>
    );
  }
  return groups.map(({ source, rows }, index) => {
    const title = groups.length > 1 ? `Sleep · ${source.label}` : "Sleep";
    return (
      <ChartCard
        key={source.key}
        title={title}
        subtitle={groups.length > 1 ? subtitle : `${subtitle} · ${source.label}`}
        testId="health-sleep"
        legend={<SleepStageLegend nights={rows} />}
      >
        <SleepChart
          id={`sleep-${index}`}
          title={title}
          description={`Sleep stages from ${source.label}, ${summary.toLowerCase()} ${rangeText}.`}
          nights={rows}
          domain={domain}
        />
        <CopyNote text={copyNote} />
      </ChartCard>
    );
  });
}
