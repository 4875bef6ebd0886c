import type { SleepCopySource } from "@/lib/db/queries/merged-series";
import type { SleepBucketRow } from "@/lib/db/queries/health-series";
import type { SleepRow } from "./SleepSection";

type SourceRef = { provider: string; sourceId: string };

const nightsText = (nights: number) => `${nights.toLocaleString("en")} ${nights === 1 ? "night" : "nights"}`;

/**
 * The merged sleep's "also from": per bucket, the sources whose copies of its nights were left
 * out ("Apple Health · iPhone", with a count when a bucket holds several nights), and one
 * sentence for the whole range.
 */
export function withSleepCopies(
  rows: SleepBucketRow[],
  copies: SleepCopySource[],
  labelOf: (source: SourceRef) => string,
): { rows: SleepRow[]; note: string | null } {
  const perBucket = new Map<string, string[]>();
  const perSource = new Map<string, number>();
  for (const copy of copies) {
    const label = labelOf(copy);
    const row = rows.find((candidate) => candidate.date === copy.date);
    const isOneNight = row ? row.nights <= 1 : copy.nights <= 1;
    perBucket.set(copy.date, [...(perBucket.get(copy.date) ?? []), isOneNight ? label : `${label} (${copy.nights})`]);
    perSource.set(label, (perSource.get(label) ?? 0) + copy.nights);
  }
  const withNotes = rows.map((row) => {
    const labels = perBucket.get(row.date);
    return labels ? { ...row, alsoFrom: labels.join(", ") } : row;
  });
  if (!perSource.size) return { rows: withNotes, note: null };
  const list = [...perSource].map(([label, nights]) => `${label} (${nightsText(nights)})`).join(", ");
  return { rows: withNotes, note: `Also from ${list}: the same nights, counted once.` };
}
