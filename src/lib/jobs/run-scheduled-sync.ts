import type { Database } from "@/lib/db";
import { ensureWebhookSubscriptions, type SubscriptionReport } from "@/lib/webhooks/subscriptions";
import { enqueueDueSyncs } from "./enqueue-due-syncs";

/**
 * The scheduled pass: queue the syncs that are due, then keep the providers' app-level push
 * subscriptions alive (create what a failed connect left missing, renew what is about to expire).
 */
export async function runScheduledSync(db: Database, params: { appUrl: string }): Promise<{ queued: number; subscriptions: SubscriptionReport }> {
  const queued = await enqueueDueSyncs(db);
  const subscriptions = await ensureWebhookSubscriptions(db, params);
  return { queued, subscriptions };
}
