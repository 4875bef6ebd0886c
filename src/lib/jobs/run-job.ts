import type { Database } from "@/lib/db";
import { setConnectionStatus } from "@/lib/db/queries/connections";
import { finishJob, retryJobLater } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { MalformedPayloadError, runConnectionSync, type SyncRunOptions } from "@/lib/sync/run-sync";
import { writePushedBody } from "@/lib/webhooks/write-pushed-body";

export const MAX_ATTEMPTS = 4;

/** Failures that another attempt cannot fix: only the person (reconnect) or a code fix can. */
export function isPermanentFailure(error: unknown): boolean {
  // FORBIDDEN: the person must act at the provider (e.g. accept Polar Flow consents) first.
  return error instanceof MalformedPayloadError || (error instanceof AppError && ["PROVIDER_AUTH_EXPIRED", "NOT_FOUND", "FORBIDDEN"].includes(error.code));
}

export const backoffMs = (attempt: number) => Math.min(30 * 60_000, 15_000 * 2 ** (attempt - 1));

/**
 * Runs a job that this worker has claimed, and records how it ended: succeeded, failed for
 * good, or back in the queue after a backoff. The same function backs the local runner and
 * the Trigger.dev task.
 */
export async function executeSyncJob(
  db: Database,
  job: SyncJob,
  options: SyncRunOptions & {
    /** requeue: this function schedules the retry (local runner); throw: the caller's platform retries (Trigger.dev). */
    onTransientFailure?: "requeue" | "throw";
  } = {},
): Promise<"succeeded" | "failed" | "retrying"> {
  try {
    // A push body's job writes what the provider sent; every other kind syncs from the provider.
    if (job.kind === "push") await writePushedBody(db, job);
    else await runConnectionSync(db, job, options);
    await finishJob(db, { jobId: job.id, status: "succeeded" });
    return "succeeded";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isPermanent = isPermanentFailure(error);
    if (!isPermanent && job.attempts < MAX_ATTEMPTS) {
      await retryJobLater(db, { jobId: job.id, runAfter: new Date(Date.now() + backoffMs(job.attempts)), error: message });
      if (options.onTransientFailure === "throw") throw error;
      return "retrying";
    }
    if (job.connectionId) {
      // Some providers refuse a token with HTTP 200 and a code (COROS): the status is set here, not only on a 401.
      const status = error instanceof AppError && error.code === "PROVIDER_AUTH_EXPIRED" ? "needs_reauth" : "error";
      await setConnectionStatus(db, { connectionId: job.connectionId, status, lastError: message }).catch(() => undefined);
    }
    await finishJob(db, { jobId: job.id, status: "failed", error: message });
    if (!isPermanent) console.error(`[jobs] sync job ${job.id} failed after ${job.attempts} attempts`, error);
    return "failed";
  }
}
