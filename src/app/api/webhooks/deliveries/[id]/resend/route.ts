// POST /api/webhooks/deliveries/:id/resend — sends a delivery's event to its endpoint again (same webhook-id). Session or X-API-Key.
import { outboundWebhookRoutes } from "@/lib/outbound/routes";

export const dynamic = "force-dynamic";

export const POST = outboundWebhookRoutes().resend;
