import { AbortTaskRunError } from "@trigger.dev/sdk";
import { getDb } from "@/lib/db";
import { getSyncJob, startJob } from "@/lib/db/queries/sync-jobs";
import { getAppUrl } from "@/lib/providers/routing";
import { executeSyncJob } from "./run-job";

/**
 * The body of the Trigger.dev task: run the job row it was handed. Trigger.dev owns retries
 * here, so a permanent failure aborts the run instead of being retried.
 */
export async function runQueuedJob(jobId: string): Promise<{ status: string }> {
  const db = await getDb();
  const job = await getSyncJob(db, { jobId });
  if (!job) throw new AbortTaskRunError(`Job ${jobId} does not exist.`);
  if (job.status === "succeeded" || job.status === "partial" || job.status === "cancelled") return { status: job.status };
  const started = await startJob(db, { jobId });
  const outcome = await executeSyncJob(db, started, { appUrl: getAppUrl(), onTransientFailure: "throw" });
  if (outcome === "failed") throw new AbortTaskRunError((await getSyncJob(db, { jobId }))?.error ?? "sync failed");
  return { status: outcome };
}
