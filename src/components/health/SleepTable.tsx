import type { Bucket, SleepBucketRow } from "@/lib/db/queries/health-series";
import { BUCKET_HEADINGS, formatHours } from "./labels";

type SleepTableProps = {
  caption: string;
  sources: Array<{ key: string; label: string; nights: SleepBucketRow[] }>;
  bucket: Bucket;
};

const cell = "whitespace-nowrap px-3 py-2";
const hours = (seconds: number | null) => (seconds == null ? "—" : formatHours(seconds));
const COLUMNS = [
  ["asleepS", "Asleep"],
  ["deepS", "Deep"],
  ["remS", "REM"],
  ["lightS", "Light"],
  ["awakeS", "Awake"],
] as const;

/** Nights (or average nights per week/month) per source, newest first; times as h:mm. */
export function SleepTable({ caption, sources, bucket }: SleepTableProps) {
  const rows = sources
    .flatMap((source) => source.nights.map((night) => ({ ...night, key: source.key, source: source.label })))
    .sort((a, b) => b.date.localeCompare(a.date) || a.source.localeCompare(b.source));
  return (
    <div className="max-h-96 overflow-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-zinc-50 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>{BUCKET_HEADINGS[bucket].column}</th>
            {COLUMNS.map(([key, name]) => (
              <th key={key} scope="col" className={`${cell} text-right font-medium`}>{name}</th>
            ))}
            <th scope="col" className={`${cell} font-medium`}>Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.key}-${row.date}`} className="border-t border-zinc-100 dark:border-zinc-800" data-row="" data-date={row.date} data-asleep-s={row.asleepS ?? ""}>
              <td className={`${cell} tabular-nums`}>{row.date}</td>
              {COLUMNS.map(([key]) => (
                <td key={key} className={`${cell} text-right tabular-nums`}>{hours(row[key])}</td>
              ))}
              <td className={cell}>{row.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
