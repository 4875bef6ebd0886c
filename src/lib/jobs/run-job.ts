import type { Database } from "@/lib/db";
import { setConnectionStatus } from "@/lib/db/queries/connections";
import { deferJob, finishJob, LEASE_MS, retryJobLater } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import { AppError, hasErrorCode, type ErrorCode } from "@/lib/errors";
import { runConnectionSync, type SyncRunOptions, type SyncRunResult } from "@/lib/sync/run-sync";
import { WaitUntil } from "@/lib/sync/wait-until";
import { runForwardJob } from "@/lib/forwarding/run-forward-job";
import { enqueueForwardingAfter } from "./forwarding-jobs";
import { startLeaseHeartbeat } from "./lease-heartbeat";
import { runWeightSync } from "@/lib/weight/sync-weight";
import { runRemergeJob } from "@/lib/merge/daily/run-remerge-job";
import { writePushedBody } from "@/lib/webhooks/write-pushed-body";

export const MAX_ATTEMPTS = 4;

/** Failures that another attempt cannot fix: only the person (reconnect) or a code fix can. */
const PERMANENT_FAILURE_CODES: readonly ErrorCode[] = [
  "PROVIDER_AUTH_EXPIRED",
  "NOT_FOUND",
  // The person must act at the provider (e.g. accept Polar Flow consents) first.
  "FORBIDDEN",
  // The provider's data does not match its documentation: a code fix, not a retry.
  "PROVIDER_MALFORMED_PAYLOAD",
  // Every stream was refused, so another attempt gets the same answers.
  "PROVIDER_REFUSED",
  // The grant lacks the data's scope: only reconnecting adds it.
  "PROVIDER_SCOPE_MISSING",
];

export const isPermanentFailure = (error: unknown): boolean => hasErrorCode(error, ...PERMANENT_FAILURE_CODES);

export const backoffMs = (attempt: number) => Math.min(30 * 60_000, 15_000 * 2 ** (attempt - 1));

export type JobOutcome = "succeeded" | "partial" | "failed" | "retrying" | "waiting";

/**
 * Runs a job that this worker has claimed, and records how it ended: succeeded, partial (some
 * streams refused, the rest synced), failed for good, back in the queue after a backoff, or
 * back in the queue for the end of a provider's rate-limit window (waiting). The same function
 * backs the local runner and the Trigger.dev task.
 */
export async function executeSyncJob(
  db: Database,
  job: SyncJob,
  options: SyncRunOptions & {
    /** requeue: this function schedules the retry (local runner); throw: the caller's platform retries (Trigger.dev). */
    onTransientFailure?: "requeue" | "throw";
    /** How often the claim is renewed while the job runs. */
    heartbeatMs?: number;
  } = {},
): Promise<JobOutcome> {
  const heartbeat = startLeaseHeartbeat(db, { jobId: job.id, everyMs: options.heartbeatMs ?? LEASE_MS / 3 });
  try {
    const result = await runJobOfItsKind(db, job, options);
    await heartbeat.stop();
    await finishJob(db, { jobId: job.id, status: result.status, error: result.error ?? undefined });
    // After the job is finished, so a forwarding run it queues is a new job, not this one joined.
    await enqueueForwardingAfter(db, job, result.status).catch((error: unknown) =>
      console.error(`[jobs] queueing forwarding after job ${job.id} failed`, error),
    );
    return result.status;
  } catch (error) {
    await heartbeat.stop();
    if (error instanceof WaitUntil) {
      await deferJob(db, { jobId: job.id, until: error.until, waitingOn: error.budgetKey });
      return "waiting";
    }
    return recordFailure(db, job, error, options);
  }
}

/**
 * A push body's job writes what the provider sent; a weight job walks the provider's weigh-in
 * history; a forward job runs the source account's forwarding rules; every other kind syncs
 * the connection's streams.
 */
async function runJobOfItsKind(db: Database, job: SyncJob, options: SyncRunOptions): Promise<SyncRunResult> {
  if (job.kind === "push") {
    await writePushedBody(db, job);
    return { counts: { inserted: 0, updated: 0, unchanged: 0, rejected: 0 }, status: "succeeded", error: null };
  }
  if (job.kind === "weight") return runWeightSync(db, job, options);
  if (job.kind === "forward") return runForwardJob(db, job, options);
  if (job.kind === "remerge") return runRemergeJob(db, job);
  return runConnectionSync(db, job, options);
}

async function recordFailure(
  db: Database,
  job: SyncJob,
  error: unknown,
  options: { onTransientFailure?: "requeue" | "throw" },
): Promise<JobOutcome> {
  const message = error instanceof Error ? error.message : String(error);
  const isPermanent = isPermanentFailure(error);
  if (!isPermanent && job.attempts < MAX_ATTEMPTS) {
    await retryJobLater(db, {
      jobId: job.id,
      runAfter: new Date(Date.now() + backoffMs(job.attempts)),
      error: message,
    });
    if (options.onTransientFailure === "throw") throw error;
    return "retrying";
  }
  const isAuthExpired = error instanceof AppError && error.code === "PROVIDER_AUTH_EXPIRED";
  // A failed weight walk is the weight walk's: the connection's own syncs may be fine.
  // A failed forwarding run is not the source's either: the trouble is usually the destination's.
  if (job.connectionId && job.kind !== "forward" && (job.kind !== "weight" || isAuthExpired)) {
    // Some providers refuse a token with HTTP 200 and a code (COROS): the status is set here, not only on a 401.
    const status = isAuthExpired ? "needs_reauth" : "error";
    await setConnectionStatus(db, { connectionId: job.connectionId, status, lastError: message }).catch(
      () => undefined,
    );
  }
  await finishJob(db, { jobId: job.id, status: "failed", error: message });
  if (!isPermanent) console.error(`[jobs] sync job ${job.id} failed after ${job.attempts} attempts`, error);
  return "failed";
}
