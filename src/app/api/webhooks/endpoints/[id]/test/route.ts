// POST /api/webhooks/endpoints/:id/test — queues a webhook.test event for this endpoint alone. Session or X-API-Key.
import { outboundWebhookRoutes } from "@/lib/outbound/routes";

export const dynamic = "force-dynamic";

export const POST = outboundWebhookRoutes().test;
