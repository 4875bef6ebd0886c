import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { activities, bodyMeasurements, dailySummaries, sleepSessions } from "../schema";
import { mergeTouched } from "@/lib/merge/daily/merge-touched";
import { TouchedHistory } from "@/lib/merge/daily/touched";
import { recordDataEvents, type RecordChanges, type WrittenIds } from "@/lib/outbound/record-events";
import { linkActivitiesOnWrite } from "@/lib/merge/activities/link-on-write";
import { lockActivityMerging } from "@/lib/merge/activities/lock";
import { withoutImplausible } from "@/lib/sync/plausibility";
import {
  addCounts,
  emptyCounts,
  type ActivityRecord,
  type RecordBatch,
  type RecordRows,
  type UpsertCounts,
} from "@/lib/sync/records";
import { linkOriginalFiles, rememberFileReferences } from "./original-file-fetches";
import { upsertRows } from "./upsert-rows";
import { upsertSamples, type SampleWriteHint } from "./upsert-samples";
import { isIdentified, upsertWeighIns } from "./weigh-ins";

export interface RecordOwner {
  userId: string;
  connectionId: string | null;
  provider: string;
  /** Tells two accounts (or phones) of one provider apart in natural keys. */
  sourceId: string;
}

const SLICE = 5_000;

const NEVER_COMPARED = new Set([
  "id",
  "userId",
  "provider",
  "sourceId",
  "createdAt",
  "updatedAt",
  "syncStatus",
  // Time-keyed body rows carry none; a row that has one belongs to the id-keyed writer.
  "externalId",
  // Set by merging (merge/activities), never by a source: a re-sync must not undo a link.
  "mergedIntoId",
]);

/** Every content column of a table, i.e. what decides whether a row changed. */
function contentColumns(table: PgTable, key: PgColumn[]): PgColumn[] {
  const keyNames = new Set(key.map((column) => column.name));
  return Object.entries(getTableColumns(table))
    .filter(([name]) => !NEVER_COMPARED.has(name) && !keyNames.has(name))
    .map(([, column]) => column);
}

const activityKey = [activities.userId, activities.provider, activities.externalId];
const sleepKey = [sleepSessions.userId, sleepSessions.provider, sleepSessions.externalId];
const dailyKey = [dailySummaries.userId, dailySummaries.provider, dailySummaries.sourceId, dailySummaries.localDate];
const bodyKey = [
  bodyMeasurements.userId,
  bodyMeasurements.provider,
  bodyMeasurements.sourceId,
  bodyMeasurements.measuredAt,
];

/**
 * Writes one page of normalized records for one owner. The owner columns come from the
 * caller, never from the records, so a transform cannot write into another user's data.
 * The original files the page names are kept as due (fetched once the page commits), and
 * files fetched before their activity are tied to it now. The days, nights and weigh-ins it
 * touched are merged across sources again (lib/merge/daily). Call it inside the page's transaction.
 */
export async function upsertRecordBatch(db: Database, owner: RecordOwner, batch: RecordBatch): Promise<UpsertCounts> {
  // A provider's glitch (a -1 heart rate, a weight of 1e30 kg) is counted, not stored.
  const plausible = withoutImplausible(batch);
  const byTable = await upsertRecordBatchByTable(db, owner, plausible.batch);
  await mergeTouched(db, owner.userId, new TouchedHistory().add(plausible.batch));
  if (owner.connectionId) {
    const fileOwner = { userId: owner.userId, connectionId: owner.connectionId, provider: owner.provider };
    await rememberFileReferences(db, fileOwner, batch.originalFiles ?? []);
    const written = plausible.batch.activities?.map((activity) => activity.externalId) ?? [];
    await linkOriginalFiles(db, { ...fileOwner, externalIds: written });
  }
  return Object.values(byTable).reduce((total, counts) => addCounts(total, counts), {
    ...emptyCounts(),
    rejected: plausible.rejected,
  });
}

/** Activity rows alone, without linking them to their copies: the merge bench's baseline. */
export function writeActivities(
  db: Database,
  owner: RecordOwner,
  records: ActivityRecord[],
  written?: WrittenIds,
): Promise<UpsertCounts> {
  const { userId, connectionId, provider } = owner;
  return upsertRows(
    db,
    activities,
    records.map((record) => ({ ...record, userId, connectionId, provider })),
    {
      key: (row) => row.externalId,
      target: activityKey,
      compare: contentColumns(activities, activityKey),
      updatedAt: activities.updatedAt,
      written,
    },
  );
}

