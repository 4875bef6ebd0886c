import { gunzip, gzip } from "node:zlib";
import { promisify } from "node:util";
import type { Database } from "@/lib/db";
import { markConnectionSynced, upsertConnection } from "@/lib/db/queries/connections";
import { finishIngestReceipt, getIngestReceipt, insertIngestReceipt } from "@/lib/db/queries/ingest-receipts";
import { upsertRecordBatchByTable } from "@/lib/db/queries/records";
import { AppError } from "@/lib/errors";
import { addCounts, emptyCounts, type UpsertCounts } from "@/lib/sync/records";
import { detectFormat } from "./formats";
import { describeJsonError } from "./json-error";
import type { RejectedItem } from "./types";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface IngestOutcome {
  receiptId: string;
  format: string;
  counts: Record<string, UpsertCounts>;
  rejected: RejectedItem[];
}

/**
 * A pushed export: kept (gzip) first, then parsed and written in one transaction, so a failure
 * leaves no half batch and the receipt can be replayed once the cause is fixed.
 */
export async function ingestBody(db: Database, params: { userId: string; apiKeyId: string | null; contentType: string | null; body: Buffer }): Promise<IngestOutcome> {
  const receipt = await insertIngestReceipt(db, {
    userId: params.userId,
    apiKeyId: params.apiKeyId,
    format: "unknown",
    contentType: params.contentType,
    bodyBytes: params.body.length,
    bodyGzip: await gzipAsync(params.body),
  });
  return processReceipt(db, { receiptId: receipt.id, userId: params.userId, body: params.body });
}

/** Runs a kept body through the current parsers again (after a parser fix). Idempotent. */
export async function reprocessReceipt(db: Database, params: { userId: string; receiptId: string }): Promise<IngestOutcome> {
  const receipt = await getIngestReceipt(db, { receiptId: params.receiptId });
  if (!receipt || receipt.userId !== params.userId) throw new AppError("NOT_FOUND", "No such receipt.");
  return processReceipt(db, { receiptId: receipt.id, userId: receipt.userId, body: await gunzipAsync(receipt.bodyGzip) });
}

async function processReceipt(db: Database, params: { receiptId: string; userId: string; body: Buffer }): Promise<IngestOutcome> {
  try {
    let json: unknown;
    const text = params.body.toString("utf8");
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new AppError("INVALID_INPUT", `The body is not valid JSON: ${describeJsonError(error as SyntaxError, text)}`);
    }
    const format = detectFormat(json);
    const parsed = format.parse(json);
    const counts: Record<string, UpsertCounts> = {};
    await db.transaction(async (tx) => {
      const { connection } = await upsertConnection(tx, {
        userId: params.userId, provider: format.provider, externalUserId: format.provider, label: null,
        authKind: "webhook", encryptedCredentials: null, expiresAt: null, scopes: [],
      });
      for (const batch of parsed.batches) {
        const byTable = await upsertRecordBatchByTable(tx, { userId: params.userId, connectionId: connection.id, provider: format.provider, sourceId: batch.sourceId }, batch.records);
        for (const [table, tableCounts] of Object.entries(byTable)) counts[table] = addCounts(counts[table] ?? emptyCounts(), tableCounts);
      }
      await markConnectionSynced(tx, { connectionId: connection.id });
    });
    const countsWithRejected = { ...counts, rejected: { ...emptyCounts(), rejected: parsed.rejected.length } };
    await finishIngestReceipt(db, { receiptId: params.receiptId, status: "processed", format: format.format, counts: countsWithRejected });
    return { receiptId: params.receiptId, format: format.format, counts, rejected: parsed.rejected };
  } catch (error) {
    await finishIngestReceipt(db, { receiptId: params.receiptId, status: "failed", error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
