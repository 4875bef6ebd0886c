import { and, desc, eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { WorkoutStep } from "@/lib/workouts/plan-types";
import type { Database } from "../client";
import { workoutPlans, type WorkoutPlan } from "../schema";

type PlanFields = Pick<typeof workoutPlans.$inferInsert, "name" | "sport" | "description" | "scheduledDate"> & {
  steps: WorkoutStep[];
};

// A person lists their own plans; a few hundred is more than anyone plans by hand.
const LIST_LIMIT = 500;

export async function createWorkoutPlan(db: Database, params: { userId: string } & PlanFields): Promise<WorkoutPlan> {
  const [plan] = await db.insert(workoutPlans).values(params).returning();
  return plan!;
}

/** Newest first. */
export async function listWorkoutPlans(db: Database, params: { userId: string }): Promise<WorkoutPlan[]> {
  return db
    .select()
    .from(workoutPlans)
    .where(eq(workoutPlans.userId, params.userId))
    .orderBy(desc(workoutPlans.createdAt), desc(workoutPlans.id))
    .limit(LIST_LIMIT);
}

/** The plan, if it is this user's; anyone else's is as missing as one that never existed. */
export async function getWorkoutPlanOrThrow(
  db: Database,
  params: { userId: string; planId: string },
): Promise<WorkoutPlan> {
  const [plan] = await db
    .select()
    .from(workoutPlans)
    .where(and(eq(workoutPlans.id, params.planId), eq(workoutPlans.userId, params.userId)))
    .limit(1);
  if (!plan) throw new AppError("NOT_FOUND", "No such workout.");
  return plan;
}

export async function updateWorkoutPlan(
  db: Database,
  params: { userId: string; planId: string; changes: Partial<PlanFields> },
): Promise<WorkoutPlan> {
  const [plan] = await db
    .update(workoutPlans)
    .set({ ...params.changes, updatedAt: new Date() })
    .where(and(eq(workoutPlans.id, params.planId), eq(workoutPlans.userId, params.userId)))
    .returning();
  if (!plan) throw new AppError("NOT_FOUND", "No such workout.");
  return plan;
}

export async function deleteWorkoutPlan(db: Database, params: { userId: string; planId: string }): Promise<void> {
  const deleted = await db
    .delete(workoutPlans)
    .where(and(eq(workoutPlans.id, params.planId), eq(workoutPlans.userId, params.userId)))
    .returning({ id: workoutPlans.id });
  if (!deleted.length) throw new AppError("NOT_FOUND", "No such workout.");
}
