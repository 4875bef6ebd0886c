// GET /api/activities/:id/links — the activity's copies across sources and why each is linked. Session or X-API-Key.
import { activityLinkRoutes } from "@/lib/merge/activities/routes";

export const dynamic = "force-dynamic";

export const GET = activityLinkRoutes().get;
