import { getEnv } from "@/env";
import { closeDatabase, getDatabaseHandle } from "@/lib/db";
import { requeueRunningJobs } from "@/lib/db/queries/sync-jobs";
import { resumeUnfinishedReceipts } from "@/lib/ingest/resume-receipts";
import { isTriggerEnabled, registerLocalRunner } from "@/lib/jobs";
import { startLocalRunner, type LocalRunner } from "@/lib/jobs/local-runner";
import { getAppUrl } from "@/lib/providers/routing";
import { describeMissingSecrets, findMissingSecrets } from "@/lib/required-secrets";

const globalForBoot = globalThis as unknown as { qtBooted?: boolean };

export async function boot(): Promise<void> {
  if (globalForBoot.qtBooted) return;
  // Before anything else: a deployment that would only fail at the first sign-in must not start.
  const missing = findMissingSecrets(getEnv());
  if (missing.length > 0) throw new Error(describeMissingSecrets(missing));
  globalForBoot.qtBooted = true;
  const { db, mode } = await getDatabaseHandle();
  console.info(`[qt.run] database ready (${mode})`);
  // Bodies a stopped process kept but never finished; in the background, so start-up does not wait on a big export.
  void resumeUnfinishedReceipts(db)
    .then(
      ({ processed, failed }) =>
        (processed || failed) && console.info(`[qt.run] unfinished pushes: ${processed} processed, ${failed} failed`),
    )
    .catch((error: unknown) => console.error("[qt.run] processing unfinished pushes failed", error));
  let runner: LocalRunner | undefined;
  if (!isTriggerEnabled()) {
    // Embedded mode is one process: whatever was running when it stopped can restart now.
    if (mode === "pglite") await requeueRunningJobs(db);
    runner = startLocalRunner(db, { appUrl: getAppUrl() });
    registerLocalRunner(runner);
    console.info("[qt.run] local job runner started");
  }
  if (mode === "pglite") closeOnSignals(runner);
}

/** boot() for the server's start: a server that cannot work must not look healthy (/api/health) meanwhile, so say why and stop. */
export async function bootOrExit(): Promise<void> {
  try {
    await boot();
  } catch (error) {
    console.error(`[qt.run] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

// An embedded database must be closed, not killed, or the next start has to recover it.
// Next installs its own SIGTERM/SIGINT handlers (which exit as soon as the HTTP server has
// closed) before instrumentation runs, so we put ours in front: close the database, then
// hand the signal to Next's handlers. Handlers Next would add later are switched off.
function closeOnSignals(runner: LocalRunner | undefined) {
  process.env.NEXT_MANUAL_SIG_HANDLE = "true";
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const nextHandlers = process.listeners(signal);
    process.removeAllListeners(signal);
    process.once(signal, () => {
      // In-flight jobs get a moment to reach a page boundary; the rest resume at the next start.
      const stopped = runner
        ? Promise.race([runner.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))])
        : Promise.resolve();
      void stopped
        .then(() => closeDatabase())
        .catch((error: unknown) => console.error("[qt.run] closing the database failed", error))
        .finally(() => {
          if (nextHandlers.length === 0) process.exit(signal === "SIGINT" ? 130 : 143);
          for (const handler of nextHandlers) handler(signal);
        });
    });
  }
}
