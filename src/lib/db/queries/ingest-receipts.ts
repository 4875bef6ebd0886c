import { and, asc, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { ingestReceipts } from "../schema";

export type IngestReceipt = typeof ingestReceipts.$inferSelect;

/**
 * Bytes of the kept body per statement. Sent whole, a 50 MB export's gzip was a 14 MB hex
 * parameter, and postgres.js keeps a send buffer the size of the largest message it has built
 * for the life of the process: in pieces that buffer stays at a couple of MB.
 */
export const RECEIPT_PIECE_BYTES = 1024 * 1024;

/**
 * Keeps the body (gzip) before anything else happens to it, in one transaction so a receipt is
 * never seen with part of its body. Returns the id only: returning the row would send the body
 * straight back, hex-encoded, at twice its size.
 */
export async function insertIngestReceipt(
  db: Database,
  params: {
    userId: string | null;
    apiKeyId: string | null;
    format: string;
    contentType: string | null;
    bodyBytes: number;
    bodyGzip: Buffer;
    options?: { aggregation?: string };
  },
): Promise<{ id: string }> {
  const { bodyGzip } = params;
  const first = bodyGzip.subarray(0, RECEIPT_PIECE_BYTES);
  if (first.length === bodyGzip.length) return insertReceiptRow(db, params);
  return db.transaction(async (tx) => {
    const receipt = await insertReceiptRow(tx, { ...params, bodyGzip: first });
    for (let start = RECEIPT_PIECE_BYTES; start < bodyGzip.length; start += RECEIPT_PIECE_BYTES) {
      const piece = bodyGzip.subarray(start, start + RECEIPT_PIECE_BYTES).toString("hex");
      await tx
        .update(ingestReceipts)
        .set({ bodyGzip: sql`${ingestReceipts.bodyGzip} || decode(${piece}, 'hex')` })
        .where(eq(ingestReceipts.id, receipt.id));
    }
    return receipt;
  });
}

async function insertReceiptRow(db: Database, values: typeof ingestReceipts.$inferInsert): Promise<{ id: string }> {
  const [receipt] = await db.insert(ingestReceipts).values(values).returning({ id: ingestReceipts.id });
  return receipt!;
}

export async function finishIngestReceipt(
  db: Database,
  params: {
    receiptId: string;
    status: "processed" | "failed";
    format?: string;
    counts?: Record<string, Record<string, number>>;
    error?: string;
  },
): Promise<void> {
  await db
    .update(ingestReceipts)
    .set({
      status: params.status,
      format: params.format,
      counts: params.counts,
      error: params.error ?? null,
      processedAt: new Date(),
    })
    .where(eq(ingestReceipts.id, params.receiptId));
}

export async function getIngestReceipt(db: Database, params: { receiptId: string }): Promise<IngestReceipt | null> {
  const [receipt] = await db.select().from(ingestReceipts).where(eq(ingestReceipts.id, params.receiptId)).limit(1);
  return receipt ?? null;
}

/**
 * Only the kept body, read as base64 text: PGlite parses a bytea result byte by byte in
 * JavaScript (~10 s for 26 MB), while Node decodes base64 at once.
 */
export async function getIngestReceiptBody(db: Database, params: { receiptId: string }): Promise<Buffer | null> {
  const [row] = await db
    .select({ body: sql<string>`encode(${ingestReceipts.bodyGzip}, 'base64')` })
    .from(ingestReceipts)
    .where(eq(ingestReceipts.id, params.receiptId))
    .limit(1);
  return row ? Buffer.from(row.body, "base64") : null;
}

/** The newest receipt of each format, for "last received" lines. */
export async function findLatestReceipts(
  db: Database,
  params: { userId: string },
): Promise<Map<string, IngestReceipt>> {
  const rows = await db
    .selectDistinctOn([ingestReceipts.format])
    .from(ingestReceipts)
    .where(eq(ingestReceipts.userId, params.userId))
    .orderBy(ingestReceipts.format, desc(ingestReceipts.receivedAt));
  return new Map(rows.map((receipt) => [receipt.format, receipt]));
}

/**
 * Locks a receipt for processing inside the caller's transaction and says where it stands.
 * `skipLocked`: a receipt someone is processing right now is left to them (null).
 */
export async function lockIngestReceipt(
  tx: Database,
  params: { receiptId: string; skipLocked?: boolean },
): Promise<Pick<IngestReceipt, "status" | "format" | "counts"> | null> {
  const [receipt] = await tx
    .select({ status: ingestReceipts.status, format: ingestReceipts.format, counts: ingestReceipts.counts })
    .from(ingestReceipts)
    .where(eq(ingestReceipts.id, params.receiptId))
    .for("update", params.skipLocked ? { skipLocked: true } : {});
  return receipt ?? null;
}

/**
 * Phone receipts kept but never processed (the process stopped mid-way), oldest first. A
 * provider's push body (no user) is not among them: its push jobs, durable in sync_jobs, write it.
 */
export async function listUnfinishedReceipts(
  db: Database,
  params: { userId?: string } = {},
): Promise<Pick<IngestReceipt, "id" | "userId">[]> {
  return db
    .select({ id: ingestReceipts.id, userId: ingestReceipts.userId })
    .from(ingestReceipts)
    .where(
      and(
        eq(ingestReceipts.status, "received"),
        params.userId ? eq(ingestReceipts.userId, params.userId) : isNotNull(ingestReceipts.userId),
      ),
    )
    .orderBy(asc(ingestReceipts.receivedAt));
}

export async function countUnfinishedReceipts(db: Database, params: { userId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(ingestReceipts)
    .where(and(eq(ingestReceipts.status, "received"), eq(ingestReceipts.userId, params.userId)));
  return row?.n ?? 0;
}
