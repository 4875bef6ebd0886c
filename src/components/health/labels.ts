import type { Bucket } from "@/lib/db/queries/health-series";

const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

// Every point's tooltip names its date: each label is formatted once per process. Dates are
// a few thousand at most; the cache is emptied should it ever grow past that.
const labels = new Map<string, string>();
const MAX_CACHED_LABELS = 10_000;

/** "Nov 3, 2026", "week of Nov 2, 2026" or "November 2026". */
export function bucketLabel(date: string, bucket: Bucket): string {
  const key = `${bucket}:${date}`;
  let label = labels.get(key);
  if (label === undefined) {
    const at = new Date(`${date}T00:00:00Z`);
    label =
      bucket === "month"
        ? monthFormat.format(at)
        : bucket === "week"
          ? `week of ${dayFormat.format(at)}`
          : dayFormat.format(at);
    if (labels.size >= MAX_CACHED_LABELS) labels.clear();
    labels.set(key, label);
  }
  return label;
}

export const BUCKET_HEADINGS: Record<Bucket, { column: string; summary: string }> = {
  day: { column: "Date", summary: "Daily values" },
  week: { column: "Week of", summary: "Weekly averages" },
  month: { column: "Month", summary: "Monthly averages" },
};

/** h:mm, for sleep. */
export function formatHours(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}
