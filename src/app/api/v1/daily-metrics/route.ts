// GET /api/v1/daily-metrics — daily metrics by local date, merged across sources unless one is named, keyset-paged; session or key (read).
import { appApiV1Route } from "@/lib/api-v1/app-routes";

export const dynamic = "force-dynamic";

export const GET = appApiV1Route("listDailyMetrics");
