import type { Database } from "@/lib/db";
import {
  createWorkoutPlan,
  getWorkoutPlanOrThrow,
  listWorkoutPlans,
  updateWorkoutPlan,
} from "@/lib/db/queries/workout-plans";
import { listWorkoutPushes } from "@/lib/db/queries/workout-pushes";
import { createWorkoutPlanSchema, updateWorkoutPlanSchema, workoutSportStepsSchema } from "./plan-schema";
import { toWorkoutPlanView, type WorkoutPlanView } from "./plan-view";

// Plans in and out of the database from outside input (the API, the page's form): validated
// here, once, so the queries below trust what they get.

export async function createPlanFromInput(db: Database, params: { userId: string; input: unknown }) {
  const fields = createWorkoutPlanSchema.parse(params.input);
  const plan = await createWorkoutPlan(db, {
    userId: params.userId,
    ...fields,
    description: fields.description ?? null,
    scheduledDate: fields.scheduledDate ?? null,
  });
  return toWorkoutPlanView(plan);
}

/** A partial change; a new sport or new steps are checked against each other as a new plan's would be. */
export async function updatePlanFromInput(db: Database, params: { userId: string; planId: string; input: unknown }) {
  const changes = updateWorkoutPlanSchema.parse(params.input);
  const plan = await getWorkoutPlanOrThrow(db, params);
  if (changes.sport || changes.steps)
    workoutSportStepsSchema.parse({ sport: changes.sport ?? plan.sport, steps: changes.steps ?? plan.steps });
  const updated = await updateWorkoutPlan(db, { ...params, changes });
  return findPlanView(db, { userId: params.userId, planId: updated.id });
}

export async function listPlanViews(db: Database, params: { userId: string }): Promise<WorkoutPlanView[]> {
  const plans = await listWorkoutPlans(db, params);
  const pushes = await listWorkoutPushes(db, { userId: params.userId, planIds: plans.map((plan) => plan.id) });
  return plans.map((plan) => toWorkoutPlanView(plan, pushes));
}

export async function findPlanView(db: Database, params: { userId: string; planId: string }) {
  const plan = await getWorkoutPlanOrThrow(db, params);
  return toWorkoutPlanView(plan, await listWorkoutPushes(db, { userId: params.userId, planIds: [plan.id] }));
}
