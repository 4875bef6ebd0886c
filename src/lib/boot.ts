import { closeDatabase, getDatabaseHandle } from "@/lib/db";

const globalForBoot = globalThis as unknown as { qtBooted?: boolean };

export async function boot(): Promise<void> {
  if (globalForBoot.qtBooted) return;
  globalForBoot.qtBooted = true;
  const { mode } = await getDatabaseHandle();
  console.info(`[qt.run] database ready (${mode})`);
  if (mode === "pglite") closeOnSignals();
}

// An embedded database must be closed, not killed, or the next start has to recover it.
// Next installs its own SIGTERM/SIGINT handlers (which exit as soon as the HTTP server has
// closed) before instrumentation runs, so we put ours in front: close the database, then
// hand the signal to Next's handlers. Handlers Next would add later are switched off.
function closeOnSignals() {
  process.env.NEXT_MANUAL_SIG_HANDLE = "true";
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const nextHandlers = process.listeners(signal);
    process.removeAllListeners(signal);
    process.once(signal, () => {
      void closeDatabase()
        .catch((error: unknown) => console.error("[qt.run] closing the database failed", error))
        .finally(() => {
          if (nextHandlers.length === 0) process.exit(signal === "SIGINT" ? 130 : 143);
          for (const handler of nextHandlers) handler(signal);
        });
    });
  }
}
