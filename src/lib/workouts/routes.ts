import { z } from "zod";
import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import type { Database } from "@/lib/db";
import { deleteWorkoutPlan } from "@/lib/db/queries/workout-plans";
import { readJsonBody } from "@/lib/http/json-body";
import { requestOrigin } from "@/lib/http/request-origin";
import { withApiCaller } from "@/lib/http/with-api-user";
import type { OpenWorkoutCalendar } from "./open-calendar";
import { pushWorkoutSchema } from "./plan-schema";
import { toWorkoutPushView } from "./plan-view";
import { createPlanFromInput, findPlanView, listPlanViews, updatePlanFromInput } from "./plans";
import { pushWorkoutPlan } from "./push-workout";

// The handlers behind /api/workouts, built around the database they use so tests can serve
// them on their own; the route files only bind them to the app's database.

const idSchema = z.object({ id: z.uuid({ message: "must be a workout id (UUID)" }) });
const noStore = { "cache-control": "no-store" };

export function workoutRoutes(deps: { getDb?: () => Promise<Database>; openCalendar?: OpenWorkoutCalendar } = {}) {
  // Reading plans needs a key's `read` scope; changing or sending them, `write`.
  const api = <Params extends object = object>(
    scope: ApiKeyScope,
    handler: Parameters<typeof withApiCaller<Params>>[0],
  ) => withApiCaller<Params>(handler, { scope, getDb: deps.getDb });

  return {
    list: api("read", async ({ db, userId }) =>
      Response.json({ workouts: await listPlanViews(db, { userId }) }, { headers: noStore }),
    ),

    create: api("write", async ({ db, userId, request }) =>
      Response.json(
        { workout: await createPlanFromInput(db, { userId, input: await readJsonBody(request) }) },
        { status: 201 },
      ),
    ),

    get: api<{ id: string }>("read", async ({ db, userId, params }) => {
      const { id } = idSchema.parse(params);
      return Response.json({ workout: await findPlanView(db, { userId, planId: id }) }, { headers: noStore });
    }),

    update: api<{ id: string }>("write", async ({ db, userId, params, request }) => {
      const { id } = idSchema.parse(params);
      const input = await readJsonBody(request);
      return Response.json({ workout: await updatePlanFromInput(db, { userId, planId: id, input }) });
    }),

    remove: api<{ id: string }>("write", async ({ db, userId, params }) => {
      const { id } = idSchema.parse(params);
      await deleteWorkoutPlan(db, { userId, planId: id });
      return new Response(null, { status: 204 });
    }),

    push: api<{ id: string }>("write", async ({ db, userId, params, request }) => {
      const { id } = idSchema.parse(params);
      const { connectionId, date } = pushWorkoutSchema.parse(await readJsonBody(request));
      const push = await pushWorkoutPlan(
        db,
        { userId, planId: id, connectionId, date, appUrl: requestOrigin(request) },
        deps.openCalendar,
      );
      return Response.json({ push: toWorkoutPushView(push) });
    }),
  };
}
