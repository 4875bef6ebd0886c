import { tasks } from "@trigger.dev/sdk";
import type { backfillConnectionTask } from "../../../trigger/backfill-connection";
import type { processProviderWebhookTask } from "../../../trigger/process-provider-webhook";
import type { syncConnectionTask } from "../../../trigger/sync-connection";
import type { SyncKind } from "./types";

type SyncTask = typeof syncConnectionTask | typeof backfillConnectionTask | typeof processProviderWebhookTask;
const TASK_BY_KIND: Record<SyncKind, SyncTask["id"]> = {
  sync: "sync-connection",
  backfill: "backfill-connection",
  webhook: "process-provider-webhook",
  push: "process-provider-webhook",
  // Years of weigh-ins, window by window: long-running like a backfill.
  weight: "backfill-connection",
  // Uploads with status polling, several minutes for a long history.
  forward: "backfill-connection",
  // Years of days merged again, window by window.
  remerge: "backfill-connection",
};

/** Hands a queued job to Trigger.dev; one run at a time per connection (concurrencyKey). */
export async function triggerSyncTask(params: {
  jobId: string;
  /** What runs one at a time: a connection's id, or a person's for a job of their whole history. */
  connectionId: string;
  kind: SyncKind;
  /** Not before then (a forwarding retry's backoff). */
  runAfter?: Date;
}): Promise<string> {
  const handle = await tasks.trigger<SyncTask>(
    TASK_BY_KIND[params.kind],
    { jobId: params.jobId },
    {
      idempotencyKey: `sync-job-${params.jobId}`,
      concurrencyKey: params.connectionId,
      queue: "sync-connection",
      ...(params.runAfter && params.runAfter > new Date() ? { delay: params.runAfter } : {}),
    },
  );
  return handle.id;
}
