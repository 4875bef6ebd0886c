// GET /api/v1/export/:table?format=csv|json — one table streamed as CSV or JSON for a range; session or key (read).
import { appApiV1Route } from "@/lib/api-v1/app-routes";

export const dynamic = "force-dynamic";

export const GET = appApiV1Route("exportTable");