/**
 * The same, with the counts kept apart per table (the ingest reply reports them so). What the
 * batch inserted and changed is recorded as outbound webhook events in the same transaction.
 */
export async function upsertRecordBatchByTable(
  db: Database,
  owner: RecordOwner,
  batch: RecordBatch,
  sampleHint?: SampleWriteHint,
): Promise<Partial<Record<keyof RecordRows, UpsertCounts>>> {
  const result: Partial<Record<keyof RecordRows, UpsertCounts>> = {};
  const { userId, connectionId, provider, sourceId } = owner;
  const changes: RecordChanges = {};
  const written = (table: keyof RecordChanges): WrittenIds => (changes[table] ??= { inserted: [], updated: [] });

  // Owner columns are added a slice at a time: a phone export can hold half a million
  // samples, and a second full copy of them would double the memory the import needs.
  const write = async <In, Row>(
    name: keyof RecordRows,
    records: In[] | undefined,
    toRow: (record: In) => Row,
    upsert: (rows: Row[]) => Promise<UpsertCounts>,
  ) => {
    if (!records?.length) return;
    const counts = emptyCounts();
    for (let start = 0; start < records.length; start += SLICE)
      addCounts(counts, await upsert(records.slice(start, start + SLICE).map(toRow)));
    result[name] = counts;
  };

  // Copies of one activity across sources are linked as they are written (merge/activities).
  const writeStart = batch.activities?.length ? await lockActivityMerging(db, userId) : undefined;
  await write(
    "activities",
    batch.activities,
    (record) => record,
    (records) => writeActivities(db, owner, records, written("activities")),
  );
  if (batch.activities?.length && writeStart)
    await linkActivitiesOnWrite(
      db,
      { userId, connectionId, provider, writeStart },
      batch.activities.map((activity) => activity.externalId),
    );
  await write(
    "sleepSessions",
    batch.sleepSessions,
    (record) => ({ ...record, userId, connectionId, provider, sourceId }),
    (rows) =>
      upsertRows(db, sleepSessions, rows, {
        key: (row) => row.externalId,
        target: sleepKey,
        compare: contentColumns(sleepSessions, sleepKey),
        updatedAt: sleepSessions.updatedAt,
        written: written("sleepSessions"),
      }),
  );
  await write(
    "dailySummaries",
    batch.dailySummaries,
    (record) => ({ ...record, userId, connectionId, provider, sourceId }),
    (rows) =>
      upsertRows(db, dailySummaries, rows, {
        key: (row) => String(row.localDate),
        target: dailyKey,
        compare: contentColumns(dailySummaries, dailyKey),
        updatedAt: dailySummaries.updatedAt,
        isMerge: true,
        written: written("dailySummaries"),
      }),
  );
  // Samples carry no owner columns, so there is no copy to bound; upsertSamples cuts its own statements.
  if (batch.samples?.length)
    result.samples = await upsertSamples(db, { userId, provider, sourceId }, batch.samples, sampleHint);
  // Weigh-ins with the provider's id follow the weight rule (weigh-ins.ts); the rest are keyed
  // by their time. After the samples: a height in the same batch is the one BMI is computed from.
  await write(
    "bodyMeasurements",
    batch.bodyMeasurements,
    (record) => record,
    async (records) => {
      const identified = records.filter(isIdentified);
      const timed = records.filter((record) => !isIdentified(record));
      const counts = await upsertWeighIns(db, owner, identified, written("bodyMeasurements"));
      if (!timed.length) return counts;
      return addCounts(
        counts,
        await upsertRows(
          db,
          bodyMeasurements,
          timed.map((record) => ({ ...record, userId, connectionId, provider, sourceId })),
          {
            key: (row) => new Date(row.measuredAt).toISOString(),
            target: bodyKey,
            compare: contentColumns(bodyMeasurements, bodyKey),
            updatedAt: bodyMeasurements.updatedAt,
            written: written("bodyMeasurements"),
          },
        ),
      );
    },
  );
  await recordDataEvents(db, { userId, changes });
  return result;
}
