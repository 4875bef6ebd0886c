import { desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { ingestReceipts } from "../schema";

export type IngestReceipt = typeof ingestReceipts.$inferSelect;

/**
 * Keeps the body (gzip) before anything else happens to it. Returns the id only: returning the
 * row would send the body straight back, hex-encoded, at twice its size.
 */
export async function insertIngestReceipt(
  db: Database,
  params: { userId: string; apiKeyId: string | null; format: string; contentType: string | null; bodyBytes: number; bodyGzip: Buffer; options?: { aggregation?: string } },
): Promise<{ id: string }> {
  const [receipt] = await db.insert(ingestReceipts).values(params).returning({ id: ingestReceipts.id });
  return receipt!;
}

export async function finishIngestReceipt(
  db: Database,
  params: { receiptId: string; status: "processed" | "failed"; format?: string; counts?: Record<string, Record<string, number>>; error?: string },
): Promise<void> {
  await db
    .update(ingestReceipts)
    .set({ status: params.status, format: params.format, counts: params.counts, error: params.error ?? null, processedAt: new Date() })
    .where(eq(ingestReceipts.id, params.receiptId));
}

export async function getIngestReceipt(db: Database, params: { receiptId: string }): Promise<IngestReceipt | null> {
  const [receipt] = await db.select().from(ingestReceipts).where(eq(ingestReceipts.id, params.receiptId)).limit(1);
  return receipt ?? null;
}

/** The newest receipt of each format, for "last received" lines. */
export async function findLatestReceipts(db: Database, params: { userId: string }): Promise<Map<string, IngestReceipt>> {
  const rows = await db
    .selectDistinctOn([ingestReceipts.format])
    .from(ingestReceipts)
    .where(eq(ingestReceipts.userId, params.userId))
    .orderBy(ingestReceipts.format, desc(ingestReceipts.receivedAt));
  return new Map(rows.map((receipt) => [receipt.format, receipt]));
}
