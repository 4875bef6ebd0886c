import type { RecordBatch } from "@/lib/sync/records";
import type { SampleSeries } from "@/lib/sync/sample-series";

/** Records from one device or app inside a pushed export (e.g. "Apple Watch", "Pixel 8"). */
export interface SourceBatch {
  /** Becomes the rows' sourceId: two phones pushing the same metric never overwrite each other. */
  sourceId: string;
  records: RecordBatch;
  /** Samples held in columns (Health Auto Export's streaming reader), besides any in `records`. */
  sampleSeries?: SampleSeries[];
}

/** One source's samples in columns, one series per metric. */
export interface SourceSampleSeries {
  sourceId: string;
  series: SampleSeries[];
}

/** Something in the body that could not be stored, and why. Never silently dropped. */
export interface RejectedItem {
  /** Where it was, e.g. "data.metrics[3].data[17]" or "workouts[2]". */
  path: string;
  reason: string;
}

/** What a parser makes of one pushed body. Parsers are pure: no database, no I/O. */
export interface ParsedIngest {
  batches: SourceBatch[];
  /** The first rejected items (LISTED_REJECTIONS of them at most)… */
  rejected: RejectedItem[];
  /** …and how many more there were, when any. */
  unlistedRejections?: number;
}

export type IngestFormat = "health-auto-export" | "health-connect";
