// GET /api/v1/activities — the caller's activities, keyset-paged, filtered by source, type and range; session or key (read).
import { appApiV1Route } from "@/lib/api-v1/app-routes";

export const dynamic = "force-dynamic";

export const GET = appApiV1Route("listActivities");
