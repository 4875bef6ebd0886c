import { isDeepStrictEqual } from "node:util";
import type { z } from "zod";
import { Rejections } from "@/lib/ingest/rejections";
import type { ParsedIngest } from "@/lib/ingest/types";
import { implausibleRow, implausibleSample, timeWindow } from "@/lib/sync/plausibility";
import type { ActivityRecord, BodyRecord, RecordBatch, SampleRecord, SleepRecord } from "@/lib/sync/records";

interface Kept<T> {
  record: T;
  path: string;
}

interface SourceRecords {
  activities: Map<string, Kept<ActivityRecord>>;
  sleepSessions: Map<string, Kept<SleepRecord>>;
  bodyMeasurements: Map<string, Kept<BodyRecord>>;
  samples: Map<string, Kept<SampleRecord>>;
}

export type BodyFields = Pick<BodyRecord, "weightKg" | "bodyFatPercent">;

/** Gathers records per source and keeps each natural key once, so one upsert never hits a row twice. */
export class Collector {
  private readonly sources = new Map<string, SourceRecords>();
  private readonly rejections = new Rejections();
  /** The dates a record may have, fixed once per body. */
  private readonly window = timeWindow();

  reject(path: string, reason: string) {
    this.rejections.add(path, reason);
  }

  rejectIssues(path: string, error: z.ZodError) {
    this.reject(path, error.issues.map((issue) => `${issue.path.join(".") || "record"}: ${issue.message}`).join("; "));
  }

  activity(sourceId: string, record: ActivityRecord, path: string) {
    if (this.isImplausible(implausibleRow(record, this.window), path)) return;
    this.keep(this.source(sourceId).activities, record.externalId, record, path, `exercise id ${record.externalId}`);
  }

  sleep(sourceId: string, record: SleepRecord, path: string) {
    if (this.isImplausible(implausibleRow(record, this.window), path)) return;
    this.keep(this.source(sourceId).sleepSessions, record.externalId, record, path, `sleep id ${record.externalId}`);
  }

  sample(sourceId: string, record: SampleRecord, path: string) {
    if (this.isImplausible(implausibleSample(record, this.window), path)) return;
    const key = `${record.metric}|${record.time.toISOString()}`;
    this.keep(this.source(sourceId).samples, key, record, path, `${record.metric} at ${record.time.toISOString()}`);
  }

  /** Weight and body fat from one scale reading share a row: body measurements are keyed by time. */
  body(sourceId: string, measuredAt: Date, fields: Partial<BodyFields>, type: string, raw: unknown, path: string) {
    if (this.isImplausible(implausibleRow({ measuredAt, ...fields }, this.window), path)) return;
    const rows = this.source(sourceId).bodyMeasurements;
    const key = measuredAt.toISOString();
    const kept = rows.get(key);
    if (!kept) {
      rows.set(key, { record: { measuredAt, ...fields, raw: { [type]: raw } }, path });
      return;
    }
    const clash = (Object.keys(fields) as Array<keyof BodyFields>).find(
      (column) => kept.record[column] != null && kept.record[column] !== fields[column],
    );
    if (clash)
      return this.reject(
        path,
        `a different ${clash} at ${key} from this source is already in ${kept.path}; kept that one`,
      );
    kept.record = { ...kept.record, ...fields, raw: { ...(kept.record.raw as object), [type]: raw } };
  }

  result(): ParsedIngest {
    const list = <T>(map: Map<string, Kept<T>>) =>
      map.size ? [...map.values()].map((kept) => kept.record) : undefined;
    const batches = [...this.sources].map(([sourceId, records]) => {
      const batch: RecordBatch = {};
      const activities = list(records.activities);
      const sleepSessions = list(records.sleepSessions);
      const bodyMeasurements = list(records.bodyMeasurements);
      const samples = list(records.samples);
      if (activities) batch.activities = activities;
      if (sleepSessions) batch.sleepSessions = sleepSessions;
      if (bodyMeasurements) batch.bodyMeasurements = bodyMeasurements;
      if (samples) batch.samples = samples;
      return { sourceId, records: batch };
    });
    return { batches, ...this.rejections.summary() };
  }

  private isImplausible(reason: string | null, path: string): boolean {
    if (reason) this.reject(path, reason);
    return reason !== null;
  }

  private source(sourceId: string): SourceRecords {
    let records = this.sources.get(sourceId);
    if (!records) {
      records = { activities: new Map(), sleepSessions: new Map(), bodyMeasurements: new Map(), samples: new Map() };
      this.sources.set(sourceId, records);
    }
    return records;
  }

  // An identical repeat is the same record read twice; a different one at the same key would be lost silently.
  private keep<T>(map: Map<string, Kept<T>>, key: string, record: T, path: string, what: string) {
    const kept = map.get(key);
    if (!kept) map.set(key, { record, path });
    else if (!isDeepStrictEqual(kept.record, record))
      this.reject(path, `a different ${what} from this source is already in ${kept.path}; kept that one`);
  }
}

export interface ParseOptions {
  /** IANA zone for local dates of records sent without a zone offset (older HC Webhook builds). */
  timeZone?: string;
}

/** Parses one array item and hands its records, or its rejection, to the collector. */
export type RowHandler = (item: unknown, path: string, out: Collector, options: ParseOptions) => void;
