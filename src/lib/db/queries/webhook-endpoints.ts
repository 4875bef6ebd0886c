import { and, asc, eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { WebhookEventType } from "@/lib/outbound/event-types";
import type { Database } from "../client";
import { toPgArrayLiteral } from "../pg-array";
import { webhookEndpoints, type WebhookEndpoint } from "../schema";

export async function createWebhookEndpoint(
  db: Database,
  params: { userId: string; url: string; events: WebhookEventType[]; encryptedSecret: string },
): Promise<WebhookEndpoint> {
  const [endpoint] = await db.insert(webhookEndpoints).values(params).returning();
  return endpoint!;
}

export async function listWebhookEndpoints(db: Database, params: { userId: string }): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.userId, params.userId))
    .orderBy(asc(webhookEndpoints.createdAt));
}

export async function getWebhookEndpointOrThrow(
  db: Database,
  params: { userId: string; endpointId: string },
): Promise<WebhookEndpoint> {
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, params.endpointId), eq(webhookEndpoints.userId, params.userId)))
    .limit(1);
  if (!endpoint) throw new AppError("NOT_FOUND", "No such webhook endpoint.");
  return endpoint;
}

/** Deletes the endpoint and, with it, its deliveries (cascade); only the owner's. */
export async function deleteWebhookEndpoint(db: Database, params: { userId: string; endpointId: string }) {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, params.endpointId), eq(webhookEndpoints.userId, params.userId)))
    .returning({ id: webhookEndpoints.id });
  if (!rows.length) throw new AppError("NOT_FOUND", "No such webhook endpoint.");
}

/** The person's enabled endpoints that subscribe to any of these types: the check every write makes first. */
export async function findSubscribedEndpoints(
  db: Database,
  params: { userId: string; types: WebhookEventType[] },
): Promise<Array<Pick<WebhookEndpoint, "id" | "events">>> {
  if (!params.types.length) return [];
  return db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.userId, params.userId),
        eq(webhookEndpoints.isEnabled, true),
        sql`${webhookEndpoints.events} && ${toPgArrayLiteral(params.types)}::text[]`,
      ),
    );
}
