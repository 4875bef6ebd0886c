// GET /api/webhooks/endpoints — the caller's outbound webhook endpoints; POST registers one (its secret is in the reply, once). Session or X-API-Key.
import { outboundWebhookRoutes } from "@/lib/outbound/routes";

export const dynamic = "force-dynamic";

const routes = outboundWebhookRoutes();
export const GET = routes.list;
export const POST = routes.create;
