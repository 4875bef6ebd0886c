import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { recordJobProgress } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import type { SyncRunResult } from "@/lib/sync/run-sync";
import { findSampleDays, remergeSampleDays } from "./remerge-sample-days";
import { dayWindows } from "./touched";

// The background half of a time-zone change (lib/preferences.ts): too many days to merge again
// inside the change's own request. Each window commits on its own, so a reader never sees a
// window half rewritten, and a retried job merges again from scratch (remergeDays is idempotent).

export const remergeJobPayloadSchema = z.object({
  /** The zone the samples' days were merged in before; its days are merged again too. */
  previousTimeZone: z.string().min(1),
  timeZone: z.string().min(1),
});
export type RemergeJobPayload = z.infer<typeof remergeJobPayloadSchema>;

export async function runRemergeJob(db: Database, job: SyncJob): Promise<SyncRunResult> {
  const payload = remergeJobPayloadSchema.parse(job.payload);
  const days = await findSampleDays(db, {
    userId: job.userId,
    timeZones: [payload.previousTimeZone, payload.timeZone],
  });
  const windows = dayWindows(days);
  let written = 0;
  for (const [index, window] of windows.entries()) {
    await db.transaction(async (tx) => {
      const rows = await remergeSampleDays(tx, { userId: job.userId, days: window.days });
      written += rows;
      await recordJobProgress(tx, {
        jobId: job.id,
        counts: { inserted: rows, updated: 0, unchanged: 0, rejected: 0 },
        progress: { done: index + 1, total: windows.length },
      });
    });
  }
  return { counts: { inserted: written, updated: 0, unchanged: 0, rejected: 0 }, status: "succeeded", error: null };
}
