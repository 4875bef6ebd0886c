// GET /api/v1/samples?metric= — one metric's samples, keyset-paged; session or key (read).
import { appApiV1Route } from "@/lib/api-v1/app-routes";

export const dynamic = "force-dynamic";

export const GET = appApiV1Route("listSamples");
