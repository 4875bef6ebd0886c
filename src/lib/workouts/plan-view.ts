import { PUSH_CLAIM_MS, type WorkoutPushWithConnection } from "@/lib/db/queries/workout-pushes";
import type { WorkoutPlan, WorkoutPush } from "@/lib/db/schema";
import { contentHashOf, contentOf } from "./content";

/** A push still "pending" long after its claim ran out was cut off (a restart): it says so, and can be sent again. */
function statusOf(push: WorkoutPush, now: number) {
  const isInterrupted = push.status === "pending" && (push.attemptStartedAt?.getTime() ?? 0) < now - PUSH_CLAIM_MS;
  return isInterrupted
    ? { status: "failed" as const, message: "Sending was interrupted; send it again." }
    : { status: push.status, message: push.message };
}

/** A push as the API and the page show it. */
export function toWorkoutPushView(push: WorkoutPush | WorkoutPushWithConnection, planHash?: string, now = Date.now()) {
  return {
    connectionId: push.connectionId,
    ...("provider" in push ? { provider: push.provider, connectionLabel: push.connectionLabel } : {}),
    ...statusOf(push, now),
    providerWorkoutId: push.providerWorkoutId,
    scheduleId: push.scheduleId,
    scheduledDate: push.scheduledDate,
    pushedAt: push.pushedAt?.toISOString() ?? null,
    // False once the plan was edited after this push: pushing again sends the changes.
    ...(planHash ? { isCurrent: push.contentHash === planHash } : {}),
  };
}

export type WorkoutPushView = ReturnType<typeof toWorkoutPushView>;

export function toWorkoutPlanView(plan: WorkoutPlan, pushes: readonly WorkoutPushWithConnection[] = []) {
  const planHash = contentHashOf(contentOf(plan));
  return {
    id: plan.id,
    name: plan.name,
    sport: plan.sport,
    description: plan.description,
    steps: plan.steps,
    scheduledDate: plan.scheduledDate,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    pushes: pushes.filter((push) => push.planId === plan.id).map((push) => toWorkoutPushView(push, planHash)),
  };
}

export type WorkoutPlanView = ReturnType<typeof toWorkoutPlanView>;
