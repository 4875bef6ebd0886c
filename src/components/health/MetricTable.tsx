import type { Bucket } from "@/lib/db/queries/health-series";
import { BUCKET_HEADINGS } from "./labels";
import type { LineSeries } from "./series";

type MetricTableProps = {
  caption: string;
  series: LineSeries[];
  bucket: Bucket;
  valueHeading: string;
  format: (stored: number) => string;
};

const cell = "whitespace-nowrap px-3 py-2";

/** The chart's points as rows, newest first: the same data without needing to see the chart. */
export function MetricTable({ caption, series, bucket, valueHeading, format }: MetricTableProps) {
  const rows = series
    .flatMap((line) => line.points.map((point) => ({ ...point, key: line.key, source: line.label })))
    .sort((a, b) => b.date.localeCompare(a.date) || a.source.localeCompare(b.source));
  return (
    <div className="max-h-96 overflow-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-zinc-50 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>{BUCKET_HEADINGS[bucket].column}</th>
            <th scope="col" className={`${cell} text-right font-medium`}>{valueHeading}</th>
            <th scope="col" className={`${cell} font-medium`}>Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.key}-${row.date}`} className="border-t border-zinc-100 dark:border-zinc-800" data-row="" data-date={row.date} data-value={row.value}>
              <td className={`${cell} tabular-nums`}>{row.date}</td>
              <td className={`${cell} text-right tabular-nums`}>{format(row.value)}</td>
              <td className={cell}>{row.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
