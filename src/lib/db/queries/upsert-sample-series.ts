import type { Database } from "../client";
import { encodeSeriesForCopy } from "../samples-copy-binary";
import { copyNewSamples } from "./copy-new-samples";
import { upsertSamples, type SampleOwner, type SampleWriteHint } from "./upsert-samples";
import { emptyCounts, type UpsertCounts } from "@/lib/sync/records";
import { sampleRecordsOf, seriesLength, type SampleSeries } from "@/lib/sync/sample-series";

/**
 * Writes one owner's samples held in columns (a slice of an export), with upsertSamples's
 * contract. New ones, the usual case, go to Postgres in one COPY built straight from the
 * columns; a slice that meets stored rows (a re-post), or any slice on PGlite, becomes records
 * and takes upsertSamples's way, so the outcome is the same either way.
 */
export async function upsertSampleSeries(
  db: Database,
  owner: SampleOwner,
  seriesList: SampleSeries[],
  hint: SampleWriteHint = { expectNew: true },
): Promise<UpsertCounts> {
  const total = seriesList.reduce((sum, series) => sum + seriesLength(series), 0);
  if (total === 0) return emptyCounts();
  if (hint.expectNew) {
    const copied = await copyNewSamples(db, () => encodeSeriesForCopy(owner, seriesList));
    if (copied) return { ...emptyCounts(), inserted: total };
    // Met stored rows: this slice and the next ones upsert.
    if (copied === false) hint.expectNew = false;
  }
  return upsertSamples(db, owner, seriesList.flatMap(sampleRecordsOf), hint);
}
