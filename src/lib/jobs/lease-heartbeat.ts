import type { Database } from "@/lib/db";
import { renewJobLease } from "@/lib/db/queries/sync-jobs";

/**
 * Renews a claimed job's lease every `everyMs` until stopped. A worker that dies stops
 * renewing, and its job is claimable again once the (short) lease runs out.
 */
export function startLeaseHeartbeat(
  db: Database,
  params: { jobId: string; everyMs: number },
): { stop(): Promise<void> } {
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = inFlight
      .then(() => renewJobLease(db, { jobId: params.jobId }))
      .catch((error: unknown) => console.error(`[jobs] renewing the lease of job ${params.jobId} failed`, error));
  }, params.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      // A renewal still running must not land after the job's final status.
      await inFlight;
    },
  };
}
