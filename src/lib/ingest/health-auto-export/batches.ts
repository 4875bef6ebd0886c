import type { RecordBatch, SampleRecord } from "@/lib/sync/records";
import type { RejectedItem, SourceBatch } from "../types";

type Kind = keyof RecordBatch;
type Row<K extends Kind> = NonNullable<RecordBatch[K]>[number];

// Rows that would hit the same unique key twice in one upsert (Postgres refuses "ON CONFLICT
// … affect row a second time"), e.g. a workout's heart-rate minute that is also a metric point.
const KEYS: { [K in Kind]: (row: Row<K>) => string } = {
  activities: (row) => row.externalId,
  sleepSessions: (row) => row.externalId,
  dailySummaries: (row) => row.localDate,
  bodyMeasurements: (row) => row.measuredAt.toISOString(),
  samples: (row) => `${row.metric}|${row.time.getTime()}`,
};

/** Collects records per source (device or app name), first one wins on a duplicate key. */
export class BatchCollector {
  private readonly sources = new Map<string, { [K in Kind]: Map<string, Row<K>> }>();
  readonly rejected: RejectedItem[] = [];
  /** Samples held since the last drain. */
  pendingSamples = 0;
  /** Times of the samples already drained, per source and metric: numbers, to stay small. */
  private readonly drained = new Map<string, Set<number>>();

  add<K extends Kind>(source: string | undefined, kind: K, row: Row<K>): void {
    const sourceId = source ?? "";
    let batch = this.sources.get(sourceId);
    if (!batch) {
      batch = { activities: new Map(), sleepSessions: new Map(), dailySummaries: new Map(), bodyMeasurements: new Map(), samples: new Map() };
      this.sources.set(sourceId, batch);
    }
    const rows = batch[kind] as Map<string, Row<K>>;
    if (kind === "samples" && this.wasDrained(sourceId, row as Row<"samples">)) return;
    const key = (KEYS[kind] as (row: Row<K>) => string)(row);
    if (rows.has(key)) return;
    rows.set(key, row);
    if (kind === "samples") this.pendingSamples++;
  }

  /**
   * Hands over the samples collected so far, so a large export is written in slices while it is
   * still being read. Their keys are remembered, so a later duplicate still loses to the first,
   * as it does in a body written whole (and a re-post finds nothing to change).
   */
  drainSamples(): SourceBatch[] {
    const drained: SourceBatch[] = [];
    for (const [sourceId, kinds] of this.sources) {
      if (kinds.samples.size === 0) continue;
      const samples = [...kinds.samples.values()] as SampleRecord[];
      for (const sample of samples) this.drainedTimes(sourceId, sample.metric).add(sample.time.getTime());
      drained.push({ sourceId, records: { samples } });
      kinds.samples.clear();
    }
    this.pendingSamples = 0;
    return drained;
  }

  private wasDrained(sourceId: string, sample: Row<"samples">): boolean {
    return this.drained.size > 0 && (this.drained.get(`${sourceId}\u0000${sample.metric}`)?.has(sample.time.getTime()) ?? false);
  }

  private drainedTimes(sourceId: string, metric: string): Set<number> {
    const key = `${sourceId}\u0000${metric}`;
    let times = this.drained.get(key);
    if (!times) this.drained.set(key, (times = new Set()));
    return times;
  }

  reject(path: string, reason: string): void {
    this.rejected.push({ path, reason });
  }

  batches(): SourceBatch[] {
    return [...this.sources].map(([sourceId, kinds]) => {
      const records: RecordBatch = {};
      for (const kind of Object.keys(kinds) as Kind[]) {
        const rows = [...kinds[kind].values()];
        if (rows.length > 0) (records as Record<Kind, unknown[]>)[kind] = rows;
      }
      return { sourceId, records };
    });
  }
}
