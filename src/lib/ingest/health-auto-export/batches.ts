import type { RecordBatch } from "@/lib/sync/records";
import { Rejections } from "../rejections";
import type { SourceBatch } from "../types";
import { SampleCollector } from "./sample-collector";

type Kind = Exclude<keyof RecordBatch, "samples">;
type Row<K extends Kind> = NonNullable<RecordBatch[K]>[number];

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

  add<K extends Kind | "samples">(source: string | undefined, kind: K, row: NonNullable<RecordBatch[K]>[number]): void {
    const sourceId = source ?? "";
    if (kind === "samples") return this.samples.add(sourceId, row as NonNullable<RecordBatch["samples"]>[number]);
    let batch = this.sources.get(sourceId);
    if (!batch) {
      batch = { activities: new Map(), sleepSessions: new Map(), dailySummaries: new Map(), bodyMeasurements: new Map() };
      this.sources.set(sourceId, batch);
    }
    const rows = batch[kind as Kind] as Map<string, Row<Kind>>;
    const key = (KEYS[kind as Kind] as (row: Row<Kind>) => string)(row as Row<Kind>);
    if (!rows.has(key)) rows.set(key, row as Row<Kind>);
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
    return this.samples.drain();
  }

  batches(): SourceBatch[] {
    const samples = new Map(this.samples.batches().map((batch) => [batch.sourceId, batch.records.samples]));
    const sourceIds = new Set([...this.sources.keys(), ...samples.keys()]);
    return [...sourceIds].map((sourceId) => {
      const records: RecordBatch = {};
      const kinds = this.sources.get(sourceId);
      if (kinds) {
        for (const kind of Object.keys(kinds) as Kind[]) {
          const rows = [...kinds[kind].values()];
          if (rows.length > 0) (records as Record<Kind, unknown[]>)[kind] = rows;
        }
      }
      const held = samples.get(sourceId);
      if (held) records.samples = held;
      return { sourceId, records };
    });
  }
}
