// DELETE /api/webhooks/endpoints/:id — removes one of the caller's endpoints and its delivery log. Session or X-API-Key.
import { outboundWebhookRoutes } from "@/lib/outbound/routes";

export const dynamic = "force-dynamic";

export const DELETE = outboundWebhookRoutes().remove;
