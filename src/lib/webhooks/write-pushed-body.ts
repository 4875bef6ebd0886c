import { createGunzip } from "node:zlib";
import { z, ZodError } from "zod";
import type { Database } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { finishIngestReceipt, getIngestReceiptBody } from "@/lib/db/queries/ingest-receipts";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { recordJobProgress } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { JsonSplitter } from "@/lib/ingest/json-stream/json-splitter";
import { getProviderOrThrow } from "@/lib/providers";
import { addCounts, emptyCounts, type RecordBatch, type UpsertCounts } from "@/lib/sync/records";
import { malformedPayloadError } from "@/lib/sync/stream-outcome";

const pushJobPayloadSchema = z.object({ receiptId: z.uuid() });

// The gzip is read back in chunks this size: memory holds one chunk and one slice of records.
const CHUNK_BYTES = 64 * 1024;

/**
 * A 'push' job: writes what a kept push body holds for the job's connection, through the same
 * transforms and upserts as the sync, in one transaction. Rows are keyed as the sync keys them
 * (Garmin: by summaryId or activityId), so a retry after a crash, a re-delivered body or an
 * updated summary changes rows in place and never adds a second one.
 */
export async function writePushedBody(db: Database, job: SyncJob): Promise<UpsertCounts> {
  const { receiptId } = pushJobPayloadSchema.parse(job.payload);
  const connection = await getConnectionOrThrow(db, { userId: job.userId, connectionId: job.connectionId! });
  const provider = getProviderOrThrow(connection.provider);
  const readers = provider.webhook?.keptBody;
  const gzipped = await getIngestReceiptBody(db, { receiptId });
  if (!readers || !gzipped)
    throw new AppError("NOT_FOUND", `Push body ${receiptId} is gone or ${provider.name} keeps none.`);
  const owner = {
    userId: connection.userId,
    connectionId: connection.id,
    provider: provider.slug,
    sourceId: connection.externalUserId,
  };

  try {
    const counts = await db.transaction(async (tx) => {
      const total = emptyCounts();
      const write = async (batch: RecordBatch | undefined) =>
        batch && addCounts(total, await upsertRecordBatch(tx, owner, batch));
      const reader = readers.readPushedRecords(connection.externalUserId);
      const splitter = new JsonSplitter(reader);
      const chunks = createGunzip({ chunkSize: CHUNK_BYTES });
      chunks.end(gzipped);
      for await (const chunk of chunks as AsyncIterable<Buffer>) {
        splitter.write(chunk);
        await write(reader.take());
      }
      splitter.end();
      await write(reader.finish());
      await recordJobProgress(tx, { jobId: job.id, counts: total, progress: { done: 100, total: 100 } });
      return total;
    });
    // One body may be several people's, one job each: the receipt tells how the last of them ended, each job its own counts.
    await finishIngestReceipt(db, { receiptId, status: "processed" });
    return counts;
  } catch (thrown) {
    // The body's shape was checked as it arrived; a summary that fails its schema will fail every retry.
    const error = thrown instanceof ZodError ? malformedPayloadError(provider.name, "pushed", thrown) : thrown;
    await finishIngestReceipt(db, {
      receiptId,
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
