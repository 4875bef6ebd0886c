import { implausibleRow, implausibleSample, timeWindow } from "@/lib/sync/plausibility";
import type { RecordRows, SampleRecord } from "@/lib/sync/records";
import { sampleRecordsOf } from "@/lib/sync/sample-series";
import { Rejections } from "../rejections";
import type { SourceBatch } from "../types";
import { SampleCollector } from "./sample-collector";

type Kind = Exclude<keyof RecordRows, "samples">;
type Row<K extends Kind> = NonNullable<RecordRows[K]>[number];

// Rows that would hit the same unique key twice in one upsert (Postgres refuses "ON CONFLICT
// … affect row a second time"), e.g. a workout's heart-rate minute that is also a metric point.
const KEYS: { [K in Kind]: (row: Row<K>) => string } = {
  activities: (row) => row.externalId,
  sleepSessions: (row) => row.externalId,
  dailySummaries: (row) => row.localDate,
  bodyMeasurements: (row) => row.measuredAt.toISOString(),
};

/** Collects records per source (device or app name), first one wins on a duplicate key. */
export class BatchCollector {
  private readonly sources = new Map<string, { [K in Kind]: Map<string, Row<K>> }>();
  private readonly samples = new SampleCollector();
  readonly rejections = new Rejections();

  /** The dates a record may have, fixed once per body. */
  readonly window = timeWindow();

  /**
   * Keeps a record; with a `path`, only once it passed the plausibility checks (false when it
   * was rejected). Metric points are checked by their parser, which knows their metric up front.
   */
  add<K extends Kind | "samples">(
    source: string | undefined,
    kind: K,
    row: NonNullable<RecordRows[K]>[number],
    path?: string,
  ): boolean {
    if (path !== undefined) {
      const reason =
        kind === "samples" ? implausibleSample(row as SampleRecord, this.window) : implausibleRow(row, this.window);
      if (reason) {
        this.reject(path, reason);
        return false;
      }
    }
    const sourceId = source ?? "";
    if (kind === "samples") {
      this.samples.addRecord(sourceId, row as SampleRecord);
      return true;
    }
    let batch = this.sources.get(sourceId);
    if (!batch) {
      batch = {
        activities: new Map(),
        sleepSessions: new Map(),
        dailySummaries: new Map(),
        bodyMeasurements: new Map(),
      };
      this.sources.set(sourceId, batch);
    }
    const rows = batch[kind as Kind] as Map<string, Row<Kind>>;
    const key = (KEYS[kind as Kind] as (row: Row<Kind>) => string)(row as Row<Kind>);
    if (!rows.has(key)) rows.set(key, row as Row<Kind>);
    return true;
  }

  /**
   * A metric point, already checked by its parser, by its parts (time in epoch milliseconds):
   * no record or Date is made for the half a million of an export.
   */
  addSample(source: string, metric: string, unit: string, time: number, value: number, meta: unknown): void {
    this.samples.add(source, metric, unit, time, value, NaN, meta);
  }

  reject(path: string, reason: string): void {
    this.rejections.add(path, reason);
  }

  /** Samples held since the last drain. */
  get pendingSamples(): number {
    return this.samples.pending;
  }

  /** Hands over the samples held so far (see SampleCollector.drain). */
  drainSamples(): SourceBatch[] {
    return this.samples.drain().map(({ sourceId, series }) => ({ sourceId, records: {}, sampleSeries: series }));
  }

  batches(): SourceBatch[] {
    const samples = new Map(this.samples.batches().map((batch) => [batch.sourceId, batch.series]));
    const sourceIds = new Set([...this.sources.keys(), ...samples.keys()]);
    return [...sourceIds].map((sourceId) => {
      const records: RecordRows = {};
      const kinds = this.sources.get(sourceId);
      if (kinds) {
        for (const kind of Object.keys(kinds) as Kind[]) {
          const rows = [...kinds[kind].values()];
          if (rows.length > 0) (records as Record<Kind, unknown[]>)[kind] = rows;
        }
      }
      // What is left at the end is at most one slice: handed over as records, like every other kind.
      const held = samples.get(sourceId);
      if (held) records.samples = held.flatMap(sampleRecordsOf);
      return { sourceId, records };
    });
  }
}
