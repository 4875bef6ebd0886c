// POST /api/workouts/:id/push { connectionId, date? } — sends the plan to a Garmin calendar. Session or X-API-Key.
import { workoutRoutes } from "@/lib/workouts/routes";

export const dynamic = "force-dynamic";

export const POST = workoutRoutes().push;
