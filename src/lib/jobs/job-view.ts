import type { SyncJob } from "@/lib/db/schema";

/** A job as the JSON API and the UI show it. */
export function toJobView(job: SyncJob) {
  return {
    id: job.id,
    connectionId: job.connectionId,
    kind: job.kind,
    status: job.status,
    progress: { done: job.progressDone, total: job.progressTotal },
    counts: { inserted: job.inserted, updated: job.updated, unchanged: job.unchanged, rejected: job.rejected },
    waitingUntil: job.waitingUntil?.toISOString() ?? null,
    error: job.error,
    // Per stream key: ok, refused (with the provider's message), failed (unreadable) or skipped.
    streams: job.streamStatus,
    attempts: job.attempts,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
export type JobView = ReturnType<typeof toJobView>;
