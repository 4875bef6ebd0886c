// POST /api/activities/links {activityId, otherActivityId} links two by hand; DELETE {activityId} splits one off. Session or X-API-Key.
import { activityLinkRoutes } from "@/lib/merge/activities/routes";

export const dynamic = "force-dynamic";

const routes = activityLinkRoutes();
export const POST = routes.join;
export const DELETE = routes.split;
