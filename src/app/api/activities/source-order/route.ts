// GET /api/activities/source-order — the sources' order per sport; PUT {sport, providers} sets one. Session or X-API-Key.
import { activityLinkRoutes } from "@/lib/merge/activities/routes";

export const dynamic = "force-dynamic";

const routes = activityLinkRoutes();
export const GET = routes.getSourceOrder;
export const PUT = routes.putSourceOrder;
