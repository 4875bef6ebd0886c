import type { Database } from "@/lib/db";
import { deleteExpiredOAuthStates } from "@/lib/db/queries/oauth-states";
import { linkDueHistories } from "@/lib/merge/activities/link-history";
import { ensureWebhookSubscriptions, type SubscriptionReport } from "@/lib/webhooks/subscriptions";
import { enqueueDueSyncs } from "./enqueue-due-syncs";

/**
 * The scheduled pass: queue the syncs that are due, keep the providers' app-level push
 * subscriptions alive (create what a failed connect left missing, renew what is about to expire),
 * and drop OAuth states whose flow can no longer finish, so oauth_states does not grow with every
 * abandoned connect; and link the stored activities of people whose linking pass is due (the
 * history stored before linking existed, or after a new source order), a bounded number of
 * slices a tick. The local runner ticks more often than subscriptions need, so it can leave
 * them out; a failure of one part does not skip the others, and the first failure is thrown once
 * all have run.
 */
export async function runScheduledSync(
  db: Database,
  params: { appUrl: string; keepSubscriptions?: boolean },
): Promise<{ queued: number; subscriptions?: SubscriptionReport }> {
  const [queued, subscriptions, states, histories] = await Promise.allSettled([
    enqueueDueSyncs(db),
    params.keepSubscriptions === false
      ? Promise.resolve(undefined)
      : ensureWebhookSubscriptions(db, { appUrl: params.appUrl }),
    deleteExpiredOAuthStates(db, { before: new Date() }),
    linkDueHistories(db),
  ]);
  if (queued.status === "rejected") throw queued.reason;
  if (subscriptions.status === "rejected") throw subscriptions.reason;
  if (states.status === "rejected") throw states.reason;
  if (histories.status === "rejected") throw histories.reason;
  return { queued: queued.value, subscriptions: subscriptions.value };
}
