import type { Bucket } from "@/lib/db/queries/health-series";
import { BUCKET_HEADINGS } from "./labels";

export type TableColumn<Row> = { heading: string; format: (row: Row) => string };

type BucketTableProps<Row extends { date: string }> = {
  caption: string;
  bucket: Bucket;
  sources: Array<{ key: string; label: string; rows: Row[] }>;
  /** Right-aligned value columns between the bucket's date and the source. */
  columns: ReadonlyArray<TableColumn<Row>>;
  /** The stored value on each row, so a reader need not parse the formatted cells. */
  rowData: (row: Row) => Record<`data-${string}`, string | number>;
};

const cell = "whitespace-nowrap px-3 py-2";

/** A chart's buckets as rows, newest first then by source: the same data without needing to see the chart. */
export function BucketTable<Row extends { date: string }>({
  caption,
  bucket,
  sources,
  columns,
  rowData,
}: BucketTableProps<Row>) {
  const rows = sources
    .flatMap((source) => source.rows.map((row) => ({ row, key: source.key, source: source.label })))
    .sort((a, b) => b.row.date.localeCompare(a.row.date) || a.source.localeCompare(b.source));
  return (
    <div className="max-h-96 overflow-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-zinc-50 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>
              {BUCKET_HEADINGS[bucket].column}
            </th>
            {columns.map((column) => (
              <th key={column.heading} scope="col" className={`${cell} text-right font-medium`}>
                {column.heading}
              </th>
            ))}
            <th scope="col" className={`${cell} font-medium`}>
              Source
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, key, source }) => (
            <tr
              key={`${key}-${row.date}`}
              className="border-t border-zinc-100 dark:border-zinc-800"
              data-row=""
              data-date={row.date}
              {...rowData(row)}
            >
              <td className={`${cell} tabular-nums`}>{row.date}</td>
              {columns.map((column) => (
                <td key={column.heading} className={`${cell} text-right tabular-nums`}>
                  {column.format(row)}
                </td>
              ))}
              <td className={cell}>{source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
