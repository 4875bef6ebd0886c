import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { Database } from "@/lib/db";
import {
  finishIngestReceipt,
  getIngestReceipt,
  insertIngestReceipt,
  lockIngestReceipt,
  type IngestReceipt,
} from "@/lib/db/queries/ingest-receipts";
import { redactDatabaseError } from "@/lib/db/redact-error";
import { AppError } from "@/lib/errors";
import { emptyCounts, type UpsertCounts } from "@/lib/sync/records";
import { describeBodyPosition } from "./json-error";
import { JsonTooDeepError } from "./json-stream/json-depth";
import { JsonSyntaxError } from "./json-stream/json-splitter";
import { RECEIPT_GZIP_LEVEL, type ReceivedBody } from "./receive-body";
import type { RejectedItem } from "./types";
import { writeBody, type IngestOptions } from "./write-body";

export type { IngestOptions } from "./write-body";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface IngestOutcome {
  receiptId: string;
  format: string;
  counts: Record<string, UpsertCounts>;
  rejected: RejectedItem[];
  /** Rejected beyond the listed ones (the list stops at LISTED_REJECTIONS). */
  unlistedRejections?: number;
}

interface IngestParams {
  userId: string;
  apiKeyId: string | null;
  contentType: string | null;
  options?: IngestOptions;
}

/**
 * A pushed export: kept (gzip) first, then read back and written in one transaction as it is
 * parsed, so a failure leaves no half batch and the receipt can be replayed once the cause is fixed.
 */
export async function ingestReceived(
  db: Database,
  params: IngestParams & { received: ReceivedBody },
): Promise<IngestOutcome> {
  const receipt = await insertIngestReceipt(db, {
    userId: params.userId,
    apiKeyId: params.apiKeyId,
    format: "unknown",
    contentType: params.contentType,
    bodyBytes: params.received.bytes,
    bodyGzip: params.received.gzip,
    options: params.options?.aggregation === undefined ? undefined : { aggregation: params.options.aggregation },
  });
  const outcome = await processReceipt(
    db,
    { receiptId: receipt.id, userId: params.userId, gzip: params.received.gzip, options: params.options },
    "unfinished",
  );
  // Taken up by a start-up pass of another process between our insert and our lock: it is done.
  return outcome ?? outcomeOfProcessed((await getIngestReceipt(db, { receiptId: receipt.id }))!);
}

/** The same for a body already in memory (tests, the CLI). */
export async function ingestBody(db: Database, params: IngestParams & { body: Buffer }): Promise<IngestOutcome> {
  const received = { gzip: await gzipAsync(params.body, { level: RECEIPT_GZIP_LEVEL }), bytes: params.body.length };
  return ingestReceived(db, { ...params, received });
}

/** Runs a kept body through the current parsers again (after a parser fix). Idempotent. */
export async function reprocessReceipt(
  db: Database,
  params: { userId: string; receiptId: string },
): Promise<IngestOutcome> {
  const receipt = await getIngestReceipt(db, { receiptId: params.receiptId });
  if (!receipt || receipt.userId !== params.userId) throw new AppError("NOT_FOUND", "No such receipt.");
  return (await processReceipt(
    db,
    { receiptId: receipt.id, userId: receipt.userId, gzip: receipt.bodyGzip, options: receipt.options ?? undefined },
    "always",
  ))!;
}

/**
 * Processes a receipt that was kept but never processed (its process stopped mid-way), exactly
 * once however many processes try: null when it is already done or someone is on it.
 */
export async function processUnfinishedReceipt(
  db: Database,
  params: { receiptId: string },
): Promise<IngestOutcome | null> {
  const receipt = await getIngestReceipt(db, { receiptId: params.receiptId });
  if (!receipt || receipt.status !== "received" || !receipt.userId) return null;
  return processReceipt(
    db,
    { receiptId: receipt.id, userId: receipt.userId, gzip: receipt.bodyGzip, options: receipt.options ?? undefined },
    "unfinished-unless-busy",
  );
}

type ProcessWhen = "always" | "unfinished" | "unfinished-unless-busy";

/**
 * Parses and writes a receipt's body in one transaction that also marks the receipt processed,
 * so a crash leaves either both or neither. The receipt's row lock makes two processes that
 * take up one receipt run it once.
 */
async function processReceipt(
  db: Database,
  params: { receiptId: string; userId: string; gzip: Buffer; options?: IngestOptions },
  when: ProcessWhen,
): Promise<IngestOutcome | null> {
  try {
    return await db.transaction(async (tx) => {
      const locked = await lockIngestReceipt(tx, {
        receiptId: params.receiptId,
        skipLocked: when === "unfinished-unless-busy",
      });
      if (!locked || (when !== "always" && locked.status !== "received")) return null;
      const { format, counts, rejected, unlistedRejections } = await writeBody(
        tx,
        params.userId,
        params.gzip,
        params.options,
      );
      const countsWithRejected = {
        ...counts,
        rejected: { ...emptyCounts(), rejected: rejected.length + (unlistedRejections ?? 0) },
      };
      await finishIngestReceipt(tx, {
        receiptId: params.receiptId,
        status: "processed",
        format,
        counts: countsWithRejected,
      });
      return {
        receiptId: params.receiptId,
        format,
        counts,
        rejected,
        ...(unlistedRejections ? { unlistedRejections } : {}),
      };
    });
  } catch (thrown) {
    const error =
      thrown instanceof JsonSyntaxError
        ? await invalidJson(thrown, params.gzip)
        : (tooDeep(thrown) ?? redactDatabaseError(thrown));
    await finishIngestReceipt(db, {
      receiptId: params.receiptId,
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

/** A receipt processed elsewhere: its stored counts (the rejected items are not kept, only their number). */
function outcomeOfProcessed(receipt: IngestReceipt): IngestOutcome {
  if (receipt.status === "failed")
    throw new AppError("INVALID_INPUT", receipt.error ?? "The body could not be processed.");
  const { rejected, ...counts } = (receipt.counts ?? {}) as unknown as Record<string, UpsertCounts>;
  return {
    receiptId: receipt.id,
    format: receipt.format,
    counts,
    rejected: [],
    ...(rejected?.rejected ? { unlistedRejections: rejected.rejected } : {}),
  };
}

const tooDeep = (error: unknown) =>
  error instanceof JsonTooDeepError
    ? new AppError("INVALID_INPUT", `The body is too deeply nested: ${error.message}.`, {
        path: error.path,
        position: error.position,
      })
    : undefined;

async function invalidJson(error: JsonSyntaxError, gzipped: Buffer): Promise<AppError> {
  const where = describeBodyPosition(await gunzipAsync(gzipped), error.position);
  return new AppError("INVALID_INPUT", `The body is not valid JSON: ${error.reason} at ${where}.`, {
    position: error.position,
  });
}
