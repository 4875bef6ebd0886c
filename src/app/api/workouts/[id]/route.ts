// GET/PATCH/DELETE /api/workouts/:id — one workout plan of the caller's. Session or X-API-Key.
import { workoutRoutes } from "@/lib/workouts/routes";

export const dynamic = "force-dynamic";

const routes = workoutRoutes();
export const GET = routes.get;
export const PATCH = routes.update;
export const DELETE = routes.remove;
