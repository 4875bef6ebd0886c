// GET /api/v1/sleep — sleep sessions by night, keyset-paged; session or key (read).
import { appApiV1Route } from "@/lib/api-v1/app-routes";

export const dynamic = "force-dynamic";

export const GET = appApiV1Route("listSleep");
