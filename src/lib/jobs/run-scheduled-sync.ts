import type { Database } from "@/lib/db";
import { ensureWebhookSubscriptions, type SubscriptionReport } from "@/lib/webhooks/subscriptions";
import { enqueueDueSyncs } from "./enqueue-due-syncs";

/**
 * The scheduled pass: queue the syncs that are due, then keep the providers' app-level push
 * subscriptions alive (create what a failed connect left missing, renew what is about to expire).
 * The local runner ticks more often than subscriptions need, so it can leave them out; a failure
 * of one half does not skip the other, and the first failure is thrown once both have run.
 */
export async function runScheduledSync(
  db: Database,
  params: { appUrl: string; keepSubscriptions?: boolean },
): Promise<{ queued: number; subscriptions?: SubscriptionReport }> {
  const [queued, subscriptions] = await Promise.allSettled([
    enqueueDueSyncs(db),
    params.keepSubscriptions === false ? Promise.resolve(undefined) : ensureWebhookSubscriptions(db, { appUrl: params.appUrl }),
  ]);
  if (queued.status === "rejected") throw queued.reason;
  if (subscriptions.status === "rejected") throw subscriptions.reason;
  return { queued: queued.value, subscriptions: subscriptions.value };
}
