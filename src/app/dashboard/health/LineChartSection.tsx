import { ChartCard } from "@/components/health/ChartCard";
import { ChartEmpty } from "@/components/health/ChartEmpty";
import type { TimeDomain } from "@/components/health/chart-scale";
import { BucketTable } from "@/components/health/BucketTable";
import { BUCKET_HEADINGS } from "@/components/health/labels";
import { LineChart } from "@/components/health/LineChart";
import type { LineSeries, SeriesPoint } from "@/components/health/series";
import { SeriesLegend } from "@/components/health/SeriesLegend";
import type { UnitSystem } from "@/lib/format";
import { connectHint } from "./connect-hint";
import type { BodyChart, DailyChart } from "./health-charts";
import type { HealthView } from "./health-query";

type LineChartSectionProps = {
  spec: DailyChart | BodyChart;
  series: LineSeries[];
  domain: TimeDomain;
  view: HealthView;
  /** The person has this metric somewhere, just not in the range. */
  hasEver: boolean;
  rangeText: string;
  units: UnitSystem;
};

const pointRowData = (point: SeriesPoint) => ({ "data-value": point.value });

export function LineChartSection({ spec, series, domain, view, hasEver, rangeText, units }: LineChartSectionProps) {
  const unit = spec.unit(units);
  const summary = BUCKET_HEADINGS[domain.bucket].summary;
  const toDisplay = (stored: number) => spec.toDisplay?.(stored, units) ?? stored;
  const format = (displayed: number) => spec.format(displayed, units);
  const description = `${summary} ${rangeText}, ${series.length === 1 ? "one source" : `${series.length} sources`}: ${series.map((line) => line.label).join(", ")}.`;

  let body: React.ReactNode;
  if (series.length === 0) {
    body = (
      <ChartEmpty showConnect={!hasEver}>{hasEver ? `Nothing recorded ${rangeText}.` : connectHint(spec)}</ChartEmpty>
    );
  } else if (view === "table") {
    body = (
      <BucketTable
        caption={`${spec.title}, ${summary.toLowerCase()} ${rangeText}`}
        bucket={domain.bucket}
        sources={series.map((line) => ({ key: line.key, label: line.label, rows: line.points }))}
        columns={[{ heading: spec.column, format: (point) => format(toDisplay(point.value)) }]}
        rowData={pointRowData}
      />
    );
  } else {
    body = (
      <LineChart
        id={spec.id}
        title={spec.title}
        description={description}
        series={series}
        domain={domain}
        toDisplay={toDisplay}
        formatValue={format}
        formatTick={spec.tick}
        includeZero={spec.includeZero}
        joinGaps={spec.joinGaps}
      />
    );
  }
  return (
    <ChartCard
      title={spec.title}
      subtitle={`${summary} · ${unit}`}
      testId={`health-${spec.id}`}
      legend={view === "chart" && series.length > 0 ? <SeriesLegend series={series} /> : undefined}
    >
      {body}
    </ChartCard>
  );
}
