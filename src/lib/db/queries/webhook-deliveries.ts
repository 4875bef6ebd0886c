import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { SentEventType } from "@/lib/outbound/event-types";
import type { Database } from "../client";
import {
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  type DeliveryStatus,
  type WebhookDelivery,
  type WebhookEvent,
} from "../schema";

export interface NewWebhookEvent {
  type: SentEventType;
  subject?: string | null;
  data: Record<string, unknown>;
  /** The endpoints it goes to: one delivery each. */
  endpointIds: string[];
}

/** Writes events and their deliveries; call it in the transaction of the write that caused them. */
export async function insertWebhookEvents(
  db: Database,
  params: { userId: string; events: NewWebhookEvent[] },
): Promise<WebhookEvent[]> {
  const wanted = params.events.filter((event) => event.endpointIds.length > 0);
  if (!wanted.length) return [];
  const events = await db
    .insert(webhookEvents)
    .values(
      wanted.map((event) => ({ userId: params.userId, type: event.type, subject: event.subject, data: event.data })),
    )
    .returning();
  const deliveries = events.flatMap((event, index) =>
    wanted[index]!.endpointIds.map((endpointId) => ({ userId: params.userId, eventId: event.id, endpointId })),
  );
  await db.insert(webhookDeliveries).values(deliveries);
  return events;
}

/** The status last reported for a connection (connection.status), or null if none was. */
export async function findLastReportedStatus(
  db: Database,
  params: { userId: string; connectionId: string },
): Promise<string | null> {
  const [event] = await db
    .select({ status: sql<string | null>`${webhookEvents.data}->>'status'` })
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.userId, params.userId),
        eq(webhookEvents.type, "connection.status"),
        eq(webhookEvents.subject, params.connectionId),
      ),
    )
    .orderBy(desc(webhookEvents.createdAt))
    .limit(1);
  return event?.status ?? null;
}

/**
 * Claims up to `limit` due deliveries, at most one per endpoint (a slow receiver holds one
 * worker, not all of them, and gets its events in order), by pushing their next attempt a lease
 * ahead: a worker that dies mid-request leaves them to the next pass once the lease is over.
 */
export async function claimDueDeliveries(
  db: Database,
  params: { now: Date; limit: number; leaseMs: number },
): Promise<string[]> {
  // Due times come from Postgres's now() (microseconds); `now` is a JavaScript Date (milliseconds),
  // so an event written in the same millisecond as `now` was taken counts as due.
  const now = params.now.toISOString();
  const dueBy = new Date(params.now.getTime() + 1).toISOString();
  const leaseUntil = new Date(params.now.getTime() + params.leaseMs).toISOString();
  const result = await db.execute<{ id: string }>(sql`
    with candidates as (
      select distinct on (endpoint_id) id, next_attempt_at from webhook_deliveries
      where status = 'pending' and next_attempt_at < ${dueBy}::timestamptz
      order by endpoint_id, next_attempt_at, created_at)
    update webhook_deliveries set next_attempt_at = ${leaseUntil}::timestamptz, attempts = attempts + 1,
      last_attempt_at = ${now}::timestamptz, updated_at = now()
    where id in (
      select d.id from webhook_deliveries d join candidates c on c.id = d.id
      where d.status = 'pending' and d.next_attempt_at < ${dueBy}::timestamptz
      order by c.next_attempt_at limit ${params.limit}
      for update of d skip locked)
    returning id`);
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: { id: string }[] }).rows;
  return rows.map((row) => row.id);
}

export interface DeliveryToSend {
  delivery: WebhookDelivery;
  event: WebhookEvent;
  endpoint: { url: string; encryptedSecret: string; isEnabled: boolean };
}

export async function findDeliveriesToSend(db: Database, params: { deliveryIds: string[] }): Promise<DeliveryToSend[]> {
  if (!params.deliveryIds.length) return [];
  return db
    .select({
      delivery: webhookDeliveries,
      event: webhookEvents,
      endpoint: {
        url: webhookEndpoints.url,
        encryptedSecret: webhookEndpoints.encryptedSecret,
        isEnabled: webhookEndpoints.isEnabled,
      },
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(inArray(webhookDeliveries.id, params.deliveryIds));
}

/** How an attempt ended: delivered, failed for good, or due again at `nextAttemptAt`. */
export async function recordDeliveryAttempt(
  db: Database,
  params: {
    deliveryId: string;
    status: DeliveryStatus;
    statusCode: number | null;
    error: string | null;
    nextAttemptAt: Date | null;
    now: Date;
  },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: params.status,
      lastStatusCode: params.statusCode,
      lastError: params.error,
      nextAttemptAt: params.nextAttemptAt,
      deliveredAt: params.status === "succeeded" ? params.now : null,
      updatedAt: new Date(),
    })
    .where(eq(webhookDeliveries.id, params.deliveryId));
}

export type DeliveryLogEntry = Pick<
  WebhookDelivery,
  "id" | "status" | "attempts" | "nextAttemptAt" | "lastStatusCode" | "lastError" | "deliveredAt" | "createdAt"
> & { eventId: string; type: SentEventType };

/** An endpoint's most recent deliveries, newest first; only the owner's. */
export async function listEndpointDeliveries(
  db: Database,
  params: { userId: string; endpointId: string; limit: number },
): Promise<DeliveryLogEntry[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      type: webhookEvents.type,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.userId, params.userId), eq(webhookDeliveries.endpointId, params.endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(params.limit);
}

/**
 * "Send again": a new delivery of the same event (same webhook-id, so a receiver that has it
 * can tell) to the same endpoint, due now, with a retry window of its own; only the owner's.
 */
export async function redeliver(
  db: Database,
  params: { userId: string; deliveryId: string },
): Promise<WebhookDelivery> {
  const [original] = await db
    .select({ eventId: webhookDeliveries.eventId, endpointId: webhookDeliveries.endpointId })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, params.deliveryId), eq(webhookDeliveries.userId, params.userId)))
    .limit(1);
  if (!original) throw new AppError("NOT_FOUND", "No such webhook delivery.");
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({ userId: params.userId, ...original })
    .returning();
  return delivery!;
}
