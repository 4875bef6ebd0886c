import { queue, schemaTask } from "@trigger.dev/sdk";
import { z } from "zod";
import { runQueuedJob } from "../src/lib/jobs/run-queued-job";

// One run at a time per connection: concurrency 1 on this queue, keyed by connection id
// when triggered (src/lib/jobs/trigger-dispatch.ts).
const connectionQueue = queue({ name: "sync-connection", concurrencyLimit: 1 });

export const syncConnectionTask = schemaTask({
  id: "sync-connection",
  schema: z.object({ jobId: z.uuid() }),
  queue: connectionQueue,
  retry: { maxAttempts: 4, factor: 2, minTimeoutInMs: 15_000, maxTimeoutInMs: 30 * 60_000 },
  run: ({ jobId }) => runQueuedJob(jobId),
});
