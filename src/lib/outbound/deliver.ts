import type { Database } from "@/lib/db/client";
import {
  claimDueDeliveries,
  findDeliveriesToSend,
  recordDeliveryAttempt,
  type DeliveryToSend,
} from "@/lib/db/queries/webhook-deliveries";
import { decryptSecret } from "@/lib/crypto/encryption";
import { sendWebhook, REQUEST_TIMEOUT_MS } from "./send";
import { webhookHeaders } from "./signature";
import { webhookUrlPolicy, type WebhookUrlPolicy } from "./url-safety";

/** Retries stop this long after the delivery was made ("at least once, for 24 hours"). */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;
// Longer than one request can take, so a live worker's claim never lapses under it.
const LEASE_MS = REQUEST_TIMEOUT_MS * 6;
const DELIVERIES_PER_PASS = 8;

/** 30 s, 90 s, 4.5 min, … tripling up to 6 h between attempts. */
export const retryDelayMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, 30_000 * 3 ** Math.max(0, attempts - 1));

/** When to try again after a failed attempt, or null when the window is over: the last try falls on its end. */
export function nextAttemptAfterFailure(delivery: { attempts: number; createdAt: Date }, now: Date): Date | null {
  const deadline = delivery.createdAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return null;
  return new Date(Math.min(deadline, now.getTime() + retryDelayMs(delivery.attempts)));
}

export interface DeliveryOptions {
  /** The clock: tests move it forward instead of waiting for a backoff. */
  now?: Date;
  policy?: WebhookUrlPolicy;
  timeoutMs?: number;
}

/**
 * One pass of the dispatcher: claims the deliveries that are due (at most one per endpoint) and
 * sends them side by side, each with its own timeout, so a slow or dead receiver costs one
 * request's time and never holds up a sync or an ingest (they only write to the outbox).
 * Returns how many were attempted.
 */
export async function deliverDueWebhooks(db: Database, options: DeliveryOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const ids = await claimDueDeliveries(db, { now, limit: DELIVERIES_PER_PASS, leaseMs: LEASE_MS });
  if (!ids.length) return 0;
  const policy = options.policy ?? webhookUrlPolicy();
  const claimed = await findDeliveriesToSend(db, { deliveryIds: ids });
  await Promise.all(claimed.map((item) => attemptDelivery(db, item, { now, policy, timeoutMs: options.timeoutMs })));
  return claimed.length;
}

async function attemptDelivery(
  db: Database,
  { delivery, event, endpoint }: DeliveryToSend,
  options: { now: Date; policy: WebhookUrlPolicy; timeoutMs?: number },
): Promise<void> {
  // The body is the same on every attempt; the timestamp and so the signature are the attempt's.
  const body = JSON.stringify({
    id: event.id,
    type: event.type,
    timestamp: event.createdAt.toISOString(),
    data: event.data,
  });
  const outcome = endpoint.isEnabled
    ? await sendWebhook({
        url: endpoint.url,
        body,
        headers: webhookHeaders({
          secret: decryptSecret(endpoint.encryptedSecret),
          id: event.id,
          body,
          now: options.now,
        }),
        policy: options.policy,
        timeoutMs: options.timeoutMs,
      })
    : { isDelivered: false, statusCode: null, error: "The endpoint is disabled." };
  const nextAttemptAt =
    outcome.isDelivered || !endpoint.isEnabled ? null : nextAttemptAfterFailure(delivery, options.now);
  await recordDeliveryAttempt(db, {
    deliveryId: delivery.id,
    status: outcome.isDelivered ? "succeeded" : nextAttemptAt ? "pending" : "failed",
    statusCode: outcome.statusCode,
    error: outcome.error,
    nextAttemptAt,
    now: options.now,
  });
}
