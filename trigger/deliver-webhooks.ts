import { schedules } from "@trigger.dev/sdk";
import { getDb } from "../src/lib/db";
import { deliverDueWebhooks } from "../src/lib/outbound/deliver";

// Every minute: outbound webhook deliveries that are due (new events, retries), pass after pass
// while there are any, stopping short of the next run.
const RUN_BUDGET_MS = 50_000;

export const deliverWebhooksTask = schedules.task({
  id: "deliver-webhooks",
  cron: "* * * * *",
  run: async () => {
    const db = await getDb();
    const started = Date.now();
    let attempted = 0;
    while (Date.now() - started < RUN_BUDGET_MS) {
      const count = await deliverDueWebhooks(db);
      if (!count) break;
      attempted += count;
    }
    return { attempted };
  },
});
