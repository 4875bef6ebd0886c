import type { Database } from "@/lib/db";
import { claimNextJob } from "@/lib/db/queries/sync-jobs";
import { startWebhookDispatcher } from "@/lib/outbound/dispatcher";
import { getAppUrl } from "@/lib/providers/routing";
import { executeSyncJob } from "./run-job";
import { runScheduledSync } from "./run-scheduled-sync";
import type { LocalRunner } from "./types";

export type { LocalRunner } from "./types";

const IDLE_POLL_MS = 2_000;
const WORKERS = 2;
const SCHEDULER_TICK_MS = 60_000;
// Push subscriptions change rarely: the first tick (the in-app sandbox forgets them on restart), then hourly.
const SUBSCRIPTION_EVERY_TICKS = 60;

/**
 * Background jobs without Trigger.dev: workers in this process take jobs from sync_jobs
 * (durable, so pending work survives a restart), and a timer enqueues the scheduled sync.
 * A job waiting out a rate limit goes back to the queue (run-job.ts), so it holds no worker.
 */
export function startLocalRunner(db: Database, options: { appUrl?: string; workers?: number }): LocalRunner {
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

  const workers = Array.from({ length: options.workers ?? WORKERS }, () => work());
  // Outbound webhooks have a loop of their own: a slow receiver never takes a sync worker.
  const webhooks = startWebhookDispatcher(db);
  let ticks = 0;
  const scheduler = setInterval(() => {
    const keepSubscriptions = ticks++ % SUBSCRIPTION_EVERY_TICKS === 0;
    const appUrl = options.appUrl ?? getAppUrl();
    void runScheduledSync(db, { appUrl, keepSubscriptions }).catch((error: unknown) =>
      console.error("[jobs] the scheduled pass failed", error),
    );
  }, SCHEDULER_TICK_MS);
  scheduler.unref();

  return {
    wake: wakeAll,
    async stop() {
      isStopped = true;
      clearInterval(scheduler);
      wakeAll();
      await Promise.allSettled([...workers, webhooks.stop()]);
    },
  };
}
