import { schemaTask } from "@trigger.dev/sdk";
import { z } from "zod";
import { runQueuedJob } from "../src/lib/jobs/run-queued-job";

// A first or repeated full backfill. Same job body as sync-connection: the stored cursors
// decide how far back it reaches. Long-running, hence its own task and time limit.
export const backfillConnectionTask = schemaTask({
  id: "backfill-connection",
  schema: z.object({ jobId: z.uuid() }),
  queue: { name: "sync-connection" },
  maxDuration: 6 * 60 * 60,
  retry: { maxAttempts: 4, factor: 2, minTimeoutInMs: 15_000, maxTimeoutInMs: 30 * 60_000 },
  run: ({ jobId }) => runQueuedJob(jobId),
});
