// GET/PATCH/DELETE /api/forwarding/rules/:id — one forwarding rule of the caller's. Session or X-API-Key.
import { forwardingRoutes } from "@/lib/forwarding/routes";

export const dynamic = "force-dynamic";

const routes = forwardingRoutes();
export const GET = routes.getRule;
export const PATCH = routes.updateRule;
export const DELETE = routes.deleteRule;
