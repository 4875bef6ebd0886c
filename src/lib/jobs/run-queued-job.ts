import { AbortTaskRunError, wait } from "@trigger.dev/sdk";
import { getDb } from "@/lib/db";
import { getSyncJob, startJob } from "@/lib/db/queries/sync-jobs";
import { getAppUrl } from "@/lib/providers/routing";
import { executeSyncJob } from "./run-job";

/**
 * The body of the Trigger.dev task: run the job row it was handed. Trigger.dev owns retries
 * here, so a permanent failure aborts the run instead of being retried. A job deferred to a
 * provider's rate-limit window sleeps in wait.until (the run is checkpointed, holding no
 * machine) and carries on from its committed cursors.
 */
export async function runQueuedJob(jobId: string): Promise<{ status: string }> {
  const db = await getDb();
  for (;;) {
    const job = await getSyncJob(db, { jobId });
    if (!job) throw new AbortTaskRunError(`Job ${jobId} does not exist.`);
    if (job.status === "succeeded" || job.status === "partial" || job.status === "cancelled")
      return { status: job.status };
    if (job.status === "waiting" && !job.leaseExpiresAt && job.runAfter > new Date())
      await wait.until({ date: job.runAfter });
    const started = await startJob(db, { jobId });
    const outcome = await executeSyncJob(db, started, { appUrl: getAppUrl(), onTransientFailure: "throw" });
    if (outcome === "waiting") continue;
    if (outcome === "failed") throw new AbortTaskRunError((await getSyncJob(db, { jobId }))?.error ?? "sync failed");
    return { status: outcome };
  }
}
