// GET /api/v1/sources — connected accounts, activity sources and sample metrics; session or key (read).
import { appApiV1Route } from "@/lib/api-v1/app-routes";

export const dynamic = "force-dynamic";

export const GET = appApiV1Route("listSources");
