// GET /api/forwarding/rules — the caller's forwarding rules; POST creates one. Session or X-API-Key.
import { forwardingRoutes } from "@/lib/forwarding/routes";

export const dynamic = "force-dynamic";

const routes = forwardingRoutes();
export const GET = routes.listRules;
export const POST = routes.createRule;
