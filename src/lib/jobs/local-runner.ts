import { getEnv } from "@/env";
import type { Database } from "@/lib/db";
import { listConnectionsDueForSync } from "@/lib/db/queries/connections";
import { claimNextJob } from "@/lib/db/queries/sync-jobs";
import { executeSyncJob } from "./run-job";

const IDLE_POLL_MS = 2_000;
const WORKERS = 2;

export interface LocalRunner {
  /** Look for work now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Background jobs without Trigger.dev: workers in this process take jobs from sync_jobs
 * (durable, so pending work survives a restart), and a timer enqueues the scheduled sync.
 */
export function startLocalRunner(db: Database, options: { appUrl?: string; enqueueScheduled: (connectionId: string, userId: string) => Promise<void> }): LocalRunner {
  let isStopped = false;
  const sleepers = new Set<() => void>();
  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, IDLE_POLL_MS);
      sleepers.add(done);
    });
  const wakeAll = () => [...sleepers].forEach((wake) => wake());

  async function work() {
    while (!isStopped) {
      const job = await claimNextJob(db).catch((error: unknown) => {
        console.error("[jobs] claiming a job failed", error);
        return null;
      });
      if (job) await executeSyncJob(db, job, { appUrl: options.appUrl });
      else await idle();
    }
  }

  async function scheduleDueSyncs() {
    const intervalMs = getEnv().QT_SYNC_INTERVAL_MINUTES * 60_000;
    const due = await listConnectionsDueForSync(db, { syncedBefore: new Date(Date.now() - intervalMs) });
    for (const connection of due) await options.enqueueScheduled(connection.id, connection.userId);
  }

  const workers = Array.from({ length: WORKERS }, () => work());
  const scheduler = setInterval(() => void scheduleDueSyncs().catch((error: unknown) => console.error("[jobs] scheduling failed", error)), 60_000);
  scheduler.unref();

  return {
    wake: wakeAll,
    async stop() {
      isStopped = true;
      clearInterval(scheduler);
      wakeAll();
      await Promise.allSettled(workers);
    },
  };
}
