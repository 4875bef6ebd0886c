import { schedules } from "@trigger.dev/sdk";
import { getDb } from "../src/lib/db";
import { enqueueDueSyncs } from "../src/lib/jobs/enqueue-due-syncs";

// Hourly fan-out: one queued sync per connection not synced within the interval.
export const scheduledSyncTask = schedules.task({
  id: "scheduled-sync",
  cron: "7 * * * *",
  run: async () => ({ queued: await enqueueDueSyncs(await getDb()) }),
});
