import { schemaTask } from "@trigger.dev/sdk";
import { z } from "zod";
import { runQueuedJob } from "../src/lib/jobs/run-queued-job";

// A sync a provider's push asked for, or the writing of a body it pushed; its own task so
// webhook bursts queue apart from scheduled work, and idempotent through the job id it is handed.
export const processProviderWebhookTask = schemaTask({
  id: "process-provider-webhook",
  schema: z.object({ jobId: z.uuid() }),
  queue: { name: "sync-connection" },
  retry: { maxAttempts: 4, factor: 2, minTimeoutInMs: 5_000, maxTimeoutInMs: 10 * 60_000 },
  run: ({ jobId }) => runQueuedJob(jobId),
});
