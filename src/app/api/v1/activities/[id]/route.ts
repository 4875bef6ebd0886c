// GET /api/v1/activities/:id — one activity with its streams; session or key (read).
import { appApiV1Route } from "@/lib/api-v1/app-routes";

export const dynamic = "force-dynamic";

export const GET = appApiV1Route("getActivity");
