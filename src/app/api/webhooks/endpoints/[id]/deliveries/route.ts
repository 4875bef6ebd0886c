// GET /api/webhooks/endpoints/:id/deliveries?limit= — the endpoint's delivery log, newest first. Session or X-API-Key.
import { outboundWebhookRoutes } from "@/lib/outbound/routes";

export const dynamic = "force-dynamic";

export const GET = outboundWebhookRoutes().deliveries;
