import { getEnv } from "@/env";
import type { Database } from "@/lib/db";
import { createSyncJob, setJobTriggerRun } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import type { LocalRunner, SyncKind } from "./types";

export type { LocalRunner, SyncKind } from "./types";

// The dispatch seam: the only door to background work. With TRIGGER_SECRET_KEY the job runs
// on Trigger.dev, otherwise on the local runner inside this process. Either way the job row
// in sync_jobs is what the UI and the API read.

const globalForJobs = globalThis as unknown as { qtLocalRunner?: LocalRunner };

export function registerLocalRunner(runner: LocalRunner | undefined) {
  globalForJobs.qtLocalRunner = runner;
}

export function isTriggerEnabled(): boolean {
  return Boolean(getEnv().TRIGGER_SECRET_KEY);
}

export async function enqueueConnectionSync(
  db: Database,
  params: {
    userId: string;
    connectionId: string;
    kind?: SyncKind;
    reason?: string;
    payload?: Record<string, unknown>;
    idempotencyKey?: string;
    /** Not before then; now when unset. */
    runAfter?: Date;
  },
): Promise<{ job: SyncJob; isNew: boolean }> {
  const { job, isNew } = await createSyncJob(db, {
    userId: params.userId,
    connectionId: params.connectionId,
    kind: params.kind ?? "sync",
    payload: { ...params.payload, ...(params.reason ? { reason: params.reason } : {}) },
    idempotencyKey: params.idempotencyKey,
    runAfter: params.runAfter,
  });
  if (!isNew) return { job, isNew };
  if (isTriggerEnabled()) {
    const { triggerSyncTask } = await import("./trigger-dispatch");
    const runId = await triggerSyncTask({
      jobId: job.id,
      connectionId: params.connectionId,
      kind: params.kind ?? "sync",
      runAfter: params.runAfter,
    });
    await setJobTriggerRun(db, { jobId: job.id, triggerRunId: runId });
  } else {
    globalForJobs.qtLocalRunner?.wake();
  }
  return { job, isNew };
}

/**
 * Merges the person's sample-made days again in the background (after a time-zone change too
 * large to merge inside the request). Not a connection's job: it runs beside their syncs.
 */
export async function enqueueHistoryRemerge(
  db: Database,
  params: { userId: string; payload: { previousTimeZone: string; timeZone: string } },
): Promise<SyncJob> {
  const { job } = await createSyncJob(db, {
    userId: params.userId,
    connectionId: null,
    kind: "remerge",
    payload: params.payload,
  });
  if (isTriggerEnabled()) {
    const { triggerSyncTask } = await import("./trigger-dispatch");
    const runId = await triggerSyncTask({ jobId: job.id, connectionId: `user:${params.userId}`, kind: "remerge" });
    await setJobTriggerRun(db, { jobId: job.id, triggerRunId: runId });
  } else {
    globalForJobs.qtLocalRunner?.wake();
  }
  return job;
}
