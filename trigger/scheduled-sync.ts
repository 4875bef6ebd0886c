import { schedules } from "@trigger.dev/sdk";
import { getDb } from "../src/lib/db";
import { runScheduledSync } from "../src/lib/jobs/run-scheduled-sync";
import { getAppUrl } from "../src/lib/providers/routing";

// Hourly: one queued sync per connection not synced within the interval, and the providers'
// push subscriptions kept alive.
export const scheduledSyncTask = schedules.task({
  id: "scheduled-sync",
  cron: "7 * * * *",
  run: async () => runScheduledSync(await getDb(), { appUrl: getAppUrl() }),
});
