import { tasks } from "@trigger.dev/sdk";
import type { syncConnectionTask } from "../../../trigger/sync-connection";

/** Hands a queued job to Trigger.dev; one run at a time per connection (concurrencyKey). */
export async function triggerSyncTask(params: { jobId: string; connectionId: string }): Promise<string> {
  const handle = await tasks.trigger<typeof syncConnectionTask>(
    "sync-connection",
    { jobId: params.jobId },
    { idempotencyKey: `sync-job-${params.jobId}`, concurrencyKey: params.connectionId },
  );
  return handle.id;
}
