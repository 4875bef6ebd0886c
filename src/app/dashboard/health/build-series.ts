import type { LineSeries } from "@/components/health/series";
import { sourceKey, type Source } from "./sources";

type Row = { provider: string; sourceId: string; date: string };

/**
 * Splits bucketed rows (a few hundred at most, already averaged in SQL) into one line per
 * source, skipping buckets where that source has no value for the metric.
 */
export function lineSeries<T extends Row>(
  rows: T[],
  pick: (row: T) => number | null,
  sources: Map<string, Source>,
  variant: { keySuffix?: string; labelSuffix?: string; isDashed?: boolean } = {},
): LineSeries[] {
  const lines = new Map<string, LineSeries>();
  for (const row of rows) {
    const value = pick(row);
    if (value === null) continue;
    const source = sources.get(sourceKey(row));
    if (!source) continue;
    const key = `${source.key}${variant.keySuffix ?? ""}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        key,
        label: `${source.label}${variant.labelSuffix ?? ""}`,
        style: source.style,
        isDashed: variant.isDashed,
        points: [],
      };
      lines.set(key, line);
    }
    line.points.push({ date: row.date, value });
  }
  return [...lines.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** Rows grouped per source, in the page's source order (sleep gets one chart per source). */
export function groupBySource<T extends Row>(
  rows: T[],
  sources: Map<string, Source>,
): Array<{ source: Source; rows: T[] }> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(sourceKey(row)) ?? [];
    group.push(row);
    groups.set(sourceKey(row), group);
  }
  return [...sources.values()]
    .filter((source) => groups.has(source.key))
    .map((source) => ({ source, rows: groups.get(source.key)! }));
}
