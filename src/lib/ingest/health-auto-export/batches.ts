import type { RecordBatch } from "@/lib/sync/records";
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
  samples: (row) => `${row.metric}|${row.time.toISOString()}`,
};

/** Collects records per source (device or app name), first one wins on a duplicate key. */
export class BatchCollector {
  private readonly sources = new Map<string, { [K in Kind]: Map<string, Row<K>> }>();
  readonly rejected: RejectedItem[] = [];

  add<K extends Kind>(source: string | undefined, kind: K, row: Row<K>): void {
    const sourceId = source ?? "";
    let batch = this.sources.get(sourceId);
    if (!batch) {
      batch = { activities: new Map(), sleepSessions: new Map(), dailySummaries: new Map(), bodyMeasurements: new Map(), samples: new Map() };
      this.sources.set(sourceId, batch);
    }
    const rows = batch[kind] as Map<string, Row<K>>;
    const key = (KEYS[kind] as (row: Row<K>) => string)(row);
    if (!rows.has(key)) rows.set(key, row);
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
