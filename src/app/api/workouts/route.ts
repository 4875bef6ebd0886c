// GET /api/workouts — the caller's workout plans with where each was sent; POST creates one. Session or X-API-Key.
import { workoutRoutes } from "@/lib/workouts/routes";

export const dynamic = "force-dynamic";

const routes = workoutRoutes();
export const GET = routes.list;
export const POST = routes.create;
