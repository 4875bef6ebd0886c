import { seriesStyle, type SeriesStyle } from "@/components/health/series-style";
import { PUSH_SOURCES } from "@/lib/ingest/push-sources";
import { findProvider } from "@/lib/providers";

export interface Source {
  key: string;
  label: string;
  style: SeriesStyle;
}

type SourceRef = { provider: string; sourceId: string };

export const sourceKey = (row: SourceRef) => `${row.provider}:${row.sourceId}`;

const pushSource = (slug: string) => PUSH_SOURCES.find((source) => source.slug === slug);
/** A provider's or phone app's name by its slug. */
export const providerName = (slug: string) =>
  findProvider(slug)?.name ?? pushSource(slug)?.name ?? slug.replaceAll("_", " ");

/**
 * Names every source on the page by its provider ("Oura", "Apple Health"). Where one
 * provider has several, the account's own label, the phone's device name or the end of the
 * account id tells them apart. Styles are handed out in name order, so a source looks the
 * same in every chart.
 */
export function describeSources(
  rows: SourceRef[],
  accountLabels: Array<SourceRef & { label: string }>,
): Map<string, Source> {
  const unique = new Map<string, SourceRef>();
  for (const row of rows) unique.set(sourceKey(row), { provider: row.provider, sourceId: row.sourceId });
  const perProvider = new Map<string, number>();
  for (const ref of unique.values()) perProvider.set(ref.provider, (perProvider.get(ref.provider) ?? 0) + 1);
  const labels = new Map(accountLabels.map((row) => [sourceKey(row), row.label]));

  const named = [...unique.entries()].map(([key, ref]) => {
    const accountLabel = labels.get(key);
    let detail = accountLabel;
    if (!detail && (perProvider.get(ref.provider) ?? 0) > 1) {
      detail = pushSource(ref.provider) ? ref.sourceId || "unnamed device" : `account …${ref.sourceId.slice(-4)}`;
    }
    return { key, label: detail ? `${providerName(ref.provider)} · ${detail}` : providerName(ref.provider) };
  });
  named.sort((a, b) => a.label.localeCompare(b.label));
  return new Map(named.map((source, index) => [source.key, { ...source, style: seriesStyle(index) }]));
}
