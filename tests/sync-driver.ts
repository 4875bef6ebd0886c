import { eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import type { Database } from "@/lib/db/client";
import type { FileStore } from "@/lib/files/store";
import { claimNextJob, getSyncJob } from "@/lib/db/queries/sync-jobs";
import { providerConnections, syncJobs, type SyncJob } from "@/lib/db/schema";
import { enqueueConnectionSync } from "@/lib/jobs";
import { executeSyncJob } from "@/lib/jobs/run-job";
import type { ProviderSync } from "@/lib/sync/types";
import { createTestUser } from "./factories";
import { APP_ORIGIN, authorizeAtProvider } from "./oauth-driver";

export async function connectSandboxAccount(db: Database, provider: string, account = "athlete") {
  const user = await createTestUser(db);
  const query = await authorizeAtProvider(db, { userId: user.id, provider, account });
  const { connection } = await completeConnection(db, { userId: user.id, query, origin: APP_ORIGIN });
  return { user, connection };
}

/**
 * A shorter first-sync backfill for the test file (beforeAll, put back afterAll), for files
 * about one stream or about what a sync is asked to do: the other streams' years only slow them.
 */
export function setUpBackfillDays(sync: ProviderSync, days: number) {
  let original: number | undefined;
  beforeAll(() => {
    original = sync.backfillDays;
    sync.backfillDays = days;
  });
  afterAll(() => {
    if (original !== undefined) sync.backfillDays = original;
  });
}

/** Waits recorded instead of slept, so rate-limit tests run in milliseconds. */
export function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/**
 * Queues a sync for the connection and runs it to an end the way a worker would: claim,
 * execute, and again while the job is re-queued for a retry or for the end of a rate-limit
 * window (both run at once here; `onWaiting` sees each such deferred row first).
 */
export async function syncNow(db: Database, connection: { id: string; userId: string }, options: RunOptions = {}) {
  const { job } = await enqueueConnectionSync(db, { userId: connection.userId, connectionId: connection.id });
  return runJobToEnd(db, job, options);
}

type RunOptions = {
  sleep?: (ms: number) => Promise<void>;
  /** Attempts that may end in a retry before this gives up and returns the job as it stands. */
  maxAttempts?: number;
  onWaiting?: (job: SyncJob) => void;
  /** Where original files go (a DiskFileStore in a temporary folder); the app's store otherwise. */
  fileStore?: FileStore;
  /** The largest original file kept; QT_FILE_MAX_MB otherwise. */
  maxFileBytes?: number;
};

/** Runs a queued job (of any kind) to an end as syncNow does. */
export async function runJobToEnd(db: Database, job: Pick<SyncJob, "id" | "connectionId">, options: RunOptions = {}) {
  let attempts = 0;
  for (let waits = 0; attempts < (options.maxAttempts ?? 1) && waits < MAX_DEFERRALS;) {
    await db
      .update(syncJobs)
      .set({ runAfter: new Date(0), waitingUntil: null })
      .where(eq(syncJobs.id, job.id));
    const claimed = await claimNextJob(db, { connectionId: job.connectionId! });
    if (!claimed || claimed.id !== job.id) throw new Error(`expected to claim job ${job.id}, got ${claimed?.id}`);
    const outcome = await executeSyncJob(db, claimed, {
      sleep: options.sleep ?? (async () => {}),
      fileStore: options.fileStore,
      maxFileBytes: options.maxFileBytes,
    });
    if (outcome === "waiting") {
      waits++;
      options.onWaiting?.((await getSyncJob(db, { jobId: job.id }))!);
      continue;
    }
    attempts++;
    if (outcome !== "retrying") break;
  }
  return (await getSyncJob(db, { jobId: job.id }))!;
}

const MAX_DEFERRALS = 20;

export async function reloadConnection(db: Database, id: string) {
  return (await db.select().from(providerConnections).where(eq(providerConnections.id, id)))[0]!;
}

/** Runs the connection's queued jobs (syncs and push bodies alike) the way a worker would, until none is left; returns them as they ended. */
export async function runQueuedJobs(db: Database, connection: { id: string }) {
  const ran = [];
  for (;;) {
    await db
      .update(syncJobs)
      .set({ runAfter: new Date(0) })
      .where(eq(syncJobs.connectionId, connection.id));
    const claimed = await claimNextJob(db, { connectionId: connection.id });
    if (!claimed) break;
    await executeSyncJob(db, claimed, { sleep: async () => {} });
    const ended = (await getSyncJob(db, { jobId: claimed.id }))!;
    ran.push(ended);
    // A job put back for a retry ran once here: as a worker, stop rather than spin on it.
    if (ended.status === "pending") break;
  }
  return ran;
}
