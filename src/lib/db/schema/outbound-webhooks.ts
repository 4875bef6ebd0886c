import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { SentEventType, WebhookEventType } from "@/lib/outbound/event-types";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";

// Outbound webhooks (Standard Webhooks): a person's endpoints, the events recorded for them (the
// outbox, written in the transaction of the write that caused them) and one delivery per event
// and endpoint, which the background dispatcher sends and retries (lib/outbound/deliver.ts).

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text().notNull(),
    events: text().array().$type<WebhookEventType[]>().notNull(),
    // "whsec_…" sealed with the app's encryption key: we must sign with it, so it cannot be a hash.
    encryptedSecret: text().notNull(),
    isEnabled: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("webhook_endpoints_user_idx").on(table.userId)],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export const webhookEvents = pgTable(
  "webhook_events",
  {
    // Sent as webhook-id: the same on every attempt and on "Send again", so receivers can dedupe.
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().$type<SentEventType>().notNull(),
    // What the event is about when one thing (a connection's id for connection.status): the last
    // status reported for a connection is looked up by it.
    subject: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("webhook_events_user_subject_idx").on(table.userId, table.type, table.subject, table.createdAt)],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventId: uuid()
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    status: text({ enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    // When the next attempt is due; a claimed delivery's is pushed a lease ahead, so a worker that
    // dies mid-request leaves it to be taken up again. Null once it succeeded or failed for good.
    nextAttemptAt: timestamp({ withTimezone: true }).defaultNow(),
    lastStatusCode: integer(),
    lastError: text(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("webhook_deliveries_due_idx")
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(table.endpointId, table.createdAt),
    index("webhook_deliveries_event_idx").on(table.eventId),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
