import type { Database } from "@/lib/db";
import { listUnfinishedReceipts } from "@/lib/db/queries/ingest-receipts";
import { processUnfinishedReceipt } from "./ingest";

/**
 * Processes the receipts a stopped process left unprocessed (kept, then cut off mid-ingest:
 * its transaction rolled back), with the same result as the original post. Run at start-up
 * and from the phone source's card. A receipt that fails is marked failed, not retried forever.
 */
export async function resumeUnfinishedReceipts(
  db: Database,
  params: { userId?: string } = {},
): Promise<{ processed: number; failed: number }> {
  let processed = 0;
  let failed = 0;
  for (const receipt of await listUnfinishedReceipts(db, params)) {
    try {
      if (await processUnfinishedReceipt(db, { receiptId: receipt.id })) processed++;
    } catch (error) {
      failed++;
      console.error(
        `[ingest] receipt ${receipt.id} could not be processed`,
        error instanceof Error ? error.message : error,
      );
    }
  }
  return { processed, failed };
}
