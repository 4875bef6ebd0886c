// GET /api/v1/body-measurements — weigh-ins, keyset-paged; session or key (read).
import { appApiV1Route } from "@/lib/api-v1/app-routes";

export const dynamic = "force-dynamic";

export const GET = appApiV1Route("listBodyMeasurements");
